/**
 * Composes the short Vietnamese answer from the official record only, focused on what was
 * asked. Every fact names the record field it comes from. Pure.
 */
import { CHANNEL_LABEL, describeFee, describeTime } from "../catalog/describe";
import type { ProcedureDto } from "../catalog/procedure-dto";
import type { IntentField } from "./intent";

export interface Fact {
  field: IntentField;
  label: string;
  /** Lines of the fact, verbatim or worded from the record. */
  lines: string[];
  /** Record field the fact comes from (portal field name). */
  source: string;
}

const MAX_DOCS = 8;

function documentsFact(p: ProcedureDto): Fact {
  const docs = p.documents.filter((d) => d.kind);
  const lines = docs.slice(0, MAX_DOCS).map((d) => `${d.name} (${d.quantity.text}${d.submit === "show" ? ", mang theo để xuất trình" : ""})`);
  if (docs.length > MAX_DOCS) lines.push(`… và ${docs.length - MAX_DOCS} giấy tờ khác (xem chi tiết).`);
  if (lines.length === 0) lines.push("Hồ sơ gốc không ghi rõ thành phần giấy tờ; bạn hỏi cán bộ trước khi đi nhé.");
  return { field: "components", label: "Giấy tờ cần chuẩn bị", lines, source: "thanh_phan_ho_so" };
}

function feesFact(p: ProcedureDto): Fact {
  const lines = p.methods.map((m) => `${CHANNEL_LABEL[m.channel]}: ${describeFee(m.fee)}${m.fee.note && m.fee.status !== "free" ? ` — ${m.fee.note}` : ""}`);
  return {
    field: "fees",
    label: "Phí, lệ phí",
    lines: dedupe(lines.length ? lines : ["Chưa công bố mức phí trên Cổng Dịch vụ công."]),
    source: "cach_thuc_thuc_hien",
  };
}

function timeFact(p: ProcedureDto): Fact {
  const lines = p.methods.map((m) => `${CHANNEL_LABEL[m.channel]}: ${describeTime(m.time)}`);
  return {
    field: "processing_time",
    label: "Thời hạn giải quyết",
    lines: dedupe(lines.length ? lines : ["Chưa công bố thời hạn giải quyết."]),
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

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
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
  const text = [
    `${p.name}:`,
    ...facts.map((f) => `${f.label}:\n${f.lines.map((l) => `• ${l}`).join("\n")}`),
    p.sourceUrl ? `Nguồn: Cổng Dịch vụ công quốc gia (${p.sourceUrl})` : "Nguồn: thủ tục do xã, phường công bố.",
  ].join("\n\n");
  return { code: p.code, name: p.name, fields, text, facts, sourceUrl: p.sourceUrl };
}
