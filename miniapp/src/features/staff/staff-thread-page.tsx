import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffToken } from "../../lib/session";
import { MessagesView } from "../chat/messages-view";

export function StaffThreadPage() {
  const id = useParams().id ?? "";
  const token = staffToken();
  const qc = useQueryClient();
  const [text, setText] = useState("");
  const [asNote, setAsNote] = useState(false);
  const thread = useQuery({
    queryKey: ["staff-thread", id],
    enabled: !!token,
    refetchInterval: 5000,
    queryFn: () => unwrap(client.api.conversations[":id"].$get({ param: { id } }, bearer(token!))),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ["staff-thread", id] });
  const send = useMutation({
    mutationFn: async (): Promise<void> => {
      const json = { text: text.trim() };
      if (asNote) await unwrap(client.api.conversations[":id"].notes.$post({ param: { id }, json }, bearer(token!)));
      else await unwrap(client.api.conversations[":id"].messages.$post({ param: { id }, json }, bearer(token!)));
    },
    onSuccess: () => {
      setText("");
      refresh();
    },
  });
  const resolve = useMutation({
    mutationFn: () => unwrap(client.api.conversations[":id"].resolve.$post({ param: { id } }, bearer(token!))),
    onSuccess: refresh,
  });
  if (!token) return <Navigate to="/staff" replace />;
  const conv = thread.data?.conversation;
  const context = conv?.context as { question?: string } | null | undefined;
  return (
    <Page className="page">
      <AppHeader title="Trả lời công dân" />
      {thread.isPending && <Skeleton lines={5} />}
      {thread.isError && <ErrorState error={thread.error} onRetry={() => thread.refetch()} />}
      {thread.data && conv && (
        <Box className="card">
          <Text size="small" className="muted">
            {conv.field ?? "Câu hỏi chung"}
            {conv.procedureCode ? ` · thủ tục ${conv.procedureCode}` : ""}
          </Text>
          {context?.question && <Text size="small">Câu đã hỏi trợ lý: “{context.question}”</Text>}
          <MessagesView messages={thread.data.messages} mine="officer" />
          {conv.rating != null && (
            <Text className="muted">
              Công dân đánh giá {conv.rating}/5{conv.ratingComment ? `: ${conv.ratingComment}` : ""}
            </Text>
          )}
          <form
            className="ask-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) send.mutate();
            }}
          >
            <textarea
              className="ask-input"
              rows={3}
              lang="vi"
              maxLength={2000}
              aria-label="Nội dung trả lời"
              placeholder={asNote ? "Ghi chú nội bộ (dân không thấy)" : "Trả lời công dân…"}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <Button htmlType="submit" disabled={!text.trim()} loading={send.isPending}>
              {asNote ? "Lưu ghi chú" : "Gửi"}
            </Button>
          </form>
          <label className="inline">
            <input type="checkbox" checked={asNote} onChange={(e) => setAsNote(e.target.checked)} /> Ghi chú nội bộ
          </label>
          {conv.status !== "resolved" && (
            <Button variant="secondary" loading={resolve.isPending} onClick={() => resolve.mutate()}>
              Đánh dấu đã xong
            </Button>
          )}
        </Box>
      )}
    </Page>
  );
}
