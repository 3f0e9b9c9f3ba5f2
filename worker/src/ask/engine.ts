/**
 * The answer engine: question → ranked procedures → answer / clarify / none. Pure: no I/O,
 * no HTTP, no D1. The index is built once per isolate from catalog rows (see ask/index-cache)
 * and the same code runs in `npm run eval` and the unit tests.
 *
 * Ranking is lexical over procedure names, on folded syllables and syllable pairs weighted by
 * rarity (IDF), with:
 *  - coverage both ways: how much of the question the name explains, and how much of the
 *    name's head (before the first comma or bracket) the question asks for, so the plain
 *    procedure beats its long variants;
 *  - variant words ("có yếu tố nước ngoài", "lưu động", "liên thông", "đăng ký lại", …) that
 *    count only when the question says them;
 *  - accented evidence: an accented word that differs from the name's (hỗ vs hộ) counts less;
 *  - a prior for commune-level procedures.
 */
import {
  entryOf,
  GREETING,
  NAME_ABBREVIATIONS,
  NAME_PARTICLES,
  NAMING_STOPWORD_PAIRS,
  NON_PROCEDURE_PATTERNS,
  PHRASES,
  QUERY_EXPANSIONS,
  STOPWORDS,
  VARIANT_MARKERS,
} from "../text/dictionary";
import { fold } from "../text/fold";
import { normalizeQuery, type QueryToken, type Vocabulary } from "../text/query";
import type { EverydayIndex } from "./everyday-index";
import { detectIntent, type IntentField } from "./intent";
import { NOT_AT_WARD_CENTRE } from "../catalog/ward-fields";

export interface IndexInput {
  code: string;
  name: string;
  field: string | null;
  levels: string[];
  /** Precomputed at import time (see nameFeatures); computed here when absent or stale. */
  features?: NameFeatures | null;
}

/**
 * What the index needs from one name, computed once at import time and stored with the
 * procedure, so an isolate's first question does not tokenize 2,642 names.
 */
export interface NameFeatures {
  /** Version of the rules that produced it; stale features are recomputed. */
  v: string;
  /** [feature, accented form] pairs. */
  f: [string, string][];
  /** Head features. */
  h: string[];
  /** Variant markers in the name. */
  m: string[];
}

interface Doc {
  code: string;
  name: string;
  field: string | null;
  levels: string[];
  commune: boolean;
  features: Map<string, string>; // feature → accented form
  head: Set<string>;
  headWeight: number;
  variants: string[];
}

/** Plain arrays when built from rows; views into one buffer when loaded from the snapshot. */
export type PostingIds = ArrayLike<number> & Iterable<number>;

/** What ranking reads per feature: a Map when built from rows, views over one buffer when loaded. */
export interface FeatureTable<T> {
  get(feature: string): T | undefined;
  has(feature: string): boolean;
  keys(): IterableIterator<string>;
}

export interface AskIndex {
  docs: Doc[];
  /** Feature → the documents whose name has it (ascending). */
  postings: FeatureTable<PostingIds>;
  /** Feature → the accented form each of those names has (ids into accentNames, same order). */
  accents: FeatureTable<PostingIds>;
  accentNames: string[];
  idf: FeatureTable<number>;
  vocab: Vocabulary;
  /** What citizens call the procedures (data/knowledge), when loaded. */
  everyday?: EverydayIndex;
}

/** "ký"/"kí", "lý"/"lí": Vietnamese spells final i and y both ways after a consonant. */
function canonical(syllable: string): string {
  return syllable.endsWith("y") ? syllable.replace(/^([bcdghklmnpqrstvx]+)y$/, "$1i") : syllable;
}

/** Words that say what kind of act, not which procedure: they count, but little. */
const GENERIC_FEATURES = new Set(["dang", "ki", "dang ki", "cap", "giay", "thu", "tuc"]);

/** A feature's weight: rarity over `n` names, of which `df` have it. */
export function idfOf(feature: string, df: number, n: number): number {
  return Math.log(1 + n / df) * (GENERIC_FEATURES.has(feature) ? 0.3 : 1);
}

const NAME_STOPWORDS = new Set([...STOPWORDS, ...NAME_PARTICLES]);

// Names repeat the same few thousand syllables: folding each once keeps index builds fast.
const foldCache = new Map<string, string>();
function foldWord(w: string): string {
  let f = foldCache.get(w);
  if (f === undefined) foldCache.set(w, (f = fold(w)));
  return f;
}

/**
 * Lower-case words of a text. The class below covers ASCII and the Latin ranges Vietnamese
 * uses (à…ỹ, đ); a Unicode property class (\p{L}) is several times slower over a catalog.
 */
const NON_WORD = /[^0-9a-z\u00c0-\u024f\u1e00-\u1eff]+/;
/** Spell out the catalog's own abbreviations (no accents to compare: ""). */
function expandAbbreviations(ws: { folded: string; accented: string }[]) {
  return ws.flatMap((w) =>
    entryOf(NAME_ABBREVIATIONS, w.folded)?.split(" ").map((f) => ({ folded: f, accented: "" })) ?? [w],
  );
}

function countWords(text: string): number {
  let n = 0;
  for (const w of text.toLowerCase().split(NON_WORD)) if (w) n++;
  return n;
}

function words(text: string): { folded: string; accented: string }[] {
  const out: { folded: string; accented: string }[] = [];
  for (const w of text.normalize("NFC").toLowerCase().split(NON_WORD)) if (w) out.push({ folded: foldWord(w), accented: w });
  return out;
}

/**
 * Unigrams (minus stopwords) and adjacent pairs (unless both are stopwords). A pair that
 * straddles "đăng ký" and the next word ("ký khai") is left out: citizens say "khai tử" for
 * "đăng ký khai tử", and such pairs would otherwise be rare and weigh a lot.
 */
export function featuresOf(
  raw: { folded: string; accented: string | null; unpaired?: boolean }[],
  stop: Set<string>,
): Map<string, string> {
  const out = new Map<string, string>();
  const tokens = raw.map((t) => ({ folded: canonical(t.folded), accented: t.accented, unpaired: t.unpaired }));
  tokens.forEach((t, i) => {
    if (!stop.has(t.folded)) out.set(t.folded, t.accented ?? "");
    const next = tokens[i + 1]?.unpaired ? undefined : tokens[i + 1];
    const straddlesVerb =
      (t.folded === "ki" && tokens[i - 1]?.folded === "dang") || (next?.folded === "dang" && tokens[i + 2]?.folded === "ki");
    const pair = next && `${t.folded} ${next.folded}`;
    if (next && !straddlesVerb && (!(stop.has(t.folded) && stop.has(next.folded)) || NAMING_STOPWORD_PAIRS.has(pair!))) {
      out.set(`${t.folded} ${next.folded}`, t.accented && next.accented ? `${t.accented} ${next.accented}` : "");
    }
  });
  return out;
}

/**
 * The part of a name that says what the procedure is: before the first bracket, and before
 * the first comma/semicolon once it has at least four words ("Chứng thực chữ ký trong các
 * giấy tờ, văn bản (…)" → "Chứng thực chữ ký trong các giấy tờ"; "Cấp lại, đổi, điều chỉnh
 * thông tin trên sổ BHXH, thẻ BHYT" keeps its object).
 */
function headOf(name: string): string {
  const main = name.replace(/^thủ tục\s+/i, "").split("(")[0];
  const parts = main.split(/[,;:/]/);
  let head = parts[0];
  // A name that opens with a list of acts ("Đăng ký, đăng ký lại, điều chỉnh đóng BHXH…")
  // names its object later: keep going until the head has words beyond the acts.
  for (let i = 1; i < parts.length && (head.trim().split(/\s+/).length < 4 || objectWords(head) < 2); i++) head += ` ${parts[i]}`;
  return head;
}

/** Words that say what is done, not to what. */
const ACT_WORDS = new Set(["dang", "ky", "ki", "lai", "dieu", "chinh", "cap", "doi", "sua", "bo", "sung", "gia", "han", "thay", "xac", "nhan", "giai", "quyet", "xoa", "thu", "hoi", "cham", "dut", "tam", "ngung", "tiep", "tuc"]);

function objectWords(text: string): number {
  let n = 0;
  for (const w of text.toLowerCase().split(NON_WORD)) if (w && !ACT_WORDS.has(foldWord(w)) && !NAME_STOPWORDS.has(foldWord(w))) n++;
  return n;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Words the dictionary can produce: known syllables whatever the catalog. Built once. */
let dictionaryWords: Set<string> | null = null;
export function dictionarySyllables(): Set<string> {
  if (dictionaryWords) return dictionaryWords;
  dictionaryWords = new Set(STOPWORDS);
  for (const phrase of [...Object.values(QUERY_EXPANSIONS), ...PHRASES.map((p) => `${p.phrase} ${p.add}`)]) {
    for (const w of phrase.split(" ")) dictionaryWords.add(w);
  }
  return dictionaryWords;
}

/**
 * The catalog's syllables and pairs are the postings' keys (a pair has a space), so the
 * vocabulary reads them there instead of copying 10,000 keys into sets on a cold start.
 */
export interface MoreWords {
  has(word: string): boolean;
  keys(): Iterable<string>;
}

/**
 * `more`: syllables known from elsewhere (everyday texts); `accentedList`: the accented
 * syllables to accept as written (default: gathered from the names' accented forms).
 */
export function buildVocabulary(
  postings: FeatureTable<PostingIds>,
  extra: Set<string>,
  more?: MoreWords,
  accentedList?: () => Iterable<string>,
  accentNames: string[] = [],
): Vocabulary {
  const isSyllable = (w: string) => (postings.has(w) && !w.includes(" ")) || extra.has(w) || (more?.has(w) ?? false);
  // Accented syllables the catalog writes, built on the first accented question.
  let accented: Set<string> | null = null;
  // Symmetric-delete index for one-edit typo lookup, built on the first typo: most
  // questions never need it, and it is the costliest part of the index.
  let deletionIndex: Map<string, Set<string>> | null = null;
  const byDeletionIndex = () => {
    if (deletionIndex) return deletionIndex;
    deletionIndex = new Map();
    const add = (s: string) => {
      if (s.length < 3) return;
      for (const d of deletions(s)) {
        let set = deletionIndex!.get(d);
        if (!set) deletionIndex!.set(d, (set = new Set()));
        set.add(s);
      }
    };
    for (const s of postings.keys()) if (!s.includes(" ")) add(s);
    for (const s of extra) if (!postings.has(s)) add(s);
    if (more) for (const s of more.keys()) if (!postings.has(s) && !extra.has(s)) add(s);
    return deletionIndex;
  };
  return {
    has: isSyllable,
    knowsAccented(w) {
      if (!accented) {
        accented = new Set(accentedList ? accentedList() : []);
        if (!accentedList) for (const a of accentNames) for (const s of a.split(" ")) if (s) accented.add(s);
      }
      return accented.has(w);
    },
    frequency: (w) => postings.get(canonical(w))?.length ?? 0,
    hasPair: (a, b) => postings.has(`${canonical(a)} ${canonical(b)}`),
    pairFrequency: (a, b) => postings.get(`${canonical(a)} ${canonical(b)}`)?.length ?? 0,
    near(w) {
      const byDeletion = byDeletionIndex();
      const found = new Set<string>();
      for (const s of byDeletion.get(w) ?? []) found.add(s); // one letter missing
      if (isSyllable(w)) found.add(w);
      deletions(w).forEach((d, i) => {
        if (isSyllable(d)) found.add(d); // one letter extra
        // One letter wrong: the same letter position deleted from both ("hen" and "the" share
        // "he", but at different positions: two edits apart).
        for (const s of byDeletion.get(d) ?? []) if (s.length === w.length && s.slice(0, i) === w.slice(0, i)) found.add(s);
      });
      for (let i = 0; i + 1 < w.length; i++) {
        const swapped = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // two letters swapped
        if (isSyllable(swapped)) found.add(swapped);
      }
      found.delete(w);
      return [...found];
    },
  };
}

/** Revision of the name-feature code below; bump it when featuresOf/headOf change. */
const NAME_FEATURES_REVISION = 3;
export const NAME_FEATURES_VERSION = `${NAME_FEATURES_REVISION}-${djb2(
  JSON.stringify([[...NAME_STOPWORDS].sort(), NAME_ABBREVIATIONS, VARIANT_MARKERS, [...NAMING_STOPWORD_PAIRS]]),
)}`;

export function djb2(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

export function nameFeatures(name: string): NameFeatures {
  const raw = words(name);
  // The head is a prefix of the name: reuse its words instead of tokenizing again.
  const skip = /^thủ tục\s/i.test(name) ? 2 : 0;
  const headLength = countWords(headOf(name));
  const ws = expandAbbreviations(raw);
  const head = featuresOf(expandAbbreviations(raw.slice(skip, skip + headLength)), NAME_STOPWORDS);
  const foldedName = ` ${ws.map((w) => w.folded).join(" ")} `;
  return {
    v: NAME_FEATURES_VERSION,
    f: [...featuresOf(ws, NAME_STOPWORDS)],
    h: [...head.keys()],
    m: VARIANT_MARKERS.filter((m) => foldedName.includes(` ${m} `)),
  };
}

export function buildIndex(rows: IndexInput[]): AskIndex {
  return indexFromDocs(
    rows.map((r) => {
      const nf = r.features?.v === NAME_FEATURES_VERSION ? r.features : nameFeatures(r.name);
      return docOf(r, new Map(nf.f), new Set(nf.h), nf.m);
    }),
  );
}

/** One indexed procedure (see ask/index-snapshot for the serialized form). */
export function docOf(r: Omit<IndexInput, "features">, features: Map<string, string>, head: Set<string>, variants: string[]): Doc {
  return {
    code: r.code,
    name: r.name,
    field: r.field,
    levels: r.levels,
    commune: r.levels.includes("xa"),
    features,
    head,
    headWeight: 0,
    variants,
  };
}

export type { Doc };

/**
 * Postings, weights and vocabulary over the documents: cheap next to building features.
 * `built`: postings already collected while loading (the snapshot does); then documents'
 * feature maps may stay lazy, since ranking reads accents from the postings.
 */
export function indexFromDocs(
  docs: Doc[],
  built?: {
    postings: FeatureTable<PostingIds>;
    accents: FeatureTable<PostingIds>;
    accentNames: string[];
    idf: FeatureTable<number>;
    headWeights: ArrayLike<number>;
  },
): AskIndex {
  if (built) {
    // Computed by the loader from feature ids: heads may stay lazy.
    for (let i = 0; i < docs.length; i++) docs[i].headWeight = built.headWeights[i];
    const { postings, accents, accentNames, idf } = built;
    return { docs, postings, accents, accentNames, idf, vocab: buildVocabulary(postings, dictionarySyllables(), undefined, undefined, accentNames) };
  }
  const { postings, accents, accentNames } = collectPostings(docs);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [f, list] of postings) idf.set(f, idfOf(f, list.length, n));
  for (const d of docs) {
    let w = 0;
    for (const f of d.head) w += idf.get(f) ?? 0;
    d.headWeight = w;
  }
  return { docs, postings, accents, accentNames, idf, vocab: buildVocabulary(postings, dictionarySyllables(), undefined, undefined, accentNames) };
}

/** Feature → the items (by position) that have it, and the ids of their accented forms. */
export function collectPostings(items: { features: Iterable<[string, string]> }[]) {
  const postings = new Map<string, number[]>();
  const accents = new Map<string, number[]>();
  const accentNames: string[] = [];
  const accentIds = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    for (const [f, acc] of items[i].features) {
      let list = postings.get(f);
      if (!list) {
        postings.set(f, (list = []));
        accents.set(f, []);
      }
      list.push(i);
      let id = accentIds.get(acc);
      if (id === undefined) {
        accentIds.set(acc, (id = accentNames.length));
        accentNames.push(acc);
      }
      accents.get(f)!.push(id);
    }
  }
  return { postings, accents, accentNames };
}

/**
 * A ward's own procedures as a small index ranked next to the catalog (see rank's `extra`):
 * rarity is counted over catalog and ward together, and the catalog's vocabulary corrects
 * typos, so building it costs only the ward's few names.
 */
export function extendIndex(base: AskIndex, rows: IndexInput[]): AskIndex {
  const docs = rows.map((r) => {
    const nf = r.features?.v === NAME_FEATURES_VERSION ? r.features : nameFeatures(r.name);
    return docOf(r, new Map(nf.f), new Set(nf.h), nf.m);
  });
  const { postings, accents, accentNames } = collectPostings(docs);
  const n = base.docs.length + docs.length;
  const idf = new Map<string, number>();
  for (const [f, list] of postings) {
    idf.set(f, idfOf(f, (base.postings.get(f)?.length ?? 0) + list.length, n));
  }
  for (const d of docs) {
    let w = 0;
    for (const f of d.head) w += idf.get(f) ?? 0;
    d.headWeight = w;
  }
  return { docs, postings, accents, accentNames, idf, vocab: base.vocab };
}

export interface Match {
  code: string;
  name: string;
  levels: string[];
  field: string | null;
  score: number;
  queryCoverage: number;
  headCoverage: number;
  /** Absolute weight of the name's head that the question matched. */
  namedWeight: number;
  /** Variant words in the name the question did not ask for ("lưu động", "đăng ký lại"…). */
  unaskedVariants: number;
  /** Acts the question names ("trích lục", "cấp lại") that the name lacks. */
  missingActs: number;
  /** 1 when the name opens with altering acts ("thu hồi") and the question says none of them. */
  unaskedActs: number;
  /** Share of the question's focus (its last clause with content) the name explains. */
  focusCoverage?: number;
  /** Share of the matched weight that came from words inferred, not typed. */
  inferredShare?: number;
  /** The name ranking's own score, when `score` has become the fitted probability. */
  nameScore?: number;
}

export type AskKind = "answer" | "clarify" | "none";

export interface AskOutcome {
  kind: AskKind;
  fields: IntentField[];
  matches: Match[];
  /** Why the engine did not answer, for the message shown to the citizen. */
  reason?: "not_a_procedure" | "no_match" | "not_at_ward" | "ambiguous";
}

function queryFeatures(topic: QueryToken[]): Map<string, string> {
  return featuresOf(
    // A phrase kept as typed and the catalog words added after it ("làm lại" + "cấp lại"), or
    // words around removed intent words ("khai sinh [bao giờ] có"), never stood side by side:
    // no pair ("lại cấp", "sinh có") between them.
    topic.map((t, i) => ({
      folded: t.folded,
      accented: t.accented,
      // Nor did words of different clauses ("… mất năm ngoái, anh em …").
      unpaired: t.afterGap || (t.generated && topic[i - 1]?.covered !== undefined) || (i > 0 && topic[i - 1].clause !== t.clause),
    })),
    STOPWORDS,
  );
}

export interface FeatureMeta {
  /** The clause the feature comes from (its last occurrence). */
  clause: number;
  /** Every occurrence was inferred from a situation or phrase, none typed. */
  inferred: boolean;
}

/** Where each query feature comes from (see QueryToken.clause and .inferred). */
function featureMeta(topic: QueryToken[]): Map<string, FeatureMeta> {
  const out = new Map<string, FeatureMeta>();
  const note = (f: string, clause: number, inferred: boolean) => {
    const m = out.get(f);
    out.set(f, m ? { clause: Math.max(m.clause, clause), inferred: m.inferred && inferred } : { clause, inferred });
  };
  topic.forEach((t, i) => {
    const a = canonical(t.folded);
    note(a, t.clause ?? 0, !!t.inferred);
    const next = topic[i + 1];
    if (next) note(`${a} ${canonical(next.folded)}`, next.clause ?? 0, !!t.inferred && !!next.inferred);
  });
  return out;
}

/** An accented word the user typed that differs from the name's counts for less. */
export function accentFactor(queryAccented: string, docAccented: string): number {
  if (!queryAccented || !docAccented) return 1;
  return queryAccented === docAccented ? 1 : 0.35;
}

const MIN_QUERY_COVERAGE = 0.5;
/** Documents fully scored per question (see scoreSource). */
const MAX_SCORED = 250;
const UNKNOWN_WORD_WEIGHT = 4;
export const COMMUNE_PRIOR = 0.1;
/**
 * Generic words alone ("cấp lại giấy") do not name a procedure: the matched head must weigh
 * about as much as one rare word. Relative to the rarest possible word, so it holds for any
 * catalog size.
 */
const MIN_NAMED_SHARE = 0.76;
/** Scores this close are a tie (clarify) … */
const CLARIFY_MARGIN = 0.04;
/** … unless one explains this much more of the question. */
const TIE_QCOV = 0.15;
/** A more specific name wins when the question says this share of what it adds. */
const SPECIFIC_SAID = 0.7;
/** Commune-first swap: the commune procedure must cover this much of its head, or name … */
const SWAP_H = 0.4;
/** … at least this many rare words' weight. */
const SWAP_NW = 2;
/** … while explaining the question almost as fully. */
const SWAP_QCOV = 0.05;
/** Or it explains nearly all of the question, clearly more than the higher-level one. */
const SWAP_FULL_QCOV = 0.9;
const SWAP_MORE_QCOV = 0.2;
/** The weight of about the rarest word in this catalog. */
export const rareWordWeight = (index: AskIndex) => MIN_NAMED_SHARE * Math.log(1 + index.docs.length);
/**
 * Acts a citizen names explicitly ("cấp lại", "đính chính", "trích lục"): a procedure whose
 * name lacks the act is another procedure on the same object ("cấp lại giấy chứng nhận hộ
 * kinh doanh" is not "đăng ký thành lập hộ kinh doanh").
 */
const EXPLICIT_ACTS = ["cap lai", "cap doi", "dinh chinh", "trich luc", "ban sao", "gia han", "thay doi", "chuyen doi", "thu hoi", "cham dut", "tam ngung", "xoa"];
const MISSING_ACT_PENALTY = 0.3;
/**
 * Acts that change or end what exists ("thu hồi", "cấp lại", "gia hạn"…): a citizen who means
 * one says so, so a name that opens with one the question does not say loses a little.
 */
const ALTERING_ACTS = [
  "cap lai", "cap doi", "dinh chinh", "cai chinh", "bo sung", "gia han", "thay doi", "chuyen doi", "thu hoi", "cham dut", "tam ngung", "xoa",
];
const UNASKED_ACT_PENALTY = 0.1;
/** Weight of head coverage against question coverage in the score. */
const HEAD_WEIGHT = 0.55;

/** What a question asks (fields) and about what (topic features). */
export function analyzeQuestion(index: AskIndex, question: string, options?: { fixTypos?: boolean }) {
  const normalized = normalizeQuery(question, index.vocab, options);
  const { fields, topic } = detectIntent(normalized.tokens, (a, b) => index.postings.has(`${canonical(a)} ${canonical(b)}`));
  return { normalized, fields, topic, qf: queryFeatures(topic), meta: featureMeta(topic) };
}

/**
 * Known words and pairs weigh their rarity; a content word the catalog never uses weighs like
 * a fairly rare one, so questions about things no procedure covers score low.
 */
export function featureWeight(idf: number | undefined, feature: string): number {
  if (idf !== undefined) return idf;
  return !feature.includes(" ") && feature.length > 1 && !/^\d+$/.test(feature) ? UNKNOWN_WORD_WEIGHT : 0;
}

/**
 * Documents whose head opens with altering acts the question says none of. A name listing
 * several ("thay đổi, cải chính, bổ sung") needs only one of them said. Read from postings.
 */
function unaskedActDocs(index: AskIndex, queryText: string): Set<number> {
  const withAct = new Set<number>();
  const withSaidAct = new Set<number>();
  for (const [a, docs] of actHeadsOf(index)) {
    const said = queryText.includes(` ${a} `);
    for (const i of docs) (said ? withSaidAct : withAct).add(i);
  }
  for (const i of withSaidAct) withAct.delete(i);
  return withAct;
}

/** Per index, once: altering act → the documents whose head has it. */
const actHeads = new WeakMap<AskIndex, Map<string, number[]>>();
function actHeadsOf(index: AskIndex): Map<string, number[]> {
  let map = actHeads.get(index);
  if (!map) {
    map = new Map();
    for (const a of ALTERING_ACTS) {
      const docs = index.postings.get(a);
      if (docs) map.set(a, Array.from(docs).filter((i) => index.docs[i].head.has(a)));
    }
    actHeads.set(index, map);
  }
  return map;
}

/** Scores the documents of one index (the catalog, or a ward's own procedures) that share a feature with the question. */
export interface Focus {
  /** Is the feature in the focus clause (all features when the message has one clause). */
  inFocus(feature: string): boolean;
  weight: number;
  inferred(feature: string): boolean;
}

function scoreSource(index: AskIndex, qf: Map<string, string>, queryText: string, namedActs: string[], topicWeight: number, focus: Focus): [Match, Doc][] {
  // Which documents name each act the question names (from postings: no per-document lookups).
  // An act no name in this index spells as a feature cannot tell names apart: no penalty.
  const acts = namedActs.filter((a) => index.postings.has(a)).map((a) => new Set(index.postings.get(a)!));
  const unasked = unaskedActDocs(index, queryText);
  // Per document sums in typed arrays (a common word touches most names), and which were touched.
  const n = index.docs.length;
  const overlap = new Float64Array(n);
  const headOverlap = new Float64Array(n);
  const focusOverlap = new Float64Array(n);
  const inferredOverlap = new Float64Array(n);
  const touched: number[] = [];
  const seen = new Uint8Array(n);
  const names = index.accentNames;
  for (const [f, acc] of qf) {
    const inFocus = focus.inFocus(f);
    const inferred = focus.inferred(f);
    const docsWith = index.postings.get(f);
    if (!docsWith) continue;
    const w = index.idf.get(f) ?? 0;
    const accented = index.accents.get(f)!;
    for (let k = 0; k < docsWith.length; k++) {
      const i = docsWith[k];
      const d = index.docs[i];
      const weight = acc ? w * accentFactor(acc, names[accented[k]]) : w;
      // Variant words only count when the question says the whole variant phrase.
      const variantWord = d.variants.length > 0 && d.variants.some((m) => ` ${m} `.includes(` ${f} `) && !queryText.includes(` ${m} `));
      const credited = variantWord ? weight * 0.2 : weight;
      if (!seen[i]) {
        seen[i] = 1;
        touched.push(i);
      }
      overlap[i] += credited;
      if (d.head.has(f)) headOverlap[i] += credited;
      if (inFocus) focusOverlap[i] += credited;
      if (inferred) inferredOverlap[i] += credited;
    }
  }
  // Only the best few hundred by coverage can reach the top after the adjustments below
  // (together at most a few tenths): the rest are not built.
  let keep = touched;
  if (touched.length > MAX_SCORED) {
    const rough = (i: number) => {
      const d = index.docs[i];
      return HEAD_WEIGHT * (d.headWeight ? Math.min(1, headOverlap[i] / d.headWeight) : 0) + (1 - HEAD_WEIGHT) * (topicWeight ? Math.min(1, overlap[i] / topicWeight) : 0) + (d.commune ? COMMUNE_PRIOR : 0);
    };
    keep = touched.map((i) => [i, rough(i)] as const).sort((a, b) => b[1] - a[1]).slice(0, MAX_SCORED).map(([i]) => i);
  }
  const out: [Match, Doc][] = [];
  for (const i of keep) {
    const ov = overlap[i];
    const d = index.docs[i];
    const qcov = topicWeight ? Math.min(1, ov / topicWeight) : 0;
    const hcov = d.headWeight ? Math.min(1, headOverlap[i] / d.headWeight) : 0;
    // The head naming the procedure matters most; the rest of a long question is context.
    let score = HEAD_WEIGHT * hcov + (1 - HEAD_WEIGHT) * qcov;
    for (const m of d.variants) score += queryText.includes(` ${m} `) ? 0.08 : -0.06;
    if (d.commune) score += COMMUNE_PRIOR;
    let missingActs = 0;
    for (const namedBy of acts) if (!namedBy.has(i)) missingActs++;
    score -= missingActs * MISSING_ACT_PENALTY;
    const unaskedActs = unasked.has(i) ? 1 : 0;
    score -= unaskedActs * UNASKED_ACT_PENALTY;
    if (d.field && NOT_AT_WARD_CENTRE.has(d.field)) score -= 0.05;
    const unaskedVariants = d.variants.filter((m) => !queryText.includes(` ${m} `)).length;
    out.push([
      {
        code: d.code,
        name: d.name,
        levels: d.levels,
        field: d.field,
        score,
        queryCoverage: qcov,
        headCoverage: hcov,
        namedWeight: headOverlap[i],
        unaskedVariants,
        missingActs,
        unaskedActs,
        focusCoverage: focus.weight ? Math.min(1, focusOverlap[i] / focus.weight) : qcov,
        inferredShare: ov ? inferredOverlap[i] / ov : 0,
      },
      d,
    ]);
  }
  return out;
}

/**
 * The focus of a long message: its last clause that names something (about one fairly rare
 * word's weight). Context sentences before it ("Năm ngoái tôi đi xuất khẩu lao động về, …")
 * still count, but a name that explains the focus is what was asked.
 */
function focusOf(index: AskIndex, qf: Map<string, string>, meta: Map<string, FeatureMeta>, idfOf: (f: string) => number | undefined): Focus {
  const byClause = new Map<number, number>();
  for (const f of qf.keys()) {
    // Only words the catalog knows make a clause name something ("đặt lịch hẹn" does not).
    const idf = idfOf(f);
    if (f.includes(" ") || idf === undefined) continue;
    const c = meta.get(f)?.clause ?? 0;
    byClause.set(c, (byClause.get(c) ?? 0) + idf);
  }
  const enough = 0.5 * rareWordWeight(index);
  const named = [...byClause].filter(([, w]) => w >= enough).map(([c]) => c);
  const inferred = (f: string) => meta.get(f)?.inferred ?? false;
  if (named.length < 2) return { inFocus: () => true, weight: 0, inferred };
  const clause = Math.max(...named);
  const inFocus = (f: string) => (meta.get(f)?.clause ?? 0) === clause;
  let weight = 0;
  for (const f of qf.keys()) if (inFocus(f)) weight += featureWeight(idfOf(f), f);
  return { inFocus, weight, inferred };
}

/**
 * A pair with a particle in it ("hải quan thì", "hỏi hủy") that no name writes with the
 * typed marks is a join of two phrases, not a name's pair ("cơ quan thi hành", "thu hồi, hủy"):
 * it weighs as an accent mismatch in what the question asks.
 */
function particlePairFactor(index: AskIndex, f: string, typed: string): number {
  if (!typed) return 1;
  const space = f.indexOf(" ");
  if (space < 0 || !(STOPWORDS.has(f.slice(0, space)) || STOPWORDS.has(f.slice(space + 1)))) return 1;
  const forms = index.accents.get(f);
  if (!forms) return 1;
  let best = 0;
  for (let k = 0; k < forms.length && best < 1; k++) best = Math.max(best, accentFactor(typed, index.accentNames[forms[k]]));
  return best;
}

export function rank(
  index: AskIndex,
  question: string,
  limit = 5,
  extra?: AskIndex,
): { fields: IntentField[]; matches: Match[]; topicWeight: number; displaced?: Match; qf: Map<string, string>; unknownWeight: number; focus: Focus } {
  const { normalized, fields, topic, qf, meta } = analyzeQuestion(index, question);
  const idfOf = (f: string) => index.idf.get(f) ?? extra?.idf.get(f);
  let topicWeight = 0;
  // Content words no name uses: a question mostly about them is about something else.
  let unknownWeight = 0;
  for (const [f, typed] of qf) {
    const w = featureWeight(idfOf(f), f) * particlePairFactor(index, f, typed);
    topicWeight += w;
    if (idfOf(f) === undefined) unknownWeight += w;
  }
  const queryText = ` ${topic.map((t) => t.folded).join(" ")} `;
  const namedActs = EXPLICIT_ACTS.filter((a) => queryText.includes(` ${a} `));
  const focus = focusOf(index, qf, meta, idfOf);

  const scored: Match[] = [];
  const docOf = new Map<Match, Doc>();
  for (const source of extra ? [index, extra] : [index]) {
    for (const [match, d] of scoreSource(source, qf, queryText, namedActs, topicWeight, focus)) {
      scored.push(match);
      docOf.set(match, d);
    }
  }
  scored.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.code.localeCompare(b.code));
  // A more specific procedure whose name contains the top one's head and whose extra words the
  // question says ("đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân") goes first.
  // Intent words count here: "hồ sơ" asks for documents but can also be part of a name.
  if (scored[0]) {
    const said = queryFeatures(normalized.tokens);
    const t = docOf.get(scored[0])!;
    const k = scored.findIndex((m, i) => {
      if (i === 0 || i > 4) return false;
      const d = docOf.get(m)!;
      if (![...t.head].every((f) => d.features.has(f))) return false;
      let extra = 0;
      let covered = 0;
      for (const f of d.head) {
        if (t.features.has(f)) continue;
        const w = idfOf(f) ?? 0;
        extra += w;
        if (said.has(f)) covered += w;
      }
      return extra >= rareWordWeight(index) && covered >= SPECIFIC_SAID * extra;
    });
    if (k > 0) {
      // Decided, not a tie: the question said what sets it apart.
      scored[k].score = Math.max(scored[k].score, scored[0].score + 2 * CLARIFY_MARGIN);
      scored.unshift(...scored.splice(k, 1));
    }
  }
  // Equal scores, but the runner-up explains clearly more of the question (the words that set
  // it apart, "tự nguyện"): it goes first, unless it lacks an act the question names.
  if (
    scored[1] &&
    scored[1].score >= scored[0].score - CLARIFY_MARGIN &&
    scored[1].queryCoverage > scored[0].queryCoverage + TIE_QCOV &&
    scored[1].missingActs <= scored[0].missingActs
  ) {
    scored.unshift(...scored.splice(1, 1));
  }
  // Citizens ask their ward: a commune-level procedure that explains the question as fully as
  // a higher-level one goes first.
  const top = scored[0];
  if (top && !top.levels.includes("xa")) {
    const k = scored.findIndex(
      (m, i) =>
        i > 0 &&
        i < 20 &&
        m.levels.includes("xa") &&
        // Not another act on the same object ("thu hồi" or "cấp lại" for a plain "cấp").
        m.missingActs <= top.missingActs &&
        m.unaskedActs <= top.unaskedActs &&
        ((m.queryCoverage >= top.queryCoverage - SWAP_QCOV &&
          (m.headCoverage >= SWAP_H || m.namedWeight >= SWAP_NW * rareWordWeight(index))) ||
          (m.queryCoverage >= SWAP_FULL_QCOV && m.queryCoverage >= top.queryCoverage + SWAP_MORE_QCOV)),
    );
    if (k > 0) {
      scored.unshift(...scored.splice(k, 1));
      return { fields, matches: scored.slice(0, limit), topicWeight, displaced: top, qf, unknownWeight, focus };
    }
  }
  return { fields, matches: scored.slice(0, limit), topicWeight, qf, unknownWeight, focus };
}

function isNotAProcedureQuestion(question: string): boolean {
  const t = fold(question.toLowerCase()).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ").trim();
  if (!t) return true;
  if (GREETING.test(t)) return true;
  return NON_PROCEDURE_PATTERNS.some((re) => re.test(t));
}

/** Earlier turns of the same conversation, oldest first (at most 5). */
export interface AskContext {
  previous: { question: string; code?: string | null }[];
}

export type Ranked = ReturnType<typeof rank>;

export function isNotAProcedure(question: string): boolean {
  return isNotAProcedureQuestion(question);
}

/**
 * The first generation's decision from name evidence alone (thresholds set by hand on the
 * development set). Kept as one signal for the fitted scorer (see ask/answer-engine), and as
 * the name ranking's own tests. `ranked`: rank(index, question, …) when already computed.
 */
export function askByName(index: AskIndex, question: string, extra?: AskIndex, ranked?: Ranked): AskOutcome {
  if (isNotAProcedureQuestion(question)) return { kind: "none", fields: [], matches: [], reason: "not_a_procedure" };
  const r = ranked ?? rank(index, question, 5, extra);
  const { fields, topicWeight, displaced } = r;
  const matches = r.matches.slice(0, 5);
  const top = matches[0];
  // Answerable when the question names the procedure's head, or when it is mostly explained
  // by the name; otherwise it is about something the catalog does not cover.
  const rareWord = MIN_NAMED_SHARE * Math.log(1 + index.docs.length);
  const isNamed = (m: Match) =>
    m.namedWeight >= rareWord &&
    (m.headCoverage >= 0.7 ||
      (m.queryCoverage >= MIN_QUERY_COVERAGE && m.headCoverage >= 0.3) ||
      // Half the head, but the half is a rare phrase ("nuôi con nuôi"): the rest is context.
      (m.headCoverage >= 0.45 && m.namedWeight >= 2 * rareWord));
  // A commune procedure that took the place of a named higher-level one explains the question
  // as fully (see rank), so the question names it too.
  const named = top && (isNamed(top) || (displaced !== undefined && isNamed(displaced)));
  if (!top || topicWeight === 0 || !named) {
    return { kind: "none", fields, matches: [], reason: "no_match" };
  }
  if (!top.levels.includes("xa") || (top.field && NOT_AT_WARD_CENTRE.has(top.field))) {
    return { kind: "none", fields, matches: [], reason: "not_at_ward" };
  }
  const second = matches[1];
  // Not a tie when the top explains clearly more of the question (its distinguishing words).
  // A runner-up lacking an act the question names is another procedure, never a tie.
  const tie =
    second &&
    second.levels.includes("xa") &&
    second.missingActs <= top.missingActs &&
    second.score >= top.score - CLARIFY_MARGIN &&
    second.queryCoverage >= top.queryCoverage - TIE_QCOV;
  // The question only names what several procedures share ("hòa giải viên", "giấy phép xây
  // dựng"): it asks about a family, not one procedure.
  // "hỏi về X", "thủ tục về X" with nothing specific asked: a topic, so every sibling counts.
  const topical = fields.length === 0 && /\b(hoi ve|thu tuc ve|ve cac thu tuc|lien quan den)\b/.test(fold(question.toLowerCase()));
  const vague =
    top.headCoverage < 0.8 &&
    matches
      .slice(1)
      .some(
        (m) =>
          m.levels.includes("xa") &&
          (topical || m.unaskedVariants <= top.unaskedVariants) &&
          Math.abs(m.namedWeight - top.namedWeight) < 0.5 &&
          m.score >= 0.8 * top.score,
      );
  if (tie || vague) {
    return { kind: "clarify", fields, matches, reason: "ambiguous" };
  }
  return { kind: "answer", fields, matches };
}
