import { Button, List } from "zmp-ui";
import { useNavigate } from "react-router-dom";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import type { ProcedureFilter } from "./queries";
import { useProcedureList } from "./queries";

export function ProcedureList({ filter, enabled = true, empty }: { filter: ProcedureFilter; enabled?: boolean; empty: string }) {
  const navigate = useNavigate();
  const list = useProcedureList(filter, enabled);
  if (!enabled) return null;
  if (list.isPending) return <Skeleton lines={6} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      <List className="procedure-list">
        {items.map((p) => (
          <List.Item
            key={p.code}
            title={p.name}
            subTitle={`${p.field ?? ""}${p.levels.includes("xa") ? "" : " · không làm ở cấp xã"}`}
            onClick={() => navigate(`/procedures/${encodeURIComponent(p.code)}`)}
            data-code={p.code}
          />
        ))}
      </List>
      {list.hasNextPage && (
        <div className="pad">
          <Button fullWidth variant="secondary" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Xem thêm
          </Button>
        </div>
      )}
    </>
  );
}
