import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffLogout, staffToken } from "../../lib/session";

const VIEWS = [
  ["mine", "Của tôi"],
  ["unassigned", "Chưa giao"],
  ["all", "Tất cả"],
] as const;
const STATUS = { open: "Chờ trả lời", pending: "Chờ dân phản hồi", resolved: "Đã xong" } as const;

function waiting(ms: number) {
  const min = Math.max(0, Math.round((Date.now() - ms) / 60000));
  return min < 60 ? `${min} phút` : min < 24 * 60 ? `${Math.round(min / 60)} giờ` : `${Math.round(min / 1440)} ngày`;
}

/** Officers' inbox (role-gated): works on a 360 px phone and on a desktop at the centre. */
export function InboxPage() {
  const navigate = useNavigate();
  const token = staffToken();
  const [view, setView] = useState<"mine" | "unassigned" | "all">("mine");
  const [status, setStatus] = useState<"" | "open" | "pending" | "resolved">("");
  const inbox = useQuery({
    queryKey: ["inbox", view, status],
    enabled: !!token,
    refetchInterval: 10_000,
    queryFn: () => unwrap(client.api.conversations.$get({ query: { view, ...(status ? { status } : {}) } }, bearer(token!))),
  });
  if (!token) return <Navigate to="/staff" replace />;
  return (
    <Page className="page">
      <AppHeader title="Hộp thư cán bộ" back={false} />
      <Box className="pad toolbar">
        {VIEWS.map(([v, label]) => (
          <button key={v} className={`chip chip-button ${view === v ? "chip-primary" : ""}`} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
        <select className="text-input" aria-label="Trạng thái" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">Mọi trạng thái</option>
          {Object.entries(STATUS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <Button
          size="small"
          variant="tertiary"
          onClick={() => {
            staffLogout();
            navigate("/staff", { replace: true });
          }}
        >
          Đăng xuất
        </Button>
      </Box>
      {inbox.isPending && <Skeleton lines={6} />}
      {inbox.isError && <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />}
      {inbox.data && inbox.data.items.length === 0 && <EmptyState>Không có cuộc trò chuyện nào.</EmptyState>}
      {inbox.data?.items.map((c) => (
        <button key={c.id} className="card inbox-item" data-conversation={c.id} onClick={() => navigate(`/staff/c/${c.id}`)}>
          <Text.Title size="small">{c.field ?? "Câu hỏi chung"}</Text.Title>
          <Text size="small" className="muted">
            {STATUS[c.status]} · {c.assignedOfficerId ? "đã giao" : "chưa giao"}
            {c.status === "open" && !c.firstResponseAt ? ` · chờ ${waiting(c.createdAt)}` : ""}
          </Text>
        </button>
      ))}
    </Page>
  );
}
