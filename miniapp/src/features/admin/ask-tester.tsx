import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Box, Button, Text } from "zmp-ui";
import { client, unwrap } from "../../lib/api";

/** What the chatbot answers this ward's citizens, so the admin can check an entry works. */
export function AskTester({ wardCode }: { wardCode?: string }) {
  const [question, setQuestion] = useState("");
  const ask = useMutation({
    mutationFn: (q: string) => unwrap(client.api.ask.$post({ json: { question: q, ...(wardCode ? { wardCode } : {}) } })),
  });
  const reply = ask.data;
  let verdict = "";
  if (reply?.kind === "answer" && "answer" in reply && reply.answer) {
    verdict = reply.answer.source === "ward_faq" ? `Trả lời bằng câu hỏi của phường: "${reply.answer.name}"` : `Trả lời bằng thủ tục: ${reply.answer.name}`;
    if (reply.answer.source === "catalog" && reply.answer.wardNotes.length) verdict += ` (kèm ${reply.answer.wardNotes.length} lưu ý của phường)`;
  } else if (reply?.kind === "clarify") verdict = `Hỏi lại người dân để chọn: ${reply.matches.map((m) => m.name).join("; ")}`;
  else if (reply) verdict = "Chưa trả lời được: người dân được mời hỏi cán bộ.";
  return (
    <Box className="card">
      <Text.Title size="small">Thử hỏi như người dân</Text.Title>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (question.trim()) ask.mutate(question.trim());
        }}
      >
        <input className="text-input" aria-label="Câu hỏi thử" value={question} maxLength={1000} onChange={(e) => setQuestion(e.target.value)} placeholder="vd: thu 7 phuong co lam ko" />
        <Button htmlType="submit" size="small" variant="secondary" loading={ask.isPending}>
          Thử
        </Button>
      </form>
      {verdict && (
        <Text size="small" className="ask-verdict">
          {verdict}
        </Text>
      )}
      {ask.isError && <Text size="small">{ask.error.message}</Text>}
    </Box>
  );
}
