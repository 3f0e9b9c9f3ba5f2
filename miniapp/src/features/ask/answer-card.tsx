import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Text } from "zmp-ui";
import type { AskReply } from "./use-ask";
import { DocumentChecklist } from "../catalog/document-checklist";
import { showLegalName } from "../../lib/names";

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

type Answer = Extract<AskReply, { kind: "answer" }>["answer"];
type Fact = NonNullable<Answer>["facts"][number];

/** One fact; the documents as a checklist (everyday first, special cases folded). */
function FactView({ fact, full }: { fact: Fact; full: boolean }) {
  if (fact.field === "components" && "documents" in fact && fact.documents) {
    return (
      <div className="fact" data-field={fact.field}>
        <div className="fact-label">{fact.label}</div>
        <DocumentChecklist groups={fact.documents} full={full} compact />
      </div>
    );
  }
  return (
    <div className="fact" data-field={fact.field}>
      <div className="fact-label">{fact.label}</div>
      <ul className={full ? "" : "fact-lines-short"}>
        {fact.lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

export function AnswerCard({ reply, question }: { reply: AskReply; question: string }) {
  const navigate = useNavigate();
  const [full, setFull] = useState(false);
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
          <h3 className="bot-title">{a.name}</h3>
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
    const atWard = !("atWard" in a) || a.atWard !== false;
    const hasDocs = a.facts.some((f) => f.field === "components" && "documents" in f && f.documents && (f.documents.common.length || f.documents.show.length || f.documents.special.length));
    const shortName = "shortName" in a && a.shortName ? a.shortName : a.name;
    return (
      <div className="bot-card" data-kind="answer" data-code={code} data-at-ward={atWard ? "true" : "false"}>
        {!atWard && (
          <div className="not-at-ward" role="note">
            <strong>Không làm tại xã, phường</strong>
            {"agencies" in a && a.agencies ? <span> Nơi giải quyết: {a.agencies}.</span> : <span> Bạn hỏi cán bộ để biết nơi làm.</span>}
          </div>
        )}
        <h3 className="bot-title">{shortName}</h3>
        {showLegalName(shortName, a.name) && <p className="legal-name">{a.name}</p>}
        {reply.intent.fields.length > 0 && (
          <div className="chips" aria-label="Bạn hỏi về">
            {reply.intent.fields.map((f) => (
              <span key={f} className="chip">
                {FIELD_LABEL[f] ?? f}
              </span>
            ))}
          </div>
        )}
        {a.facts.map((f) => (
          <FactView key={f.label} fact={f} full={full} />
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
        <button type="button" className="link-button more-toggle" aria-expanded={full} onClick={() => setFull((v) => !v)}>
          {full ? "Thu gọn" : "Xem đầy đủ"}
        </button>
        <Text size="xSmall" className="muted">
          {a.sourceUrl ? "Theo thông tin công bố trên Cổng Dịch vụ công quốc gia." : `Thủ tục do ${a.wardName ?? "xã, phường"} công bố.`}
        </Text>
        <div className="bot-actions">
          <Button size="small" onClick={() => navigate(`/procedures/${encodeURIComponent(code)}`)}>
            Xem chi tiết
          </Button>
          {hasDocs && (
            <Button size="small" variant="secondary" onClick={() => navigate(`/procedures/${encodeURIComponent(code)}/checklist`)}>
              Lưu danh sách giấy tờ
            </Button>
          )}
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
