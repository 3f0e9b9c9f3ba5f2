import { useNavigate } from "react-router-dom";
import { Button, Text } from "zmp-ui";
import type { AskReply } from "./use-ask";

const FIELD_LABEL: Record<string, string> = {
  components: "Giấy tờ",
  fees: "Phí",
  processing_time: "Thời hạn",
  address: "Nơi nộp",
  online: "Trực tuyến",
  steps: "Các bước",
  conditions: "Điều kiện",
  result: "Kết quả",
  meta: "Căn cứ",
  agency: "Cơ quan",
  files: "Biểu mẫu",
  methods: "Cách nộp",
};

export function AnswerCard({ reply, question }: { reply: AskReply; question: string }) {
  const navigate = useNavigate();
  // The officer sees what was asked: the question travels with the citizen to the contact page.
  const contact = (procedure?: string) =>
    navigate(`/contact?${new URLSearchParams({ ...(procedure ? { procedure } : {}), q: question })}`);

  if (reply.kind === "answer" && "answer" in reply && reply.answer) {
    const a = reply.answer;
    if (a.source === "ward_faq") {
      const code = a.code;
      // The ward's own words: say so, and link the procedure it is about, if any.
      return (
        <div className="bot-card" data-kind="answer" data-source="ward_faq">
          <Text size="xSmall" className="ward-badge">
            {a.wardName ?? "Xã, phường"} trả lời
          </Text>
          <Text.Title size="small" className="bot-title">
            {a.name}
          </Text.Title>
          <p className="faq-answer">{a.text.replace(/\n\nNguồn:.*$/s, "")}</p>
          <div className="bot-actions">
            {code && (
              <Button size="small" onClick={() => navigate(`/procedures/${encodeURIComponent(code)}`)}>
                Xem thủ tục
              </Button>
            )}
            <Button size="small" variant="secondary" onClick={() => contact(code ?? undefined)}>
              Hỏi cán bộ
            </Button>
          </div>
        </div>
      );
    }
    const code = a.code;
    return (
      <div className="bot-card" data-kind="answer" data-code={code}>
        <Text.Title size="small" className="bot-title">
          {a.name}
        </Text.Title>
        {reply.intent.fields.length > 0 && (
          <div className="chips">
            {reply.intent.fields.map((f) => (
              <span key={f} className="chip">
                {FIELD_LABEL[f] ?? f}
              </span>
            ))}
          </div>
        )}
        {a.facts.map((f) => (
          <div key={f.label} className="fact" data-field={f.field}>
            <div className="fact-label">{f.label}</div>
            <ul>
              {f.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </div>
        ))}
        {a.notices.length > 0 && (
          <div className="ward-notes" data-notices>
            <div className="fact-label">Thông báo của {a.wardName ?? "xã, phường"}</div>
            {a.notices.map((n) => (
              <p key={n.id}>
                <strong>{n.title}</strong> {n.body}
              </p>
            ))}
          </div>
        )}
        {a.wardNotes.length > 0 && (
          <div className="ward-notes">
            <div className="fact-label">Lưu ý của {a.wardName ?? "xã, phường"}</div>
            {a.wardNotes.map((n) => (
              <p key={n.id}>
                <strong>{n.question}</strong> {n.answer}
              </p>
            ))}
          </div>
        )}
        <Text size="xSmall" className="muted">
          {a.sourceUrl ? "Theo thông tin công bố trên Cổng Dịch vụ công quốc gia." : `Thủ tục do ${a.wardName ?? "xã, phường"} công bố.`}
        </Text>
        <div className="bot-actions">
          <Button size="small" onClick={() => navigate(`/procedures/${encodeURIComponent(code)}`)}>
            Xem chi tiết
          </Button>
          <Button size="small" variant="secondary" onClick={() => contact(code)}>
            Hỏi cán bộ
          </Button>
        </div>
      </div>
    );
  }
  if (reply.kind === "clarify") {
    return (
      <div className="bot-card" data-kind="clarify">
        <Text>{reply.message}</Text>
        <div className="choice-list">
          {reply.suggestions.map((s) =>
            "code" in s ? (
              <button key={s.code} className="choice" onClick={() => navigate(`/procedures/${encodeURIComponent(s.code)}`)}>
                {s.label}
              </button>
            ) : null,
          )}
        </div>
        <Button size="small" variant="tertiary" onClick={() => contact()}>
          Không thấy thủ tục của bạn? Hỏi cán bộ
        </Button>
      </div>
    );
  }
  return (
    <div className="bot-card" data-kind="none">
      <Text>{"message" in reply ? reply.message : ""}</Text>
      <div className="bot-actions">
        <Button size="small" onClick={() => contact()}>
          Hỏi cán bộ
        </Button>
      </div>
    </div>
  );
}
