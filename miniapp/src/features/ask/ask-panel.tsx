import { useEffect, useRef, useState } from "react";
import { Box, Button, Text } from "zmp-ui";
import { useCurrentWard } from "../../lib/current-ward";
import { AnswerCard } from "./answer-card";
import { takeBootShell } from "./boot-shell";
import { useAsk } from "./use-ask";

const EXAMPLES = ["Làm giấy khai sinh cần gì?", "Đăng ký tạm trú mất bao lâu?", "Chứng thực bản sao phí bao nhiêu?"];

/** The ask screen: a short conversation where each reply is a card built from the record. */
export function AskPanel() {
  const { ward } = useCurrentWard();
  const { turns, recent, askQuestion, retry, clear, pending } = useAsk(ward?.code);
  const [text, setText] = useState("");
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const lastCount = useRef(turns.length);

  // What the citizen typed into the page before the app loaded (index.html) carries over.
  useEffect(() => {
    const boot = takeBootShell();
    if (!boot) return;
    if (boot.submitted) askQuestion(boot.submitted);
    else if (boot.text) setText(boot.text);
    if (boot.focused) inputRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // Only a new turn scrolls (coming back to the screen keeps the place). Braces matter:
    // newer browsers return a Promise from scrollIntoView, and an effect may only return a cleanup.
    if (turns.length > lastCount.current) endRef.current?.scrollIntoView({ block: "end", behavior: "smooth" });
    lastCount.current = turns.length;
  }, [turns]);

  const submit = () => {
    if (!text.trim() || pending) return;
    askQuestion(text);
    setText("");
  };
  const suggestions = recent.length ? recent : EXAMPLES;

  return (
    <Box className="card ask-panel">
      <div className="row-between wrap">
        <h2 className="panel-title">Hỏi về thủ tục</h2>
        {turns.length > 0 && (
          <Button size="small" variant="tertiary" onClick={clear}>
            Câu hỏi mới
          </Button>
        )}
      </div>
      {turns.length === 0 && (
        <>
          <Text size="small" className="muted">
            Gõ câu hỏi như khi nhắn tin, có dấu hay không dấu đều được.
          </Text>
          <div className="chips suggestions">
            {suggestions.map((q) => (
              <button key={q} type="button" className="chip chip-button" onClick={() => askQuestion(q)}>
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
            {t.status === "done" && t.reply ? (
              <AnswerCard reply={t.reply} question={t.question} />
            ) : t.status === "failed" ? (
              <div className="bot-card" data-kind="error" role="alert">
                <Text>{t.error}</Text>
                <Button size="small" variant="secondary" onClick={() => retry(t.id)}>
                  Thử lại
                </Button>
              </div>
            ) : t.status === "waiting" ? (
              <div className="bot-card" data-kind="waiting" role="status">
                <Text>Chưa có mạng. Câu hỏi sẽ tự gửi khi có mạng trở lại.</Text>
                <Button size="small" variant="secondary" onClick={() => retry(t.id)}>
                  Thử lại
                </Button>
              </div>
            ) : (
              <div className="bot-card typing" role="status" aria-label="Đang tìm câu trả lời">
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
          ref={inputRef}
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
