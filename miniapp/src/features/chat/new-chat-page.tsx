import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { client, unwrap } from "../../lib/api";
import { useCurrentWard } from "../../lib/current-ward";
import { bearer, citizenToken } from "../../lib/session";

/** A citizen writes to the ward's officers about a procedure or field. */
export function NewChatPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { ward } = useCurrentWard();
  const procedureCode = params.get("procedure") ?? undefined;
  const field = params.get("field") ?? undefined;
  const question = params.get("q") ?? undefined;
  const [text, setText] = useState(question ?? "");
  // One id per draft: a retry after a dropped connection creates one conversation, not two.
  const [clientMessageId] = useState(() => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  const send = useMutation({
    mutationFn: async () =>
      unwrap(
        client.api.conversations.$post(
          {
            json: {
              wardCode: ward!.code,
              text: text.trim(),
              clientMessageId,
              ...(procedureCode ? { procedureCode } : {}),
              ...(field && !procedureCode ? { field } : {}),
              ...(question ? { context: { question, matches: [] } } : {}),
            },
          },
          bearer(await citizenToken()),
        ),
      ),
    onSuccess: (res) => navigate(`/chat/${res.conversation.id}`, { replace: true }),
  });
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
            {send.isError && <Text className="warning">{(send.error as Error).message}</Text>}
            <Button disabled={!text.trim()} loading={send.isPending} onClick={() => send.mutate()}>
              Gửi
            </Button>
          </>
        )}
      </Box>
    </Page>
  );
}
