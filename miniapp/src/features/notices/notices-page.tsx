import { Navigate } from "react-router-dom";
import { Page } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useCurrentWard } from "../../lib/current-ward";
import { NoticeCard } from "./notice-card";
import { useNotices } from "./queries";

export function NoticesPage() {
  const { ward } = useCurrentWard();
  const notices = useNotices(ward?.code);
  if (!ward) return <Navigate to="/ward" replace />;
  return (
    <Page className="page">
      <AppHeader title={`Thông báo của ${ward.name}`} />
      {notices.isPending && <Skeleton lines={4} />}
      {notices.isError && <ErrorState error={notices.error} onRetry={() => notices.refetch()} />}
      {notices.data?.items.length === 0 && <EmptyState>Hiện chưa có thông báo nào.</EmptyState>}
      {notices.data?.items.map((n) => <NoticeCard key={n.id} notice={n} />)}
    </Page>
  );
}
