import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, citizenToken } from "../../lib/session";
import { MessagesView } from "./messages-view";

/** A citizen's thread; new replies arrive by polling every 5 s while the page is open. */
export function ChatPage() {
  const id = useParams().id ?? "";
  const qc = useQueryClient();
  const thread = useQuery({
    queryKey: ["thread", id],
    refetchInterval: 5000,
    queryFn: async () => unwrap(client.api.conversations[":id"].$get({ param: { id } }, bearer(await citizenToken()))),
  });
  const [text, setText] = useState("");
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const reply = useMutation({
    mutationFn: async () =>
      unwrap(client.api.conversations[":id"].messages.$post({ param: { id }, json: { text: text.trim() } }, bearer(await citizenToken()))),
    onSuccess: () => {
      setText("");
      qc.invalidateQueries({ queryKey: ["thread", id] });
    },
  });
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
      {thread.isError && <ErrorState error={thread.error} onRetry={() => thread.refetch()} />}
      {thread.data && conv && (
        <Box className="card">
          <Text size="small" className="muted">
            {conv.field ?? "Câu hỏi chung"} ·{" "}
            {conv.status === "resolved" ? "Đã trả lời xong" : conv.status === "pending" ? "Cán bộ đã trả lời" : "Đang chờ cán bộ trả lời"}
          </Text>
          <MessagesView messages={thread.data.messages} mine="citizen" />
          {conv.status === "resolved" && conv.rating == null && (
            <div className="rating" aria-label="Đánh giá câu trả lời">
              <Text>Bạn thấy câu trả lời thế nào?</Text>
              <div className="stars">
                {[1, 2, 3, 4, 5].map((n) => (
                  <button key={n} className={`star ${n <= rating ? "on" : ""}`} aria-label={`${n} sao`} onClick={() => setRating(n)}>
                    ★
                  </button>
                ))}
              </div>
              <textarea className="ask-input" rows={2} placeholder="Góp ý thêm (không bắt buộc)" value={comment} onChange={(e) => setComment(e.target.value)} />
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
              if (text.trim()) reply.mutate();
            }}
          >
            <textarea className="ask-input" rows={2} lang="vi" maxLength={2000} aria-label="Trả lời" placeholder="Nhắn thêm…" value={text} onChange={(e) => setText(e.target.value)} />
            <Button htmlType="submit" disabled={!text.trim()} loading={reply.isPending}>
              Gửi
            </Button>
          </form>
        </Box>
      )}
    </Page>
  );
}
