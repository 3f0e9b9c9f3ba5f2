import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { useCurrentWard } from "../../lib/current-ward";
import { pollInterval, useLive } from "../../lib/live";
import { discard, enqueue, newClientMessageId, retry, useOutbox } from "../../lib/outbox";
import { bearer, citizenToken } from "../../lib/session";
import { CallbackCard } from "./callback-card";
import { MessagesView } from "./messages-view";

/** A citizen's thread; replies arrive over the live socket (polling as the fallback). */
export function ChatPage() {
  const id = useParams().id ?? "";
  const qc = useQueryClient();
  const { ward } = useCurrentWard();
  const [wardCode, setWardCode] = useState<string>();
  const live = useLive(citizenToken, wardCode, (changed) => {
    if (changed === id) void qc.invalidateQueries({ queryKey: ["thread", id] });
  });
  const thread = useQuery({
    queryKey: ["thread", id],
    refetchInterval: pollInterval(live),
    queryFn: async () => {
      const res = await unwrap(client.api.conversations[":id"].$get({ param: { id } }, bearer(await citizenToken())));
      setWardCode(res.conversation.wardCode);
      return res;
    },
  });
  const [text, setText] = useState("");
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  // Replies go through the outbox: typed offline, they wait on the device and go out once.
  const waiting = useOutbox().filter((m) => m.kind === "message" && m.conversationId === id);
  const send = () => {
    const body = text.trim();
    if (!body) return;
    setText("");
    void enqueue({ id: newClientMessageId(), createdAt: Date.now(), kind: "message", conversationId: id, text: body });
  };
  const rate = useMutation({
    mutationFn: async () =>
      unwrap(
        client.api.conversations[":id"].rating.$post(
          { param: { id }, json: { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) } },
          bearer(await citizenToken()),
        ),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["thread", id] }),
  });
  const conv = thread.data?.conversation;
  return (
    <Page className="page">
      <AppHeader title="Tin nhắn với cán bộ" />
      {thread.isPending && <Skeleton lines={5} />}
      {thread.isError && !thread.data && <ErrorState error={thread.error} onRetry={() => thread.refetch()} />}
      {thread.data && conv && (
        <Box className="card">
          <Text size="small" className="muted">
            {conv.field ?? "Câu hỏi chung"} ·{" "}
            {conv.status === "resolved" ? "Đã trả lời xong" : conv.status === "pending" ? "Cán bộ đã trả lời" : "Đang chờ cán bộ trả lời"}
          </Text>
          <MessagesView messages={thread.data.messages} mine="citizen" />
          {waiting.map((m) => (
            <div key={m.id} className="user-bubble pending-bubble" data-pending={m.id} role="status">
              <div className="bubble-text">{m.kind === "message" ? m.text : ""}</div>
              {m.error ? (
                <div className="row">
                  <Text size="xSmall" className="warning">
                    Không gửi được: {m.error}
                  </Text>
                  <Button size="small" variant="tertiary" onClick={() => retry(m.id)}>
                    Thử lại
                  </Button>
                  <Button size="small" variant="tertiary" onClick={() => discard(m.id)}>
                    Bỏ
                  </Button>
                </div>
              ) : (
                <Text size="xSmall" className="muted">
                  Đang chờ gửi… (tự gửi khi có mạng)
                </Text>
              )}
            </div>
          ))}
          {conv.status !== "resolved" && (
            <CallbackCard
              conversationId={conv.id}
              requested={conv.callbackRequested}
              wardName={ward?.code === conv.wardCode ? ward.name : "xã, phường"}
              onChange={() => qc.invalidateQueries({ queryKey: ["thread", id] })}
            />
          )}
          {conv.status === "resolved" && conv.rating == null && (
            <div className="rating" aria-label="Đánh giá câu trả lời">
              <Text>Bạn thấy câu trả lời thế nào?</Text>
              <div className="stars">
                {[1, 2, 3, 4, 5].map((n) => (
                  <button key={n} type="button" className={`star ${n <= rating ? "on" : ""}`} aria-label={`${n} sao`} aria-pressed={n <= rating} onClick={() => setRating(n)}>
                    ★
                  </button>
                ))}
              </div>
              <textarea className="ask-input" rows={2} aria-label="Góp ý thêm" placeholder="Góp ý thêm (không bắt buộc)" value={comment} onChange={(e) => setComment(e.target.value)} />
              <Button size="small" disabled={!rating} loading={rate.isPending} onClick={() => rate.mutate()}>
                Gửi đánh giá
              </Button>
            </div>
          )}
          {conv.rating != null && <Text className="muted">Bạn đã đánh giá {conv.rating}/5. Cảm ơn bạn!</Text>}
          <form
            className="ask-form"
            onSubmit={(e) => {
              e.preventDefault();
              send();
            }}
          >
            <textarea className="ask-input" rows={2} lang="vi" maxLength={2000} aria-label="Trả lời" placeholder="Nhắn thêm…" value={text} onChange={(e) => setText(e.target.value)} />
            <Button htmlType="submit" disabled={!text.trim()}>
              Gửi
            </Button>
          </form>
        </Box>
      )}
    </Page>
  );
}
