import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { useCurrentWard } from "../../lib/current-ward";
import { useOnline } from "../../lib/network";
import { enqueue, onOutboxSent, useOutbox } from "../../lib/outbox";

/** A citizen writes to the ward's officers about a procedure or field. */
export function NewChatPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { ward } = useCurrentWard();
  const online = useOnline();
  const procedureCode = params.get("procedure") ?? undefined;
  const field = params.get("field") ?? undefined;
  const question = params.get("q") ?? undefined;
  const [text, setText] = useState(question ?? "");
  // One id per draft: a retry after a dropped connection creates one conversation, not two.
  const [clientMessageId] = useState(() => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  const queued = useOutbox().find((i) => i.id === clientMessageId);
  const [sending, setSending] = useState(false);
  // Delivered (now or when the network came back): open the thread.
  useEffect(
    () =>
      onOutboxSent((item, conversationId) => {
        if (item.id === clientMessageId && conversationId) navigate(`/chat/${conversationId}`, { replace: true });
      }),
    [clientMessageId, navigate],
  );
  const send = async () => {
    setSending(true);
    await enqueue({
      id: clientMessageId,
      createdAt: Date.now(),
      kind: "conversation",
      body: {
        wardCode: ward!.code,
        text: text.trim(),
        ...(procedureCode ? { procedureCode } : {}),
        ...(field && !procedureCode ? { field } : {}),
        ...(question ? { context: { question, matches: [] } } : {}),
      },
    });
    setSending(false);
  };
  return (
    <Page className="page">
      <AppHeader title="Nhắn tin cho cán bộ" />
      <Box className="card">
        {!ward ? (
          <>
            <Text>Bạn chọn xã, phường trước nhé.</Text>
            <Button onClick={() => navigate("/ward")}>Chọn xã, phường</Button>
          </>
        ) : (
          <>
            <Text size="small" className="muted">
              Gửi tới cán bộ {ward.name}. Cán bộ trả lời trong giờ làm việc; bạn xem trả lời tại mục Tin nhắn.
            </Text>
            <textarea
              className="ask-input"
              rows={5}
              lang="vi"
              maxLength={2000}
              aria-label="Nội dung tin nhắn"
              placeholder="Bạn cần hỏi gì?"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <Text size="xSmall" className="muted">
              Một Cửa chỉ gửi nội dung này và mã tài khoản Zalo của bạn cho cán bộ, không lấy số điện thoại.
            </Text>
            {queued?.error && <Text className="warning">{queued.error}</Text>}
            {queued && !queued.error && (
              <Text className="warning" role="status">
                {online ? "Đang gửi…" : "Chưa có mạng. Tin nhắn đã được lưu trên máy và sẽ tự gửi khi có mạng."}
              </Text>
            )}
            <Button disabled={!text.trim() || (!!queued && !queued.error)} loading={sending && online} onClick={() => void send()}>
              Gửi
            </Button>
          </>
        )}
      </Box>
    </Page>
  );
}
