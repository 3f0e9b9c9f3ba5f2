/**
 * A ward's own content in the answer: its FAQ entries and its local procedures, ranked next to
 * the national catalog for that ward's citizens only. Pure: no I/O (see ward-content-cache).
 *
 * An FAQ entry answers when the question says what the entry's question (or one of its
 * keywords) is about, both ways, and asks for a compatible field; it then goes first when it
 * explains the question at least as well as the best procedure, since the ward wrote it for
 * exactly this. Otherwise the catalog answers, and entries linked to the answered procedure
 * come along as the ward's notes.
 */
import { ask } from "./answer";
import type { EngineOutcome } from "./answer-engine";
import { accentFactor, analyzeQuestion, COMMUNE_PRIOR, djb2, featuresOf, featureWeight, rareWordWeight, type AskContext, type AskIndex } from "./engine";
import { entryOf, CONTEXT_RULES, NAMING_STOPWORD_PAIRS, NEGATION_CUES, PHRASES, QUERY_EXPANSIONS, STOPWORDS } from "../text/dictionary";
import { INTENT_SIGNATURE, type IntentField } from "./intent";

export interface FaqInput {
  id: string;
  question: string;
  /** Other ways citizens ask it, comma or line separated. */
  keywords: string;
  procedureCode: string | null;
  /** Shown as is; the engine does not read it. */
  answer: string;
  updatedAt: number;
  /** Stored faqFeatures JSON, if any. */
  features?: string | null;
}

interface FaqVariant {
  features: Map<string, string>;
  weight: number;
  fields: IntentField[];
}

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  updatedAt: number;
  procedureCode: string | null;
  variants: FaqVariant[];
}

/** A notice about one procedure, shown with its answer while in force. */
export interface ProcedureNotice {
  id: string;
  procedureCode: string;
  title: string;
  body: string;
  startsAt: number;
  endsAt: number | null;
}

export interface WardContent {
  /** The ward's local procedures (engine extendIndex), or null when it has none. */
  procedures: AskIndex | null;
  faqs: FaqEntry[];
  notices: ProcedureNotice[];
}

export interface FaqMatch {
  entry: FaqEntry;
  score: number;
  queryCoverage: number;
  headCoverage: number;
}

export type WardOutcome = EngineOutcome & { faq?: FaqMatch };

/**
 * Where the question is asked is implied for a ward's own entries ("ở phường", "bộ phận một
 * cửa"): words of such phrases, when the text says the phrase, neither help nor hurt a match.
 */
const PLACE_PHRASES = ["bo phan mot cua", "trung tam phuc vu hanh chinh cong", "ubnd", "xa", "phuong", "thi tran", "dac khu"];
/** "đến phường", "ở xã": a pair with one of these says where, not what. */
const PLACE_NAMES = new Set(["xa", "phuong", "ubnd"]);

function placeWords(normalizedText: string): Set<string> {
  const text = ` ${normalizedText} `;
  const out = new Set<string>();
  for (const p of PLACE_PHRASES) if (text.includes(` ${p} `)) for (const w of p.split(" ")) out.add(w);
  return out;
}

/**
 * A match says most of the entry and much of the question, or explains nearly all of a short
 * question with at least one rare word's weight ("gửi xe ở đâu" for "Gửi xe ở đâu khi đến
 * phường nộp hồ sơ?"), saying a fair part of the entry still.
 */
const FAQ_HEAD_COVERAGE = 0.75;
const FAQ_QUERY_COVERAGE = 0.6;
const SHORT_QUERY_COVERAGE = 0.8;
const SHORT_HEAD_COVERAGE = 0.3;
const HEAD_WEIGHT = 0.55;

/**
 * Ward entries are about the centre itself (opening days, hours, parking), where the words
 * the catalog treats as filler say what is asked: "thứ bảy", "làm", "mấy giờ".
 */
const FAQ_STOPWORDS = new Set([...STOPWORDS].filter((w) => !["thu", "bay", "lam", "gio"].includes(w)));
/** "thứ 7", "t7", "cn": weekdays as citizens type them. */
const WEEKDAYS: Record<string, string[]> = { "2": ["hai"], "3": ["ba"], "4": ["tu"], "5": ["nam"], "6": ["sau"], "7": ["bay"] };
const WEEKDAY_SHORT: Record<string, string[]> = { t2: ["thu", "hai"], t3: ["thu", "ba"], t4: ["thu", "tu"], t5: ["thu", "nam"], t6: ["thu", "sau"], t7: ["thu", "bay"], cn: ["chu", "nhat"] };

function spellWeekdays(tokens: { folded: string; accented: string | null }[]) {
  return tokens.flatMap((t, i) => {
    const short = entryOf(WEEKDAY_SHORT, t.folded);
    if (short) return short.map((folded) => ({ folded, accented: null }));
    const day = entryOf(WEEKDAYS, t.folded);
    if (day && tokens[i - 1]?.folded === "thu") return day.map((folded) => ({ folded, accented: null }));
    return [t];
  });
}

/** Features of a text as a ward entry or a citizen's question: where-words dropped. */
function analyze(index: AskIndex, text: string, fixTypos: boolean): { features: Map<string, string>; fields: IntentField[] } {
  const { normalized, fields, topic } = analyzeQuestion(index, text, { fixTypos });
  const qf = featuresOf(spellWeekdays(topic), FAQ_STOPWORDS);
  const place = placeWords(normalized.text);
  const features = new Map<string, string>();
  for (const [f, acc] of qf) {
    const words = f.split(" ");
    const placed = words.filter((w) => place.has(w));
    if (placed.length && (words.every((w) => place.has(w) || STOPWORDS.has(w)) || placed.some((w) => PLACE_NAMES.has(w)))) continue;
    features.set(f, acc);
  }
  return { features, fields };
}

/** Rarity weights change with the catalog, so they are applied when the entries load. */
function weigh(index: AskIndex, v: { features: Map<string, string>; fields: IntentField[] }): FaqVariant {
  const features = new Map<string, string>();
  let weight = 0;
  for (const [f, acc] of v.features) {
    const w = featureWeight(index.idf.get(f), f);
    if (w <= 0) continue;
    features.set(f, acc);
    weight += w;
  }
  return { features, weight, fields: v.fields };
}

/**
 * Version of the text rules an entry's stored features were made with: entries analyzed
 * under other rules are analyzed again when they load. Bump the revision when the code that
 * forms query features changes (2: no pairs across phrase junctions or removed intent words; 3: intent phrases inside a name stay topic).
 */
const FAQ_FEATURES_REVISION = 3;
export const FAQ_FEATURES_VERSION = `${FAQ_FEATURES_REVISION}-${djb2(
  JSON.stringify([
    QUERY_EXPANSIONS,
    CONTEXT_RULES,
    PHRASES,
    [...STOPWORDS],
    [...NAMING_STOPWORD_PAIRS],
    NEGATION_CUES,
    INTENT_SIGNATURE,
    PLACE_PHRASES,
    [...FAQ_STOPWORDS],
    WEEKDAYS,
    WEEKDAY_SHORT,
  ]),
)}`;

/** What is stored with an entry (computed when the admin saves it), so loading is cheap. */
export interface FaqFeatures {
  v: string;
  /** One per phrasing: [feature, accented form] pairs and the fields it asks. */
  variants: { f: [string, string][]; fields: IntentField[] }[];
}

const phrasingsOf = (faq: Pick<FaqInput, "question" | "keywords">) =>
  [faq.question, ...faq.keywords.split(/[,;\n]/)].map((t) => t.trim()).filter(Boolean);

/** Written by the ward with care: taken as written (no typo fixing). */
export function faqFeatures(index: AskIndex, faq: Pick<FaqInput, "question" | "keywords">): FaqFeatures {
  return {
    v: FAQ_FEATURES_VERSION,
    variants: phrasingsOf(faq).map((text) => {
      const a = analyze(index, text, false);
      return { f: [...a.features], fields: a.fields };
    }),
  };
}

function storedFeatures(json: string | null | undefined): FaqFeatures | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as FaqFeatures;
    return parsed.v === FAQ_FEATURES_VERSION && Array.isArray(parsed.variants) ? parsed : null;
  } catch {
    return null;
  }
}

/** Each entry's phrasings as weighted variants: from stored features, or analyzed now. */
export function buildFaqEntries(index: AskIndex, faqs: FaqInput[]): FaqEntry[] {
  return faqs.map((faq) => {
    const features = storedFeatures(faq.features) ?? faqFeatures(index, faq);
    const variants = features.variants.map((v) => weigh(index, { features: new Map(v.f), fields: v.fields })).filter((v) => v.weight > 0);
    return { id: faq.id, question: faq.question, answer: faq.answer, updatedAt: faq.updatedAt, procedureCode: faq.procedureCode, variants };
  });
}

export function matchFaq(index: AskIndex, faqs: FaqEntry[], question: string): FaqMatch | null {
  if (!faqs.length) return null;
  const q = weigh(index, analyze(index, question, true));
  const fields = q.fields;
  if (q.weight === 0) return null;
  let best: FaqMatch | null = null;
  for (const entry of faqs) {
    for (const v of entry.variants) {
      // An entry about the fee does not answer a question about documents.
      if (v.fields.length && fields.length && !v.fields.some((f) => fields.includes(f))) continue;
      let overlap = 0;
      for (const [f, acc] of q.features) {
        const vAcc = v.features.get(f);
        if (vAcc === undefined) continue;
        overlap += featureWeight(index.idf.get(f), f) * accentFactor(acc, vAcc);
      }
      const headCoverage = Math.min(1, overlap / v.weight);
      const queryCoverage = Math.min(1, overlap / q.weight);
      const said = headCoverage >= FAQ_HEAD_COVERAGE && queryCoverage >= FAQ_QUERY_COVERAGE;
      const explained = queryCoverage >= SHORT_QUERY_COVERAGE && headCoverage >= SHORT_HEAD_COVERAGE && overlap >= rareWordWeight(index);
      if (!said && !explained) continue;
      // An entry that asks for a field answers a question that names none less well.
      const score = HEAD_WEIGHT * headCoverage + (1 - HEAD_WEIGHT) * queryCoverage + COMMUNE_PRIOR - (v.fields.length && !fields.length ? 0.1 : 0);
      if (!best || score > best.score) best = { entry, score, queryCoverage, headCoverage };
    }
  }
  return best;
}

/** The engine's outcome for a ward's citizen: catalog and local procedures, then the ward's FAQ. */
export function askForWard(index: AskIndex, question: string, ward: WardContent | null, context?: AskContext): WardOutcome {
  const outcome = ask(index, question, ward?.procedures ?? undefined, context);
  if (!ward?.faqs.length || outcome.reason === "not_a_procedure") return outcome;
  const faq = matchFaq(index, ward.faqs, question);
  if (!faq) return outcome;
  const top = outcome.kind === "answer" ? outcome.matches[0] : undefined;
  // Comparable scales: the entry's coverage score against the procedure's name score.
  if (top && faq.score < (top.nameScore ?? top.score)) return outcome;
  return { ...outcome, kind: "answer", reason: undefined, faq };
}
