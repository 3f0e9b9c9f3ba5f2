import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, useNavigate, useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { pollInterval, useLive } from "../../lib/live";
import { bearer, staffSession, staffToken } from "../../lib/session";
import { callPhone } from "../../lib/zalo";
import { MessagesView } from "../chat/messages-view";
import { ZaloWindowBanner } from "../zalo-oa/window-banner";
import { CannedReplies } from "./canned-replies";
import { firstResponseText, overdue } from "./waiting";

export function StaffThreadPage() {
  const id = useParams().id ?? "";
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [asNote, setAsNote] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ["staff-thread", id] });
  const live = useLive(async () => staffToken(), session?.ward, (changed) => changed === id && void refresh());
  const thread = useQuery({
    queryKey: ["staff-thread", id],
    enabled: !!token,
    refetchInterval: pollInterval(live),
    queryFn: () => unwrap(client.api.conversations[":id"].$get({ param: { id } }, bearer(token!))),
  });
  const contacts = useQuery({
    queryKey: ["contacts", session?.ward],
    enabled: !!session?.ward,
    staleTime: 10 * 60_000,
    queryFn: () => unwrap(client.api.wards[":code"].contacts.$get({ param: { code: session!.ward! }, query: {} })),
  });
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
  const assign = useMutation({
    mutationFn: (officerId: string) => unwrap(client.api.conversations[":id"].assign.$post({ param: { id }, json: { officerId } }, bearer(token!))),
    onSuccess: refresh,
  });
  if (!token) return <Navigate to="/staff" replace />;
  const conv = thread.data?.conversation;
  const context = conv?.context as { question?: string } | null | undefined;
  const messages = thread.data?.messages ?? [];
  const firstQuestion = messages.find((m) => m.authorRole === "citizen")?.text;
  const lastReply = [...messages].reverse().find((m) => m.authorRole === "officer" && m.kind === "message")?.text;
  return (
    <Page className="page">
      <AppHeader title="Trả lời công dân" />
      {thread.isPending && <Skeleton lines={5} />}
      {thread.isError && <ErrorState error={thread.error} onRetry={() => thread.refetch()} />}
      {thread.data && conv && (
        <Box className="card inbox-layout">
          <div className="row-between">
            <Text size="small" className="muted">
              {conv.field ?? "Câu hỏi chung"}
              {conv.procedureCode ? ` · thủ tục ${conv.procedureCode}` : ""}
            </Text>
            <span className={`badge ${overdue(conv) ? "badge-warn" : "badge-soft"}`} data-testid="first-response">
              {firstResponseText(conv)}
            </span>
          </div>
          {conv.channel === "zalo_oa" && <span className="badge badge-zalo">Zalo OA</span>}
          {thread.data.zalo && <ZaloWindowBanner zalo={thread.data.zalo} />}
          {context?.question && <Text size="small">Câu đã hỏi trợ lý: “{context.question}”</Text>}
          {conv.callbackPhone && (
            <div className="callback-card">
              <Text size="small">Công dân nhờ gọi lại (đã đồng ý chia sẻ số; số tự xóa khi đánh dấu xong).</Text>
              <Button size="small" onClick={() => callPhone(conv.callbackPhone!)}>
                Gọi {conv.callbackPhone}
              </Button>
            </div>
          )}
          <label className="assign-field">
            <Text size="small">Người phụ trách:</Text>
            <select
              className="text-input"
              aria-label="Giao cho cán bộ"
              value={conv.assignedOfficerId ?? ""}
              onChange={(e) => e.target.value && assign.mutate(e.target.value)}
            >
              <option value="">Chưa giao</option>
              {contacts.data?.officers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                  {o.onDuty ? "" : " (vắng)"}
                </option>
              ))}
            </select>
          </label>
          <MessagesView messages={thread.data.messages} mine="officer" />
          {conv.rating != null && (
            <Text className="muted">
              Công dân đánh giá {conv.rating}/5{conv.ratingComment ? `: ${conv.ratingComment}` : ""}
            </Text>
          )}
          <CannedReplies conversationId={id} token={token} onPick={(t) => setText(t)} />
          <form
            className="ask-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) send.mutate();
            }}
          >
            <textarea
              className="ask-input"
              rows={asNote ? 3 : 6}
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
          {send.isError && <Text className="warning">{(send.error as Error).message}</Text>}
          <label className="inline">
            <input type="checkbox" checked={asNote} onChange={(e) => setAsNote(e.target.checked)} /> Ghi chú nội bộ
          </label>
          {conv.status !== "resolved" && (
            <Button variant="secondary" loading={resolve.isPending} onClick={() => resolve.mutate()}>
              Đánh dấu đã xong
            </Button>
          )}
          {session?.role === "ward_admin" && lastReply && (
            // The same question comes back every week: the admin turns the answer into an FAQ entry.
            <Button
              variant="tertiary"
              onClick={() =>
                navigate("/staff/faqs", {
                  state: {
                    draft: {
                      question: (firstQuestion ?? conv.subject).slice(0, 300),
                      answer: lastReply.slice(0, 2000),
                      procedureCode: conv.procedureCode,
                    },
                  },
                })
              }
            >
              Lưu thành câu hỏi thường gặp
            </Button>
          )}
        </Box>
      )}
    </Page>
  );
}
