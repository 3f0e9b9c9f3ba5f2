/**
 * The answer engine, second generation: question (and earlier turns) → ranked procedures →
 * answer / clarify / none. Pure.
 *
 * 1. Candidates from two lexical rankers: procedure names (engine.rank, with the first
 *    generation's rules) and what citizens call procedures (everyday-index).
 * 2. A fitted logistic model (scorer, weights in scorer-weights.json) turns their signals into
 *    P(candidate answers the question) and orders the candidates by it.
 * 3. Records that differ only by the level doing them ("(thực hiện tại cấp tỉnh)") form one
 *    family: the citizen gets the member closest to them, the others come as related, and the
 *    margin that decides a clarify is measured between families.
 * 4. A second fitted model gives P(the top is right): answer at or above the fitted threshold,
 *    clarify (up to three choices) when something plausible was found, none when the question
 *    names no procedure.
 * Procedures not done at the ward are answered like any other; the reply says who does them.
 */
import { NOT_AT_WARD_CENTRE } from "../catalog/ward-fields";
import { fold } from "../text/fold";
import {
  askByName,
  rank,
  rareWordWeight,
  accentFactor,
  type AskIndex,
  type AskOutcome,
  type Match,
} from "./engine";
import { blankEveryday, everydayTextCount, pooledCoverage, scoreEveryday, type EverydayScore } from "./everyday-index";
import { chatterOf, CONFIDENCE_FEATURES, linear, logit, NULL_FEATURES, probability, RANK_FEATURES, WEIGHTS, type ScorerWeights } from "./scorer";

export interface Candidate {
  match: Match;
  ev: EverydayScore;
  hasEveryday: boolean;
  local: boolean;
  /** Position in the name ranking (after its rules), or -1 when found by everyday names only. */
  nameRank: number;
  x: number[];
  p: number;
  /** Share of the question its name or everyday texts say somewhere (pooledCoverage). */
  pooled?: number;
  /** How many everyday texts it has. */
  texts?: number;
}

export interface Scored {
  fields: AskOutcome["fields"];
  candidates: Candidate[];
  topicWeight: number;
  unknownWeight: number;
  firstGen: AskOutcome;
  /** Confidence features of the top family, and the confidence. */
  cx: number[];
  /** The rank model's row for the "no procedure" alternative (for fitting). */
  nullRow: number[];
  confidence: number;
  /** The message says a whole, long procedure name (see NAMED_IN_FULL): never a bare refusal. */
  namesOne?: boolean;
  /** The top candidate is the procedure the message names in full (namesTop). */
  namesTop?: boolean;
}

const NAME_CANDIDATES = 60;
const EVERYDAY_CANDIDATES = 25;

/**
 * Same procedure at another level or through another channel: "… (thực hiện tại cấp tỉnh)",
 * "… (cấp Bộ)", "… thực hiện tại cấp trung ương, cấp tỉnh, cấp xã", "… trực tuyến toàn trình".
 */
const familyKeys = new Map<string, string>();
export function familyKey(name: string): string {
  let key = familyKeys.get(name);
  if (key === undefined) familyKeys.set(name, (key = computeFamilyKey(name)));
  return key;
}

function computeFamilyKey(name: string): string {
  return fold(name.toLowerCase())
    .replace(/\([^)]*\bcap (?:xa|huyen|tinh|bo|tw|trung uong)\b[^)]*\)/g, " ")
    .replace(/\bthuc hien (?:tai|o) cap (?:xa|huyen|tinh|bo|trung uong)(?:\s*,\s*cap (?:xa|huyen|tinh|bo|trung uong))*/g, " ")
    .replace(/\b(?:thuc hien )?(?:bang )?dich vu cong(?: truc tuyen)?(?: mot phan| toan trinh)?(?: hoac truc tiep)?/g, " ")
    .replace(/\btruc tuyen (?:toan trinh|mot phan)\b/g, " ")
    .replace(/^thu tuc /, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function levelRank(levels: string[]): number {
  return levels.includes("xa") ? 0 : levels.includes("tinh") ? 1 : levels.includes("bo") ? 2 : 3;
}

export function candidateVector(c: Omit<Candidate, "x" | "p">, top: { name: number; alias: number; situation: number; pooled: number }, firstGenTop: string | null): number[] {
  const m = c.match;
  const v: Record<(typeof RANK_FEATURES)[number], number> = {
    name_score: m.score,
    name_query_coverage: m.queryCoverage,
    name_head_coverage: m.headCoverage,
    name_named: Math.min(m.namedWeight, 3 * 8) / 8,
    missing_acts: Math.min(m.missingActs, 2),
    unasked_acts: m.unaskedActs,
    unasked_variants: Math.min(m.unaskedVariants, 3),
    commune: m.levels.includes("xa") ? 1 : 0,
    not_at_ward_field: m.field && NOT_AT_WARD_CENTRE.has(m.field) ? 1 : 0,
    central_only: m.levels.length > 0 && m.levels.every((l) => l === "bo") ? 1 : 0,
    name_rank_recip: c.nameRank >= 0 ? 1 / (1 + c.nameRank) : 0,
    name_top: c.nameRank === 0 ? 1 : 0,
    name_gap: c.nameRank >= 0 ? m.score - top.name : -1,
    alias: c.ev.alias,
    alias_coverage: c.ev.aliasCoverage,
    alias_query_coverage: c.ev.aliasQueryCoverage,
    alias_gap: c.ev.alias - top.alias,
    situation: c.ev.situation,
    situation_gap: c.ev.situation - top.situation,
    has_everyday: c.hasEveryday ? 1 : 0,
    first_gen_answer: firstGenTop === m.code ? 1 : 0,
    ward_local: c.local ? 1 : 0,
    name_focus_coverage: m.focusCoverage ?? m.queryCoverage,
    name_inferred_share: m.inferredShare ?? 0,
    alias_focus: c.ev.aliasFocus,
    situation_focus: c.ev.situationFocus,
    // The name (or an everyday name) says all of the question and the question all of it.
    name_both: m.queryCoverage * m.headCoverage,
    alias_both: c.ev.aliasCoverage * c.ev.aliasQueryCoverage,
    pooled_coverage: c.pooled ?? 0,
    pooled_gap: (c.pooled ?? 0) - top.pooled,
    everyday_texts: Math.log1p(c.texts ?? 0),
  };
  return RANK_FEATURES.map((f) => v[f]);
}

/** Everything the decision needs, for the engine and for fitting (scripts/fit-scorer.ts). */
export function scoreQuestion(index: AskIndex, question: string, extra?: AskIndex, weights: ScorerWeights = WEIGHTS): Scored {
  const ranked = rank(index, question, NAME_CANDIDATES, extra);
  const firstGen = askByName(index, question, extra, ranked);
  const firstGenTop = firstGen.kind === "answer" ? (firstGen.matches[0]?.code ?? null) : null;
  const evScores = index.everyday ? scoreEveryday(index.everyday, index, ranked.qf, accentFactor, ranked.focus) : new Map<number, EverydayScore>();
  const localCodes = new Set(extra?.docs.map((d) => d.code) ?? []);
  const byCode = new Map<string, Omit<Candidate, "x" | "p">>();
  const codeToDoc = docIds(index);
  ranked.matches.forEach((m, i) => {
    const doc = codeToDoc.get(m.code);
    const local = localCodes.has(m.code);
    byCode.set(m.code, {
      match: m,
      // A ward names its own procedures the way its citizens do: the name is the everyday name.
      ev: local ? localEveryday(m) : (doc !== undefined && evScores.get(doc)) || blankEveryday(),
      hasEveryday: local || (doc !== undefined && hasEveryday(index, doc)),
      local,
      nameRank: i,
    });
  });
  const everydayTop = [...evScores].sort((a, b) => Math.max(b[1].alias, b[1].situation) - Math.max(a[1].alias, a[1].situation));
  for (const [doc, ev] of everydayTop.slice(0, EVERYDAY_CANDIDATES)) {
    const d = index.docs[doc];
    if (byCode.has(d.code)) continue;
    byCode.set(d.code, {
      match: {
        code: d.code,
        name: d.name,
        levels: d.levels,
        field: d.field,
        score: 0,
        queryCoverage: 0,
        headCoverage: 0,
        namedWeight: 0,
        unaskedVariants: 0,
        missingActs: 0,
        unaskedActs: 0,
      },
      ev,
      hasEveryday: true,
      local: false,
      nameRank: -1,
    });
  }
  const base = [...byCode.values()];
  const pooled = pooledCoverage(index, ranked.qf, base.flatMap((c) => { const d = codeToDoc.get(c.match.code); return d === undefined || c.local ? [] : [d]; }));
  for (const c of base) {
    const d = codeToDoc.get(c.match.code);
    c.pooled = c.local || d === undefined ? c.match.queryCoverage : (pooled.get(d) ?? 0);
    c.texts = c.local || d === undefined ? 0 : everydayTextCount(index.everyday, d);
  }
  const top = {
    name: ranked.matches[0]?.score ?? 0,
    alias: Math.max(0, ...base.map((c) => c.ev.alias)),
    situation: Math.max(0, ...base.map((c) => c.ev.situation)),
    pooled: Math.max(0, ...base.map((c) => c.pooled ?? 0)),
  };
  // Listwise: the candidates compete for the question (softmax over the fitted scores).
  const chatter = chatterOf(chatterWords(question), weights.chatter);
  // A model fitted with the "no procedure" alternative scores it beside the candidates.
  const withNull = weights.rank.weights.length > RANK_FEATURES.length;
  const pad = withNull ? new Array<number>(NULL_FEATURES.length).fill(0) : [];
  const xs = base.map((c) => [...candidateVector(c, top, firstGenTop), ...pad]);
  const nullRow = [...new Array<number>(RANK_FEATURES.length).fill(0), ...nullVector(ranked, firstGen, index, chatter)];
  const zs = xs.map((x) => linear(weights.rank, x));
  const zNull = withNull ? linear(weights.rank, nullRow) : -Infinity;
  const zMax = Math.max(zNull, ...zs);
  let sum = Math.exp(zNull - zMax);
  for (const z of zs) sum += Math.exp(z - zMax);
  const candidates: Candidate[] = base.map((c, i) => ({ ...c, x: xs[i], p: Math.exp(zs[i] - zMax) / sum }));
  const pNull = Math.exp(zNull - zMax) / sum;
  candidates.sort((a, b) => b.p - a.p || levelRank(a.match.levels) - levelRank(b.match.levels) || a.match.code.localeCompare(b.match.code));
  const ordered = closestOfFamily(candidates);
  const cx = confidenceVector(ordered, ranked, firstGen, index, chatter, pNull);
  return {
    fields: ranked.fields,
    candidates: ordered,
    topicWeight: ranked.topicWeight,
    unknownWeight: ranked.unknownWeight,
    firstGen,
    cx,
    nullRow,
    confidence: ordered.length ? probability(weights.confidence, cx) : 0,
    namesOne: ordered.some((c) => namedInFull(c, index)),
    namesTop: namesTop(ordered, index),
  };
}

/**
 * A message that holds all of a long name's head ("… hải quan đối với xăng dầu, hóa chất, khí
 * chuyển tiêu thụ nội địa …", whatever surrounds it) names a procedure: below the clarify
 * threshold it still gets choices, never a bare refusal. Long: about two rare words' weight, so
 * "kết hôn" in "yêu bao lâu thì nên kết hôn" is not one.
 */
const NAMED_IN_FULL = 0.95;
const NAMED_IN_FULL_WEIGHT = 2;
/**
 * A name of at least three rare words' weight, held in full, is what the message asks about
 * even when small talk around it dilutes every coverage ("Nhà em ở xa… Cho em hỏi hải quan đối
 * với xăng dầu, hóa chất, khí quá cảnh thì làm thế nào? Thứ bảy có làm không?"): it is answered,
 * unless another procedure is named in full by as much. Two rare words ("giấy khai sinh" in a
 * request to choose a baby's name) are not enough: chat that mentions a procedure stays with the
 * fitted confidence. Chosen on our labelled questions (one out-of-scope question more
 * answered) and the robustness suite's seed 11 (context misses 178 → 79 of 1,176).
 */
const NAMED_IN_FULL_ANSWER_WEIGHT = 3;

const namedInFull = (c: Candidate, index: AskIndex, weight = NAMED_IN_FULL_WEIGHT) => c.match.headCoverage >= NAMED_IN_FULL && c.match.namedWeight >= weight * rareWordWeight(index);

/** The top is named in full (a long name), and no other procedure is named in full by as much of the message. */
function namesTop(ordered: Candidate[], index: AskIndex): boolean {
  const [t] = ordered;
  if (!t || !namedInFull(t, index, NAMED_IN_FULL_ANSWER_WEIGHT)) return false;
  const key = familyKey(t.match.name);
  return !ordered.some((c) => c !== t && familyKey(c.match.name) !== key && namedInFull(c, index) && c.match.namedWeight >= t.match.namedWeight);
}

function localEveryday(m: Match): EverydayScore {
  const alias = 0.5 * m.headCoverage + 0.5 * m.queryCoverage;
  const focus = 0.5 * m.headCoverage + 0.5 * (m.focusCoverage ?? m.queryCoverage);
  return { ...blankEveryday(), alias, aliasCoverage: m.headCoverage, aliasQueryCoverage: m.queryCoverage, aliasFocus: focus };
}

/**
 * Within a family, the member closest to the citizen (commune, then province, then central)
 * goes first when it is about as likely as the family's best.
 */
/**
 * A member at a closer level goes first when it has at least this share of the top's
 * probability: between the same procedure at two levels the ranking differs only by a word
 * ("trung ương" or "tỉnh"), and the citizen asks their ward.
 */
const FAMILY_CLOSER_SHARE = 0.5;

function closestOfFamily(candidates: Candidate[]): Candidate[] {
  if (candidates.length < 2) return candidates;
  const key = candidates[0].match.name && familyKey(candidates[0].match.name);
  const family = candidates.filter((c) => familyKey(c.match.name) === key);
  if (family.length < 2) return candidates;
  const best = family.reduce((a, b) => (levelRank(b.match.levels) < levelRank(a.match.levels) && b.p >= FAMILY_CLOSER_SHARE * candidates[0].p ? b : a), candidates[0]);
  return best === candidates[0] ? candidates : [best, ...candidates.filter((c) => c !== best)];
}

function agreeing(ordered: Candidate[], t: Candidate): boolean {
  const key = familyKey(t.match.name);
  const byName = ordered.find((c) => c.nameRank === 0);
  let byEveryday: Candidate | undefined;
  for (const c of ordered) if (Math.max(c.ev.alias, c.ev.situation) > Math.max(byEveryday?.ev.alias ?? 0, byEveryday?.ev.situation ?? 0)) byEveryday = c;
  return !!byName && !!byEveryday && familyKey(byName.match.name) === key && familyKey(byEveryday.match.name) === key;
}

/** The message's words as the chatter table keys them (folded, lower case). */
export function chatterWords(question: string): string[] {
  return fold(question.toLowerCase()).split(/[^a-z0-9]+/).filter(Boolean);
}

/** Content words neither a name nor an everyday text uses ("cúng", "mâm", "yêu"). */
function unknownWords(ranked: ReturnType<typeof rank>, index: AskIndex): number {
  let n = 0;
  for (const f of ranked.qf.keys()) if (!f.includes(" ") && f.length > 1 && !/^\d+$/.test(f) && !index.postings.has(f) && !index.everyday?.postings.has(f)) n++;
  return n;
}

/** The "no procedure" alternative's signals (scorer NULL_FEATURES). */
function nullVector(ranked: ReturnType<typeof rank>, firstGen: AskOutcome, index: AskIndex, chatter: number): number[] {
  const v: Record<(typeof NULL_FEATURES)[number], number> = {
    topic_named: Math.min(ranked.topicWeight / rareWordWeight(index), 4) / 4,
    unknown_share: ranked.topicWeight ? ranked.unknownWeight / ranked.topicWeight : 1,
    unknown_words: Math.min(unknownWords(ranked, index), 5),
    chatter,
    asks_field: ranked.fields.length ? 1 : 0,
    first_gen_answer: firstGen.kind === "answer" ? 1 : 0,
    first_gen_clarify: firstGen.kind === "clarify" ? 1 : 0,
    is_null: 1,
  };
  return NULL_FEATURES.map((f) => v[f]);
}

function confidenceVector(ordered: Candidate[], ranked: ReturnType<typeof rank>, firstGen: AskOutcome, index: AskIndex, chatter: number, pNull: number): number[] {
  const t = ordered[0];
  // Probabilities per family: the same procedure at two levels is one answer, not a tie.
  const families = new Map<string, number>();
  for (const c of ordered) {
    const k = familyKey(c.match.name);
    families.set(k, (families.get(k) ?? 0) + c.p);
  }
  const [first = 0, second = 0] = [...families.values()].sort((a, b) => b - a);
  const top = t ? families.get(familyKey(t.match.name))! : 0;
  const next = top === first ? second : first;
  const v: Record<(typeof CONFIDENCE_FEATURES)[number], number> = {
    top_logit: t ? logit(top) : -10,
    margin: t ? top - next : 0,
    topic_named: Math.min(ranked.topicWeight / rareWordWeight(index), 4) / 4,
    unknown_share: ranked.topicWeight ? ranked.unknownWeight / ranked.topicWeight : 1,
    first_gen_answer: firstGen.kind === "answer" ? 1 : 0,
    first_gen_clarify: firstGen.kind === "clarify" ? 1 : 0,
    top_commune: t?.match.levels.includes("xa") ? 1 : 0,
    top_alias: t?.ev.alias ?? 0,
    top_name_query_coverage: t?.match.queryCoverage ?? 0,
    asks_field: ranked.fields.length ? 1 : 0,
    top_alias_query_coverage: t?.ev.aliasQueryCoverage ?? 0,
    top_situation: t?.ev.situation ?? 0,
    unknown_words: Math.min(unknownWords(ranked, index), 5),
    chatter,
    // The name ranking and the everyday names point at the same family.
    rankers_agree: t && agreeing(ordered, t) ? 1 : 0,
    p_null: pNull,
    // How much of a long message's question clause the top explains, by name or everyday name.
    top_focus: t ? Math.max(t.match.focusCoverage ?? t.match.queryCoverage, t.ev.aliasFocus, t.ev.situationFocus) : 0,
    top_pooled: t?.pooled ?? 0,
  };
  return CONFIDENCE_FEATURES.map((f) => v[f]);
}

const docIdCache = new WeakMap<AskIndex, Map<string, number>>();
function docIds(index: AskIndex): Map<string, number> {
  let m = docIdCache.get(index);
  if (!m) {
    m = new Map(index.docs.map((d, i) => [d.code, i]));
    docIdCache.set(index, m);
  }
  return m;
}

const everydayDocCache = new WeakMap<AskIndex, Set<number>>();
function hasEveryday(index: AskIndex, doc: number): boolean {
  let s = everydayDocCache.get(index);
  if (!s) {
    s = new Set(Array.from(index.everyday?.textDoc ?? []));
    everydayDocCache.set(index, s);
  }
  return s.has(doc);
}

export interface EngineOutcome extends AskOutcome {
  /** The same procedure at other levels (family), when the answer picked one of them. */
  related?: Match[];
  confidence?: number;
}

const CLARIFY_CHOICES = 3;

/** Decide from a scored question. */
export function decide(s: Scored, weights: ScorerWeights = WEIGHTS): EngineOutcome {
  const { fields, candidates } = s;
  if (!candidates.length || s.topicWeight === 0) return { kind: "none", fields, matches: [], reason: "no_match" };
  const key = familyKey(candidates[0].match.name);
  const related = candidates.filter((c, i) => i > 0 && familyKey(c.match.name) === key).map((c) => withP(c));
  // Other families first after the top, so three choices are three different procedures.
  const others = candidates.filter((c) => familyKey(c.match.name) !== key);
  const matches = [candidates[0], ...others].slice(0, 5).map(withP);
  if (s.confidence >= weights.thresholds.answer || s.namesTop) return { kind: "answer", fields, matches, related, confidence: s.confidence };
  if (s.confidence >= weights.thresholds.clarify || s.namesOne) {
    return { kind: "clarify", fields, matches: matches.slice(0, CLARIFY_CHOICES), reason: "ambiguous", confidence: s.confidence };
  }
  return { kind: "none", fields, matches: [], reason: "no_match", confidence: s.confidence };
}

/** Scores are probabilities from here on (the API reports them). */
const withP = (c: Candidate): Match => ({ ...c.match, score: c.p, nameScore: c.match.score });
