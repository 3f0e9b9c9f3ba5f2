import { useEffect, useRef, useState } from "react";
import { Box, Button, Text } from "zmp-ui";
import { useCurrentWard } from "../../lib/current-ward";
import { AnswerCard } from "./answer-card";
import { useAsk } from "./use-ask";

const EXAMPLES = ["Làm giấy khai sinh cần gì?", "Đăng ký tạm trú mất bao lâu?", "Chứng thực bản sao phí bao nhiêu?"];

/** The ask screen: a short conversation where each reply is a card built from the record. */
export function AskPanel() {
  const { ward } = useCurrentWard();
  const { turns, recent, askQuestion, pending } = useAsk(ward?.code);
  const [text, setText] = useState("");
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces matter: newer browsers return a Promise from scrollIntoView, and an effect may
    // only return a cleanup function.
    if (turns.length) endRef.current?.scrollIntoView({ block: "end", behavior: "smooth" });
  }, [turns]);

  const submit = () => {
    if (!text.trim() || pending) return;
    askQuestion(text);
    setText("");
  };
  const suggestions = recent.length ? recent : EXAMPLES;

  return (
    <Box className="card ask-panel">
      <Text.Title size="small">Hỏi về thủ tục</Text.Title>
      {turns.length === 0 && (
        <>
          <Text size="small" className="muted">
            Gõ câu hỏi như khi nhắn tin, có dấu hay không dấu đều được.
          </Text>
          <div className="chips suggestions">
            {suggestions.map((q) => (
              <button key={q} className="chip chip-button" onClick={() => askQuestion(q)}>
                {q}
              </button>
            ))}
          </div>
        </>
      )}
      <div className="conversation" aria-live="polite">
        {turns.map((t) => (
          <div key={t.id} className="turn">
            <div className="user-bubble">{t.question}</div>
            {t.reply ? (
              <AnswerCard reply={t.reply} question={t.question} />
            ) : t.error ? (
              <div className="bot-card" data-kind="error" role="alert">
                <Text>{t.error}</Text>
                <Button size="small" variant="secondary" onClick={() => askQuestion(t.question)}>
                  Hỏi lại
                </Button>
              </div>
            ) : (
              <div className="bot-card typing" aria-label="Đang tìm câu trả lời">
                <span />
                <span />
                <span />
              </div>
            )}
          </div>
        ))}
        <div ref={endRef} />
      </div>
      <form
        className="ask-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          className="ask-input"
          rows={2}
          lang="vi"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={1000}
          placeholder="Nhập câu hỏi…"
          aria-label="Câu hỏi của bạn"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Vietnamese IMEs (Telex/VNI) compose with Enter; never send mid-composition.
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Button htmlType="submit" disabled={!text.trim() || pending} aria-label="Gửi câu hỏi">
          Gửi
        </Button>
      </form>
    </Box>
  );
}
