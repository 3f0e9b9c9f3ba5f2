import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { retry, useOutbox } from "../../lib/outbox";
import { bearer, citizenToken } from "../../lib/session";

const STATUS = { open: "Đang chờ cán bộ", pending: "Cán bộ đã trả lời", resolved: "Đã xong" } as const;

/** The citizen's own conversations, newest first, with unread replies marked. */
export function MyChatsPage() {
  const navigate = useNavigate();
  const waiting = useOutbox().filter((i) => i.kind === "conversation");
  const list = useQuery({
    queryKey: ["my-chats"],
    refetchInterval: 30_000,
    queryFn: async () => unwrap(client.api.conversations.$get({ query: {} }, bearer(await citizenToken()))),
  });
  return (
    <Page className="page">
      <AppHeader title="Tin nhắn của tôi" />
      {waiting.map((i) => (
        <div key={i.id} className="card inbox-item pending-bubble" data-pending={i.id} role="status">
          <Text size="small" className="clamp-2">
            {i.kind === "conversation" ? i.body.text : ""}
          </Text>
          <Text size="xSmall" className={i.error ? "warning" : "muted"}>
            {i.error ? `Không gửi được: ${i.error}` : "Đang chờ gửi… (tự gửi khi có mạng)"}
          </Text>
          {i.error && (
            <button type="button" className="link-button" onClick={() => retry(i.id)}>
              Thử lại
            </button>
          )}
        </div>
      ))}
      {list.isPending && <Skeleton lines={4} />}
      {list.isError && !list.data && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.data && list.data.items.length === 0 && <EmptyState>Bạn chưa nhắn tin cho cán bộ nào.</EmptyState>}
      {list.data?.items.map((c) => (
        <button key={c.id} className="card inbox-item" data-conversation={c.id} onClick={() => navigate(`/chat/${c.id}`)}>
          <div className="row-between">
            <h2 className="sub-title">{c.field ?? "Câu hỏi chung"}</h2>
            {c.unread > 0 && (
              <span className="badge" aria-label={`${c.unread} tin chưa đọc`}>
                {c.unread}
              </span>
            )}
          </div>
          <Text size="small" className="clamp-2">
            {c.subject}
          </Text>
          <Text size="xSmall" className="muted">
            {STATUS[c.status]}
            {c.channel === "zalo_oa" ? " · bắt đầu từ Zalo OA của phường" : ""}
          </Text>
        </button>
      ))}
    </Page>
  );
}
