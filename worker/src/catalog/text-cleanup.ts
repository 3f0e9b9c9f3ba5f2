/**
 * Import-time repair of the portal's known text defects, after parsing. Pure.
 *
 * Only mechanical repairs whose evidence is in the record itself: legal bases that the
 * portal glued together are split at their document numbers, steps that a hard line break
 * cut in two are joined, and a short table of exact fragment moves (every "find" must match
 * the record verbatim, or nothing is changed). Nothing is added that the record does not say.
 * The raw text stays in `procedure_sources`; every repair is listed in the import report.
 */
import { DOCUMENT_NUMBER, WORD_START, type ParsedLegalBasis, type ParsedProcedure } from "./portal-parser";

/** Bump when a rule changes, so `npm start` re-imports the catalog. */
export const CLEANUP_VERSION = 1;

export type CleanupKind = "legal_split" | "step_join" | "known_defect";

export interface CleanupFix {
  kind: CleanupKind;
  /** What changed, in a few words, for the import report. */
  detail: string;
}

// ---------------------------------------------------------------------------
// Legal bases

const NUMBER = DOCUMENT_NUMBER;
/** Words a legal document's title opens with. */
const OPENER = String.raw`(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị|Công văn|Văn bản|Hướng dẫn|Quy định|Sửa đổi)`;
/** Openers specific enough to start a new title even after a space. */
const DOC_TYPE = String.raw`(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị|Công văn|Văn bản)`;
/** A title may start in lower case after a glued number ("TT-NHNNsửa đổi …"). */
const LOWER_OPENER = String.raw`(?:sửa đổi|quy định|hướng dẫn|phân cấp|ban hành|công bố)`;
/**
 * Split points, each a table cell boundary the portal dropped:
 * a number glued to the next title ("QH15Thông tư"), a number then a space and a new
 * document ("18/2026/NĐ-CP Nghị định …"), a title glued to the next one ("Bộ Tư phápThông tư").
 */
const SPLIT = new RegExp(
  String.raw`(?<=${NUMBER})(?=${WORD_START}|${LOWER_OPENER}[\s,])|(?<=${NUMBER})\s+(?=${DOC_TYPE}\s)|(?<=\p{Ll})(?=${OPENER}\s)`,
  "gu",
);
/** A piece that is only the number column: "18/2026/NĐ-CP", "Thông tư số 03/2023/TT-BTP", "59/2025/TT-NHNNsố 59/2025/TT-NHNN". */
const NUMBER_ONLY = new RegExp(String.raw`^(?:${DOC_TYPE}\s*)?(?:số\s*)?(${NUMBER})(?:\s*số\s*\1)?\.?$`, "u");
/** A title with its number glued to its last word: "…của Bộ Tư pháp18/2026/NĐ-CP". */
const GLUED_NUMBER = new RegExp(String.raw`^(.*[\p{Ll}.)])(${NUMBER})$`, "u");
/** … or to the year it names, which the number repeats: "Luật … năm 201213/2012/QH13". */
const GLUED_TO_YEAR = new RegExp(String.raw`^(.*năm (\d{4}))(\d{1,4}\/\2\/${NUMBER.slice(NUMBER.indexOf("(?:TTg"))})$`, "u");

export function splitLegalBases(rows: ParsedLegalBasis[]): { rows: ParsedLegalBasis[]; fixes: CleanupFix[] } {
  const out: ParsedLegalBasis[] = [];
  const fixes: CleanupFix[] = [];
  for (const row of rows) {
    const pieces = row.title
      .split(SPLIT)
      .map((p) => p.trim())
      .filter(Boolean);
    if (pieces.length < 2) {
      out.push(row);
      continue;
    }
    const split: ParsedLegalBasis[] = [];
    // A bare number with no untitled row before it names the title that follows.
    let pending: string | null = null;
    for (const piece of pieces) {
      const only = NUMBER_ONLY.exec(piece);
      const last = split[split.length - 1];
      if (only && last && !last.number) {
        last.number = only[1];
        continue;
      }
      if (only && piece.startsWith(only[1])) {
        pending = only[1];
        continue;
      }
      if (only) {
        // "Quyết định số 19/2018/QĐ-TTg": a whole citation of its own.
        split.push({ title: piece, number: only[1] });
        continue;
      }
      const year = GLUED_TO_YEAR.exec(piece);
      const glued = year ? [piece, year[1], year[3]] : GLUED_NUMBER.exec(piece);
      if (glued) split.push({ title: glued[1].trim(), number: glued[2] });
      else split.push({ title: piece, number: pending });
      pending = null;
    }
    if (pending || !split.length) {
      out.push(row);
      continue;
    }
    const tail = split[split.length - 1];
    // The row's own number column belongs to its last title; if that title already has one,
    // the pieces do not line up with the table and the row is left as the portal wrote it.
    if (row.number && tail.number && tail.number !== row.number) {
      out.push(row);
      continue;
    }
    if (row.number) tail.number = row.number;
    const kept = split.filter((r) => r.title);
    if (kept.length < 2) {
      out.push(row);
      continue;
    }
    out.push(...kept);
    fixes.push({ kind: "legal_split", detail: `${kept.length} văn bản: ${kept.map((r) => r.number ?? "không số").join(", ")}` });
  }
  return { rows: out, fixes };
}

// ---------------------------------------------------------------------------
// Steps

/** "a)", "b.1)", "d1)", "đ.2)", "ii)", "iv." open a sub-item on purpose; other lower-case lines continue a sentence. */
const ENUMERATOR = /^(?:[a-zđ](?:\.?\d+)*(?:\.\d+)*\)|[ivx]+[.)])/u;
const SENTENCE_END = /[.;:!?…"”)]\s*$/u;

export function joinBrokenSteps(steps: string[]): { steps: string[]; fixes: CleanupFix[] } {
  const out: string[] = [];
  let joined = 0;
  for (const step of steps) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^\p{Ll}/u.test(step) && !ENUMERATOR.test(step) && !SENTENCE_END.test(prev)) {
      out[out.length - 1] = `${prev} ${step}`;
      joined++;
    } else out.push(step);
  }
  return { steps: out, fixes: joined ? [{ kind: "step_join", detail: `${joined} dòng bị ngắt giữa câu được nối lại` }] : [] };
}

// ---------------------------------------------------------------------------
// Known defects: text the portal moved from one place to another. Each entry moves the
// fragment back; all its "find" strings must be present (after the step joins above).

interface KnownDefect {
  code: string;
  field: "steps";
  why: string;
  edits: { find: string; replace: string }[];
}

export const KNOWN_DEFECTS: KnownDefect[] = [
  {
    code: "1.001193",
    field: "steps",
    why: "cụm “sinh tại Trung” bị chuyển từ bước nộp hồ sơ trực tiếp sang bước nộp trực tuyến",
    edits: [
      { find: "nộp hồ sơ đăng ký khai tâm Phục vụ hành chính công", replace: "nộp hồ sơ đăng ký khai sinh tại Trung tâm Phục vụ hành chính công" },
      { find: "hoàn tất việc sinh tại Trung nộp hồ sơ.", replace: "hoàn tất việc nộp hồ sơ." },
    ],
  },
];

function applyKnownDefects(code: string, steps: string[]): { steps: string[]; fixes: CleanupFix[] } {
  const fixes: CleanupFix[] = [];
  let out = steps;
  for (const d of KNOWN_DEFECTS.filter((k) => k.code === code && k.field === "steps")) {
    const joined = out.join("\u0000");
    if (!d.edits.every((e) => joined.split(e.find).length === 2)) continue;
    out = d.edits.reduce((text, e) => text.replace(e.find, e.replace), joined).split("\u0000");
    fixes.push({ kind: "known_defect", detail: d.why });
  }
  return { steps: out, fixes };
}

// ---------------------------------------------------------------------------

export function cleanProcedure(p: ParsedProcedure): { procedure: ParsedProcedure; fixes: CleanupFix[] } {
  const legal = splitLegalBases(p.legalBases);
  const joined = joinBrokenSteps(p.steps);
  const known = applyKnownDefects(p.code, joined.steps);
  return {
    procedure: { ...p, legalBases: legal.rows, steps: known.steps },
    fixes: [...legal.fixes, ...joined.fixes, ...known.fixes],
  };
}
