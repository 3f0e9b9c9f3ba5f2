/**
 * Composes the short Vietnamese answer from the official record only, focused on what was
 * asked. Every fact names the record field it comes from. Pure.
 */
import { CHANNEL_LABEL, describeFee, describeTime, isFeeNote } from "../catalog/describe";
import { groupDocuments, type DocumentGroups } from "../catalog/document-groups";
import type { ProcedureDto } from "../catalog/procedure-dto";
import type { IntentField } from "./intent";

export interface Fact {
  field: IntentField;
  label: string;
  /** Lines of the fact, verbatim or worded from the record (for the documents: the everyday ones). */
  lines: string[];
  /** Record field the fact comes from (portal field name). */
  source: string;
  /** Documents only: the checklist (everyday, to show, special cases, notes). */
  documents?: DocumentGroups;
}

const MAX_DOCS = 8;

function documentsFact(p: ProcedureDto): Fact {
  const groups = groupDocuments(p.documents);
  const qty = (q: string | null) => (q ? ` (${q})` : "");
  const lines = [
    ...groups.common.map((d) => `${d.name}${qty(d.quantity)}`),
    ...groups.show.map((d) => `${d.name} (mang theo để xuất trình${d.quantity ? `, ${d.quantity}` : ""})`),
  ];
  if (lines.length > MAX_DOCS) lines.splice(MAX_DOCS, lines.length, `… và ${lines.length - MAX_DOCS} giấy tờ khác (xem chi tiết).`);
  if (lines.length === 0 && groups.special.length) lines.push("Giấy tờ tùy trường hợp của bạn, xem các trường hợp dưới đây.");
  if (lines.length === 0) lines.push("Hồ sơ gốc không ghi rõ thành phần giấy tờ; bạn hỏi cán bộ trước khi đi nhé.");
  const label = groups.sharedQuantity ? `Giấy tờ cần chuẩn bị (mỗi loại ${groups.sharedQuantity})` : "Giấy tờ cần chuẩn bị";
  return { field: "components", label, lines, source: "thanh_phan_ho_so", documents: groups };
}

/**
 * One line per distinct value; the channel is named only when channels differ (three "Miễn
 * phí" lines say it once). A label repeated by the record (two "Nộp trực tiếp" rows with
 * different fees) is left out: the row's own note says where each applies.
 */
function byChannel(rows: { channel: keyof typeof CHANNEL_LABEL; text: string }[], empty: string): string[] {
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(r.text, [...(groups.get(r.text) ?? []), CHANNEL_LABEL[r.channel]]);
  if (groups.size === 0) return [empty];
  if (groups.size === 1) return [...groups.keys()];
  const labels = [...groups.values()].flat();
  const repeated = new Set(labels).size < labels.length;
  return [...groups].map(([text, channels]) => (repeated ? text : `${[...new Set(channels)].join(", ")}: ${text}`));
}

function feesFact(p: ProcedureDto): Fact {
  // The fee always travels with the record's note: the fee's own, and the method's description when it is about money.
  const rows = p.methods.map((m) => {
    const notes = [m.fee.note, isFeeNote(m.note) && m.note !== m.fee.note ? m.note : null].filter((n): n is string => !!n);
    return { channel: m.channel, text: `${describeFee(m.fee)}${notes.length ? ` — ${notes.join(" ")}` : ""}` };
  });
  return {
    field: "fees",
    label: "Phí, lệ phí",
    lines: byChannel(rows, "Chưa công bố mức phí trên Cổng Dịch vụ công."),
    source: "cach_thuc_thuc_hien",
  };
}

function timeFact(p: ProcedureDto): Fact {
  const times = p.methods.map((m) => m.time);
  const rows = p.methods.map((m) => ({ channel: m.channel, text: describeTime(m.time, times) }));
  return {
    field: "processing_time",
    label: "Thời hạn giải quyết",
    lines: byChannel(rows, "Hồ sơ không ghi rõ thời hạn, bạn hỏi cán bộ nhé."),
    source: "cach_thuc_thuc_hien",
  };
}

function whereFact(p: ProcedureDto, wardName: string | null): Fact {
  const lines: string[] = [];
  const inPerson = p.methods.some((m) => m.channel === "in_person");
  if (p.address) lines.push(p.address);
  else if (inPerson && p.levels.includes("xa")) {
    lines.push(`Nộp trực tiếp tại Trung tâm phục vụ hành chính công ${wardName ?? "xã, phường"} nơi bạn cư trú.`);
  }
  if (p.agencies) lines.push(`Cơ quan thực hiện: ${p.agencies}`);
  if (lines.length === 0) lines.push("Hồ sơ gốc không ghi nơi tiếp nhận; bạn hỏi cán bộ xã, phường nhé.");
  return { field: "address", label: "Nộp ở đâu", lines, source: "dia_chi_tiep_nhan" };
}

function onlineFact(p: ProcedureDto): Fact {
  const online = p.methods.some((m) => m.channel === "online");
  const post = p.methods.some((m) => m.channel === "post");
  const lines = [
    online
      ? "Có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID."
      : "Hồ sơ gốc không ghi cách nộp trực tuyến cho thủ tục này.",
  ];
  if (post) lines.push("Có thể gửi hồ sơ qua bưu chính.");
  return { field: "online", label: "Nộp trực tuyến", lines, source: "cach_thuc_thuc_hien" };
}

function methodsFact(p: ProcedureDto): Fact {
  const channels = [...new Set(p.methods.map((m) => m.channel))];
  return {
    field: "methods",
    label: "Cách nộp hồ sơ",
    lines: channels.length ? channels.map((c) => CHANNEL_LABEL[c]) : ["Hồ sơ gốc không ghi cách thức nộp."],
    source: "cach_thuc_thuc_hien",
  };
}

function stepsFact(p: ProcedureDto): Fact {
  const lines = p.steps.slice(0, 6).map((s) => (s.length > 400 ? `${s.slice(0, 400)}…` : s));
  if (p.steps.length > 6) lines.push("… (xem đủ các bước trong chi tiết)");
  if (!lines.length) lines.push("Hồ sơ gốc không ghi các bước.");
  return { field: "steps", label: "Các bước", lines, source: "trinh_tu_thuc_hien" };
}

export function composeAnswer(p: ProcedureDto, asked: IntentField[], wardName: string | null) {
  // Nothing specific asked: what a citizen needs before going — documents, fee, time, where.
  const fields: IntentField[] = asked.length ? asked : ["components", "fees", "processing_time", "address"];
  const facts: Fact[] = [];
  for (const f of fields) {
    switch (f) {
      case "components":
      case "files":
        if (!facts.some((x) => x.field === "components")) facts.push(documentsFact(p));
        break;
      case "fees":
        facts.push(feesFact(p));
        break;
      case "processing_time":
        facts.push(timeFact(p));
        break;
      case "address":
      case "agency":
        if (!facts.some((x) => x.field === "address")) facts.push(whereFact(p, wardName));
        break;
      case "online":
        facts.push(onlineFact(p));
        break;
      case "methods":
        facts.push(methodsFact(p));
        break;
      case "steps":
        facts.push(stepsFact(p));
        break;
      case "conditions":
        facts.push({
          field: "conditions",
          label: "Điều kiện",
          lines: [p.conditions ?? "Hồ sơ gốc không ghi điều kiện riêng."],
          source: "yeu_cau_dieu_kien",
        });
        break;
      case "result":
        facts.push({ field: "result", label: "Kết quả nhận được", lines: [p.result ?? "Hồ sơ gốc không ghi."], source: "ket_qua_xu_ly" });
        break;
      case "meta":
        facts.push({
          field: "meta",
          label: "Căn cứ pháp lý",
          lines: p.legalBases.slice(0, 6).map((l) => (l.number ? `${l.number}: ${l.title}` : l.title)),
          source: "can_cu_phap_ly",
        });
        break;
    }
  }
  const special = (f: Fact) =>
    f.documents?.special.length
      ? `\nTrường hợp đặc biệt:\n${f.documents.special.flatMap((g) => [...(g.title ? [`${g.title}:`] : []), ...g.items.map((d) => `• ${d.name}`)]).slice(0, MAX_DOCS).join("\n")}`
      : "";
  const text = [
    `${p.name}:`,
    ...facts.map((f) => `${f.label}:\n${f.lines.map((l) => `• ${l}`).join("\n")}${special(f)}`),
    p.sourceUrl ? `Nguồn: Cổng Dịch vụ công quốc gia (${p.sourceUrl})` : "Nguồn: thủ tục do xã, phường công bố.",
  ].join("\n\n");
  // The agency travels with the answer: a procedure not done at a ward says who does it.
  return { code: p.code, name: p.name, fields, text, facts, sourceUrl: p.sourceUrl, agencies: p.agencies, levels: p.levels };
}
