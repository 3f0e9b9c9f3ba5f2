/**
 * Parser for the National Public Service Portal export (dichvucong.gov.vn).
 *
 * The portal flattens its HTML tables into one string per field, gluing header words and
 * cell values together without separators. This module recovers the structure with rules
 * that lean on how cells are glued (a value starts right after the previous one ends,
 * with no space). Anything it cannot recognise stays as raw text: it never guesses a fee,
 * a time or a document that the record does not contain.
 *
 * Pure: no I/O. Used by the importer (Node) and by tests.
 */

export type Channel = "in_person" | "online" | "post";
export type TimeUnit = "working_days" | "days" | "hours" | "months" | "years";
/**
 * `not_published`: the record gives 0 or nothing (the portal's way of not saying).
 * `set_by_province`: "Miễn phí (Theo quy định của HĐND cấp tỉnh)": each province sets it.
 * `see_note`: labelled "Miễn phí" but the note describes charges or cases; show the note.
 */
export type FeeStatus = "free" | "amount" | "set_by_province" | "not_published" | "see_note";
export type Level = "xa" | "tinh" | "bo" | "khac";
export type DocumentKind = "original" | "copy" | "both";

export interface ParsedTime {
  text: string;
  value: number | null;
  unit: TimeUnit | null;
}

export interface ParsedFee {
  text: string;
  amount: number | null;
  currency: "VND" | "USD" | null;
  unit: string | null;
  status: FeeStatus;
  note: string | null;
}

export interface ParsedMethod {
  channel: Channel;
  channelText: string;
  time: ParsedTime;
  fee: ParsedFee;
  note: string | null;
}

export interface ParsedDocument {
  section: string | null;
  name: string;
  form: string | null;
  quantityText: string;
  original: number;
  copy: number;
  /** null when the row asks for 0 copies: the portal uses such rows for notes. */
  kind: DocumentKind | null;
  submit: "submit" | "show";
}

export interface ParsedLegalBasis {
  title: string;
  number: string | null;
}

export interface PortalRecord {
  ma_thu_tuc: string;
  ten_thu_tuc: string;
  detail_url?: string;
  linh_vuc?: string;
  cap_thuc_hien?: string;
  loai_thu_tuc?: string;
  so_quyet_dinh?: string;
  doi_tuong_thuc_hien?: string;
  co_quan_co_tham_quyen?: string;
  co_quan_thuc_hien?: string;
  co_quan_duoc_uy_quyen?: string;
  co_quan_phoi_hop?: string;
  dia_chi_tiep_nhan?: string;
  thu_tuc_lien_quan?: string;
  trinh_tu_thuc_hien?: string;
  cach_thuc_thuc_hien?: string;
  thanh_phan_ho_so?: string;
  can_cu_phap_ly?: string;
  yeu_cau_dieu_kien?: string;
  ket_qua_xu_ly?: string;
  bo?: string;
  [key: string]: string | undefined;
}

export interface ParsedProcedure {
  code: string;
  name: string;
  field: string | null;
  levels: Level[];
  levelsText: string;
  type: string | null;
  audience: string | null;
  agencies: string | null;
  decision: string | null;
  conditions: string | null;
  result: string | null;
  address: string | null;
  sourceUrl: string | null;
  ministry: string | null;
  methods: ParsedMethod[];
  documents: ParsedDocument[];
  steps: string[];
  legalBases: ParsedLegalBasis[];
  /** Every source field verbatim, so nothing is lost when a rule misses. */
  raw: PortalRecord;
}

const NO_INFO = "Không có thông tin";

/** Empty, whitespace or the portal's "no information" placeholder → null. */
export function cleanText(value: string | undefined | null): string | null {
  if (value == null) return null;
  const text = value.replace(/\u00a0/g, " ").trim();
  if (!text || text === NO_INFO || text === "--") return null;
  return text;
}

// ---------------------------------------------------------------------------
// Levels

const LEVELS: Array<[RegExp, Level]> = [
  [/cấp xã/i, "xa"],
  [/cấp tỉnh/i, "tinh"],
  [/cấp bộ/i, "bo"],
  [/cơ quan khác/i, "khac"],
];

export function parseLevels(text: string | undefined): Level[] {
  const found: Level[] = [];
  for (const part of (text ?? "").split(",")) {
    for (const [re, level] of LEVELS) {
      if (re.test(part) && !found.includes(level)) found.push(level);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------
// Methods (cach_thuc_thuc_hien)

const METHODS_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả";
const CHANNELS: Record<string, Channel> = {
  "Trực tiếp": "in_person",
  "Trực tuyến": "online",
  "Dịch vụ bưu chính": "post",
};
/**
 * A channel name starts a new row only when glued to the previous cell (or at the start)
 * and followed by what a time or fee cell starts with. "- Trực tiếp tại trụ sở…" inside a
 * description is preceded by a space and so is not a row.
 */
const CHANNEL_ROW = /(?<=^|\S)(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không|Miễn phí|$)/g;

const TIME_UNITS: Array<[RegExp, TimeUnit]> = [
  [/^ngày làm việc$/i, "working_days"],
  [/^ngày$/i, "days"],
  [/^giờ( làm việc)?$/i, "hours"],
  [/^tháng$/i, "months"],
  [/^năm$/i, "years"],
];

// Order matters: the time cell is optional, and a bare number may be glued to the fee.
const TIME_CELL = String.raw`(\d+(?:[.,]\d+)? (?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm)|\d+(?![\d.,])|Không có thông tin|Không phải trả kết quả[^\d]*?(?=Miễn phí|Không có thông tin|\d))?`;
const FEE_AMOUNT = String.raw`(\d[\d.,]*) ?(Việt Nam Đồng|VNĐ|VND|USD|đồng|Đồng)`;
const FEE_CELL = new RegExp(
  String.raw`^${TIME_CELL}(?:${FEE_AMOUNT}|(Miễn phí)|(Không có thông tin)|(?=$))`,
  "u",
);

function parseAmount(text: string): number | null {
  // The portal writes thousands with "," (70,000) and sometimes "." (2.000); decimals are
  // not used for VND. For USD keep a decimal point when followed by 1-2 digits.
  const compact = text.replace(/[.,](?=\d{3}(\D|$))/g, "");
  const value = Number(compact.replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

/** Take a balanced "( … )" group at the start of `text`. */
function takeParenthesized(text: string): { inner: string; rest: string } | null {
  if (!text.startsWith("(")) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0) return { inner: text.slice(1, i), rest: text.slice(i + 1) };
    }
  }
  // Unbalanced (crawl gap): everything is the note.
  return { inner: text.slice(1), rest: "" };
}

function stripOuterParens(text: string): string {
  let t = text.trim();
  while (t.startsWith("(") && t.endsWith(")")) {
    const inner = takeParenthesized(t);
    if (!inner || inner.rest.trim()) break;
    t = inner.inner.trim();
  }
  return t;
}

const PROVINCE_SETS = /hội đồng nhân dân|hđnd|(ủy|uỷ) ban nhân dân (cấp )?tỉnh|ubnd (cấp )?tỉnh/i;
const MONEY_MENTION = /\d[\d.,]*\s*(đồng|đ\b|vnđ|usd|%)|\d[\d.,]{3,}\s*\/\s*(lần|bản|trang|hồ sơ)/i;
const NOTHING_DUE = /^[-\s]*(không|miễn|không thu)/i;
const NOT_SET = /chưa (quy định|có quy định|ban hành)/i;

export function classifyFreeNote(note: string | null): FeeStatus {
  if (!note) return "free";
  if (PROVINCE_SETS.test(note)) return "set_by_province";
  if (NOT_SET.test(note)) return "not_published";
  if (MONEY_MENTION.test(note)) return "see_note";
  if (NOTHING_DUE.test(note)) return "free";
  return "see_note";
}

function parseTimeCell(cell: string | undefined): ParsedTime {
  const text = (cell ?? "").trim();
  if (!text || text === NO_INFO) return { text: text || NO_INFO, value: null, unit: null };
  const m = /^(\d+(?:[.,]\d+)?)(?: (.+))?$/.exec(text);
  if (!m) return { text, value: null, unit: null };
  const value = Number(m[1].replace(",", "."));
  const unitText = m[2];
  if (!unitText) return { text, value, unit: null };
  const unit = TIME_UNITS.find(([re]) => re.test(unitText))?.[1] ?? null;
  return { text, value, unit };
}

function parseMethodRow(channelText: string, body: string): ParsedMethod {
  const channel = CHANNELS[channelText];
  const m = FEE_CELL.exec(body);
  if (!m) {
    return {
      channel,
      channelText,
      time: { text: NO_INFO, value: null, unit: null },
      fee: { text: "", amount: null, currency: null, unit: null, status: "not_published", note: null },
      note: cleanText(body),
    };
  }
  const [whole, timeCell, amountText, currencyText, freeText, noInfoText] = m;
  let rest = body.slice(whole.length);
  const time = parseTimeCell(timeCell);

  let fee: ParsedFee;
  if (amountText) {
    const amount = parseAmount(amountText);
    const currency = currencyText === "USD" ? "USD" : "VND";
    let unit: string | null = null;
    let note: string | null = null;
    let feeText = `${amountText} ${currencyText}`;
    const paren = takeParenthesized(rest);
    if (paren) {
      feeText += `(${paren.inner})`;
      rest = paren.rest;
      const inner = paren.inner.trim();
      // "(/trang)" is the unit; anything else is a note about the fee.
      if (/^\/[^()]{1,40}$/.test(inner)) unit = inner;
      else note = cleanText(stripOuterParens(inner));
    }
    fee = {
      text: feeText,
      amount,
      currency,
      unit,
      status: amount != null && amount > 0 ? "amount" : "not_published",
      note,
    };
  } else if (freeText) {
    let note: string | null = null;
    let feeText = freeText;
    const paren = takeParenthesized(rest);
    if (paren) {
      feeText += `(${paren.inner})`;
      rest = paren.rest;
      note = cleanText(stripOuterParens(paren.inner));
    }
    fee = { text: feeText, amount: null, currency: null, unit: null, status: classifyFreeNote(note), note };
  } else {
    fee = {
      text: noInfoText ?? "",
      amount: null,
      currency: null,
      unit: null,
      status: "not_published",
      note: null,
    };
  }
  return { channel, channelText, time, fee, note: cleanText(rest) };
}

export function parseMethods(text: string | undefined): ParsedMethod[] {
  let body = (text ?? "").trim();
  if (body.startsWith(METHODS_HEADER)) body = body.slice(METHODS_HEADER.length);
  const starts = [...body.matchAll(CHANNEL_ROW)];
  const methods: ParsedMethod[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const from = start.index! + start[0].length;
    const to = i + 1 < starts.length ? starts[i + 1].index! : body.length;
    methods.push(parseMethodRow(start[1], body.slice(from, to)));
  }
  return methods;
}

// ---------------------------------------------------------------------------
// Documents (thanh_phan_ho_so)

const DOCS_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
const QUANTITY =
  /(\d+) bản chính(?:\s*,\s*(\d+) bản sao)?|(\d+) bản sao/g;
const FORM_EXT = /\.(?:docx|doc|pdf|xlsx|xls|rtf|odt|zip|rar)/giu;
/** Where a form file name can start: after a closing bracket or semicolon, or a glued "Mẫu"/"Phụ lục". */
const FORM_START = /[);]|(?<=[\p{L}\d.)])(?=(?:Mẫu|MẪU|Mau|Phụ lục|PHỤ LỤC|Phu luc|Tờ khai|TỜ KHAI))|\.(?=\p{Lu})/gu;

function splitForm(rowText: string): { name: string; form: string | null } {
  const exts = [...rowText.matchAll(FORM_EXT)];
  if (exts.length === 0) return { name: rowText, form: null };
  const firstExt = exts[0].index!;
  let formStart = -1;
  for (const m of rowText.slice(0, firstExt).matchAll(FORM_START)) {
    const candidate = m.index! + (m[0] === "" ? 0 : 1);
    // A form file name is short; a far-away bracket belongs to the document name.
    if (firstExt - candidate <= 90) formStart = Math.max(formStart, candidate);
  }
  if (formStart <= 0) return { name: rowText, form: null };
  const form = rowText.slice(formStart, exts[exts.length - 1].index! + exts[exts.length - 1][0].length);
  // File names glued one after another: "Mau05.docxMau07.docx" → "Mau05.docx; Mau07.docx".
  const forms = form.replace(FORM_EXT, (ext) => `${ext}\u0000`).split("\u0000").map((f) => f.trim()).filter(Boolean);
  return { name: rowText.slice(0, formStart).trim(), form: forms.join("; ") };
}

function tidyDocumentName(text: string): string {
  return text
    .replace(/^[\s\-+*•;,.]+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Only a section titled "… phải xuất trình" lists documents to show; any other section is handed in. */
function sectionSubmitKind(section: string | null): "submit" | "show" {
  return section && /xuất trình/i.test(section) && !/nộp/i.test(section) ? "show" : "submit";
}

export function parseDocuments(text: string | undefined): ParsedDocument[] {
  const body = (text ?? "").trim();
  if (!body) return [];
  const parts = body.split(DOCS_HEADER);
  const documents: ParsedDocument[] = [];
  // parts[0] is the first section title; each later part holds rows, and what follows its
  // last quantity is the title of the next section.
  let sectionTitle: string | null = cleanSection(parts[0]);
  let submit = sectionSubmitKind(sectionTitle);
  for (let p = 1; p < parts.length; p++) {
    const part = parts[p];
    let cursor = 0;
    for (const q of part.matchAll(QUANTITY)) {
      const rowText = part.slice(cursor, q.index!);
      cursor = q.index! + q[0].length;
      const original = Number(q[1] ?? 0);
      const copy = Number(q[2] ?? q[3] ?? 0);
      const { name, form } = splitForm(rowText);
      const cleanName = tidyDocumentName(name);
      if (!cleanName && !form) continue;
      documents.push({
        section: sectionTitle,
        name: cleanName || (form ?? ""),
        form,
        quantityText: q[0].replace(/\s*,\s*/, ", "),
        original,
        copy,
        kind: original > 0 && copy > 0 ? "both" : original > 0 ? "original" : copy > 0 ? "copy" : null,
        submit,
      });
    }
    if (p + 1 < parts.length) {
      sectionTitle = cleanSection(part.slice(cursor));
      submit = sectionSubmitKind(sectionTitle);
    }
  }
  return documents;
}

function cleanSection(text: string): string | null {
  const t = text.replace(/^[\s\-]+|[\s\-]+$/g, "").trim();
  return t ? t : null;
}

// ---------------------------------------------------------------------------
// Legal bases (can_cu_phap_ly)

const LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản";
const VI_VOWEL = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";
/**
 * Where a capitalised Vietnamese word starts ("Thông", "Nghị", "Luật", "Ủy"): an onset then a
 * vowel. "Np" or "Ps" is not a word start, so in "TT-NHNNphân" and "NĐ-CPsửa" the capital
 * letters stay with the number and the next title starts with its lower-case word.
 */
export const WORD_START = String.raw`(?:(?:Ngh|Ng|Nh|Ch|Gh|Gi|Kh|Ph|Qu|Th|Tr|[BCDĐGHKLMNPRSTVX])[${VI_VOWEL}]|[AĂÂEÊIOÔƠUƯYÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]\p{Ll})`;
/** A document number: 85/2019/TT-BTC, 66.7/2025/NQ-CP, 170/1999/QĐ-TTg; it ends where the next title's first word starts. */
export const DOCUMENT_NUMBER = String.raw`\d{1,4}(?:\.\d+)?\/\d{4}\/(?:TTg|(?!${WORD_START})[\p{Lu}\d\-])+`;
/**
 * A row is "title" glued to "number" (the number follows a non-space character), followed by
 * the next title or the end.
 */
// The title's last character is not a space, a digit or a slash, nor the point of "66.16/2026/NQ-CP".
const LEGAL_ROW = new RegExp(String.raw`(.*?(?:[^\s\d\/.]|(?<!\d)\.))(${DOCUMENT_NUMBER})(?=\p{L}|\s+\p{Lu}|\s*$)`, "gsu");
/** "Luật 60/2014/QH13" glued to its number "60/2014/QH13": the number column repeats the title's end. */
const REPEATED_NUMBER = /(\d{1,4}(?:\.\d+)?\/\d{4}\/[\p{L}\d\-]+)\1$/u;

export function parseLegalBases(text: string | undefined): ParsedLegalBasis[] {
  let body = (text ?? "").trim();
  if (body.startsWith(LEGAL_HEADER)) body = body.slice(LEGAL_HEADER.length);
  if (!cleanText(body)) return [];
  const rows: ParsedLegalBasis[] = [];
  let consumed = 0;
  for (const m of body.matchAll(LEGAL_ROW)) {
    let [title, number] = [m[1], m[2]];
    const glued = title + number;
    const repeated = REPEATED_NUMBER.exec(glued);
    if (repeated) {
      // "Luật 60/2014/QH1360/2014/QH13": the title keeps its own copy of the number.
      number = repeated[1];
      title = glued.slice(0, -number.length);
    }
    rows.push({ title: title.replace(/\s+/g, " ").trim(), number });
    consumed = m.index! + m[0].length;
  }
  const rest = body.slice(consumed).trim();
  if (rest) rows.push({ title: rest.replace(/\s+/g, " "), number: null });
  return rows;
}

// ---------------------------------------------------------------------------
// Steps (trinh_tu_thuc_hien)

export function parseSteps(text: string | undefined): string[] {
  const body = cleanText(text);
  if (!body) return [];
  const byStep = body.split(/(?=(?:^|\s)Bước\s*\d+\s*[:.\-])/);
  const meaningful = (s: string) => /[\p{L}\d]/u.test(s);
  if (byStep.length > 1) return byStep.map((s) => s.replace(/\s+/g, " ").trim()).filter(meaningful);
  const steps: string[] = [];
  for (const raw of body.split(/\n+/)) {
    const line = raw.trim();
    if (!line) continue;
    const continuation = /^([+*•]|\(?[ivx]+\)|[a-zđ]\))/i.test(line) && steps.length > 0;
    if (continuation) steps[steps.length - 1] += `\n${line}`;
    else steps.push(line);
  }
  return steps.map((s) => s.replace(/[ \t]+/g, " ")).filter(meaningful);
}

// ---------------------------------------------------------------------------
// Result (ket_qua_xu_ly)

/** The portal appends its agency picker UI to this field; keep only the result names. */
export function parseResult(text: string | undefined): string | null {
  let body = cleanText(text);
  if (!body) return null;
  body = body.replace(/Chọn cơ quan thực hiện[\s\S]*$/, "");
  const names = body
    .split(/Mã: ?KQ[\dA-Z.]*?(?=Từ khóa|\p{Lu}\p{Ll}|$)|Từ khóa[\s\S]*?Mô tả(?:Không có thông tin)?/u)
    .map((s) => s.trim())
    .filter((s) => s && s !== NO_INFO);
  return names.length ? [...new Set(names)].join("; ") : cleanText(body);
}

// ---------------------------------------------------------------------------

export function parseRecord(record: PortalRecord): ParsedProcedure {
  const agencies = [record.co_quan_thuc_hien, record.co_quan_co_tham_quyen]
    .map(cleanText)
    .filter((x): x is string => !!x);
  return {
    code: record.ma_thu_tuc.trim(),
    name: record.ten_thu_tuc.replace(/\s+/g, " ").trim(),
    field: cleanText(record.linh_vuc),
    levels: parseLevels(record.cap_thuc_hien),
    levelsText: record.cap_thuc_hien ?? "",
    type: cleanText(record.loai_thu_tuc),
    audience: cleanText(record.doi_tuong_thuc_hien),
    agencies: agencies.length ? [...new Set(agencies)].join("; ") : null,
    decision: cleanText(record.so_quyet_dinh),
    conditions: cleanText(record.yeu_cau_dieu_kien),
    result: parseResult(record.ket_qua_xu_ly),
    address: cleanText(record.dia_chi_tiep_nhan),
    sourceUrl: cleanText(record.detail_url),
    ministry: cleanText(record.bo),
    methods: parseMethods(record.cach_thuc_thuc_hien),
    documents: parseDocuments(record.thanh_phan_ho_so),
    steps: parseSteps(record.trinh_tu_thuc_hien),
    legalBases: parseLegalBases(record.can_cu_phap_ly),
    raw: record,
  };
}
