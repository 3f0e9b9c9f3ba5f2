/**
 * The documents of a record as a checklist: what everybody brings first, what applies only
 * in a special case after ("Trường hợp đặc biệt"), and the portal's notes last. Decided from
 * the record's own wording ("trường hợp", "nếu", "đối với", a section titled by its case);
 * nothing is dropped, only ordered and grouped. Pure; used by the answer card, the procedure
 * page and the saved checklist, so all three say the same.
 */

export interface DocumentInput {
  name: string;
  quantity: { text: string; original: number; copy: number };
  kind: "original" | "copy" | "both" | null;
  submit: "submit" | "show";
  form: string | null;
  section: string | null;
}

export interface ChecklistItem {
  /** The document's name: its first clause, without long asides. */
  name: string;
  /** The record's full wording when it says more than `name` (alternatives, conditions). */
  detail: string | null;
  /** "1 bản chính", or null when the group states one quantity for all its items. */
  quantity: string | null;
  submit: "submit" | "show";
  form: string | null;
  /** A form link given in the record's own text, if any. */
  formUrl: string | null;
}

export interface SpecialGroup {
  /** The case, when the record titles a section with it ("Trường hợp ủy quyền thực hiện thủ tục"). */
  title: string | null;
  items: ChecklistItem[];
}

export interface DocumentGroups {
  /** Handed in by everybody. */
  common: ChecklistItem[];
  /** Shown (xuất trình) by everybody. */
  show: ChecklistItem[];
  /** Only in a special case. */
  special: SpecialGroup[];
  /** The portal's notes (rows with no quantity, "Lưu ý" sections). */
  notes: string[];
  /** The quantity every everyday item shares, stated once ("1 bản chính"); null when they differ. */
  sharedQuantity: string | null;
}

const CONDITION_START = /^(?:trường hợp|trong trường hợp|nếu|đối với|riêng|khi|ngoài ra)\b/iu;
const CONDITION_IN_CLAUSE = /(?:trong|đối với|cho|với) (?:các )?trường hợp|\bnếu\b|\btrường hợp (?:người|có|không|đã|là)\b/iu;
const NOTE_SECTION = /lưu ý/iu;
/** A section header that lists the usual documents ("Giấy tờ phải nộp", "Hồ sơ gồm", "Thành phần hồ sơ"). */
const GENERIC_SECTION = /^(?:\*\s*)?(?:các )?(?:giấy tờ|hồ sơ|thành phần|tài liệu|người yêu cầu|xuất trình|bản chính|bản sao|chứng từ)/iu;
const URL = /https?:\/\/[^\s)]+/u;

/** Bullets and enumerators the portal leaves at the start of a row ("- ", "a) ", "1. "). */
function stripLead(text: string): string {
  return text.replace(/^(?:[\s\-+*•–]+|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s*|\(?[a-zđ][.)]\s+)+/iu, "").trim();
}

/** Text outside parentheses, so an aside "(nếu nộp trực tiếp)" is not the document's own condition. */
function outsideParens(text: string): string {
  let depth = 0;
  let out = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

/** Up to the first ";" or sentence end outside parentheses. */
function firstClause(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === ";" || (ch === "." && (i === text.length - 1 || /\s/.test(text[i + 1]))))) return text.slice(0, i);
  }
  return text;
}

/** The name to show: the first clause, without long asides ("(sau đây gọi tắt là …)"). */
export function headline(name: string): string {
  const clause = firstClause(stripLead(name))
    .replace(/\s*\(([^()]*)\)/gu, (m, inner: string) => (inner.length <= 30 ? m : ""))
    .replace(/\.\d{1,2}$/u, "") // "…(của từng người).1": a list number glued to the end
    .replace(/[\s,:;.]+$/u, "")
    .trim();
  return clause || stripLead(name);
}

export const ONLINE_ONLY = "Khi nộp hồ sơ trực tuyến";

/** Whether a row applies only in a case the record names; ONLINE_ONLY when that case is filing online. */
export function specialCase(name: string): false | true | typeof ONLINE_ONLY {
  const text = stripLead(name);
  if (CONDITION_START.test(text)) return true;
  if (CONDITION_IN_CLAUSE.test(outsideParens(firstClause(text)))) return true;
  // "(… nếu nộp hồ sơ theo hình thức trực tuyến)": only for online filing; in person is the ward's usual case.
  const asides = [...text.matchAll(/\(([^()]*)\)/gu)].map((m) => m[1]).join(" ");
  return /\bnếu\b/iu.test(asides) && /trực tuyến|môi trường điện tử|điện tử/iu.test(asides) && !/trực tiếp/iu.test(asides) ? ONLINE_ONLY : false;
}

function cleanSection(section: string | null): string | null {
  const t = section?.replace(/^[\s*\-•]+|[\s:]+$/gu, "").trim();
  return t || null;
}

function item(d: DocumentInput): ChecklistItem {
  const name = headline(d.name);
  const full = stripLead(d.name).replace(/\s+/g, " ");
  return {
    name,
    detail: full.replace(/[\s.;:]+$/u, "") !== name ? full : null,
    quantity: d.quantity.text,
    submit: d.submit,
    form: d.form,
    formUrl: URL.exec(d.name)?.[0] ?? null,
  };
}

export function groupDocuments(documents: DocumentInput[]): DocumentGroups {
  const common: ChecklistItem[] = [];
  const show: ChecklistItem[] = [];
  const specials: SpecialGroup[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  let firstSection: string | null | undefined;

  for (const d of documents) {
    const section = cleanSection(d.section);
    const text = stripLead(d.name);
    if (!text) continue;
    if (!d.kind || (section && NOTE_SECTION.test(section))) {
      // "… các giấy tờ sau:" only introduces the list that the rows already are.
      if (!/:\s*$/u.test(text)) notes.push(text);
      continue;
    }
    if (firstSection === undefined) firstSection = section;
    // A section named by its case ("Trường hợp ủy quyền…", or a later "Đăng ký tạm trú theo danh sách").
    const caseSection =
      section &&
      (CONDITION_START.test(stripLead(section)) || (section !== firstSection && !GENERIC_SECTION.test(section)))
        ? section
        : null;
    const it = item(d);
    const special = caseSection ? true : specialCase(d.name);
    if (special) {
      const title = caseSection ?? (special === ONLINE_ONLY ? ONLINE_ONLY : null);
      const group = specials.find((g) => g.title === title) ?? (specials.push({ title, items: [] }), specials[specials.length - 1]);
      group.items.push(it);
      continue;
    }
    const key = `${d.submit}:${it.name.toLocaleLowerCase("vi")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (d.submit === "show" ? show : common).push(it);
  }

  // Quantities once: when every everyday item asks the same, say it for the group.
  const everyday = [...common, ...show];
  const quantities = new Set(everyday.map((i) => i.quantity));
  const sharedQuantity = everyday.length > 1 && quantities.size === 1 ? everyday[0].quantity : null;
  if (sharedQuantity) {
    for (const i of everyday) i.quantity = null;
    // A special case asking the same quantity does not repeat it either.
    for (const g of specials) for (const i of g.items) if (i.quantity === sharedQuantity) i.quantity = null;
  }
  // Untitled cases first, then titled ones, the online-only documents last.
  const rank = (g: SpecialGroup) => (g.title === null ? 0 : g.title === ONLINE_ONLY ? 2 : 1);
  const special = specials.sort((a, b) => rank(a) - rank(b));
  return { common, show, special, notes, sharedQuantity };
}

/** Plain-text checklist (for sharing, copying, the OA bot): everyday documents, then special cases. */
export function checklistText(title: string, groups: DocumentGroups, ticked: ReadonlySet<string> = new Set()): string {
  const line = (i: ChecklistItem) => `${ticked.has(itemKey(i)) ? "☑" : "☐"} ${i.name}${i.quantity ? ` (${i.quantity})` : ""}`;
  const parts = [`${title}: giấy tờ cần mang`];
  if (groups.common.length) parts.push(`Giấy tờ nộp${groups.sharedQuantity ? ` (mỗi loại ${groups.sharedQuantity})` : ""}:`, ...groups.common.map(line));
  if (groups.show.length) parts.push("Mang theo để xuất trình:", ...groups.show.map(line));
  if (groups.special.length) {
    parts.push("Trường hợp đặc biệt (nếu đúng với bạn):");
    for (const g of groups.special) {
      if (g.title) parts.push(`${g.title}:`);
      parts.push(...g.items.map(line));
    }
  }
  return parts.join("\n");
}

/** Stable key of an item within its procedure (for ticks kept on the device). */
export function itemKey(i: ChecklistItem): string {
  return `${i.submit}:${i.name}`;
}
