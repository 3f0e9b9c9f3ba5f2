import { Box, Text } from "zmp-ui";
import type { ProcedureDetail } from "../../lib/api";

type Doc = ProcedureDetail["documents"][number];

/** Groups consecutive documents by their section title, keeping the record's order. */
function groupBySection(docs: Doc[]) {
  const groups: { section: string | null; submit: string; docs: Doc[] }[] = [];
  for (const d of docs) {
    const last = groups[groups.length - 1];
    if (last && last.section === d.section && last.submit === d.submit) last.docs.push(d);
    else groups.push({ section: d.section, submit: d.submit, docs: [d] });
  }
  return groups;
}

function heading(section: string | null, submit: string) {
  const clean = section?.replace(/^[*\s-]+|[:\s]+$/g, "");
  if (clean) return clean;
  return submit === "show" ? "Giấy tờ mang theo để xuất trình" : "Giấy tờ cần nộp";
}

export function DocumentsTab({ documents }: { documents: Doc[] }) {
  if (documents.length === 0) {
    return (
      <Box className="pad">
        <Text className="muted">Hồ sơ gốc trên Cổng Dịch vụ công không ghi rõ thành phần giấy tờ. Bạn hỏi cán bộ xã, phường trước khi đi nhé.</Text>
      </Box>
    );
  }
  return (
    <Box className="pad documents">
      {groupBySection(documents).map((g, i) => (
        <section key={i} className="doc-group">
          <Text.Title size="small">{heading(g.section, g.submit)}</Text.Title>
          <ul>
            {g.docs.map((d, j) =>
              d.kind ? (
                <li key={j} className="doc">
                  <div className="doc-name">{d.name}</div>
                  <div className="doc-meta">
                    <span className="chip">{d.quantity.text}</span>
                    {d.submit === "show" && <span className="chip">Xuất trình</span>}
                    {d.form && <span className="chip chip-form">Mẫu: {d.form}</span>}
                  </div>
                </li>
              ) : (
                <li key={j} className="doc-note">
                  <Text size="small">Lưu ý: {d.name}</Text>
                </li>
              ),
            )}
          </ul>
        </section>
      ))}
    </Box>
  );
}
