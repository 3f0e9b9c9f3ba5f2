/**
 * What citizens call a procedure and the situations that lead to it (data/knowledge), as a
 * second index beside the names. Each everyday text is analyzed like a question (the same
 * normalizer and intent removal), so "làm sổ đỏ lần đầu" and a citizen's "lam so do lan dau"
 * meet on the same features. Scored by coverage both ways, like names. Pure.
 */
import type { StoredEveryday } from "../catalog/everyday";
import { analyzeQuestion, buildVocabulary, collectPostings, dictionarySyllables, featureWeight, idfOf, type AskIndex, type FeatureTable, type Focus, type PostingIds } from "./engine";

/** An alias names the procedure; a situation describes a life event that leads to it. */
export const ALIAS = 0;
export const SITUATION = 1;

export interface EverydayText {
  /** Position of the procedure in the catalog index's docs. */
  doc: number;
  kind: typeof ALIAS | typeof SITUATION;
  /** [feature, accented form] as analyzeQuestion produced them. */
  features: [string, string][];
}

/**
 * Postings and weights over the texts. Plain arrays when built from texts; views into the
 * snapshot's buffer when loaded (index-snapshot), so a cold isolate does not rebuild it.
 */
export interface EverydayIndex {
  /** Per text: the procedure (position in the catalog index's docs) and the kind. */
  textDoc: ArrayLike<number>;
  textKind: ArrayLike<number>;
  /** Feature → ids of the texts that have it (ascending), and ids of their accented forms. */
  postings: FeatureTable<PostingIds>;
  accents: FeatureTable<PostingIds>;
  accentNames: string[];
  /** Rarity over procedures: a word in every land procedure's aliases weighs little. */
  idf: FeatureTable<number>;
  /** Sum of each text's feature weights. */
  weights: ArrayLike<number>;
}

/**
 * The texts of every procedure that has everyday knowledge, analyzed against the catalog's
 * vocabulary as written (no typo fixing: the data is reviewed). Done at import time.
 */
export function everydayTexts(index: AskIndex, knowledge: (code: string) => StoredEveryday | null): EverydayText[] {
  const out: EverydayText[] = [];
  index.docs.forEach((d, doc) => {
    const k = knowledge(d.code);
    if (!k) return;
    const add = (text: string, kind: EverydayText["kind"]) => {
      const { qf } = analyzeQuestion(index, text, { fixTypos: false });
      if (qf.size) out.push({ doc, kind, features: [...qf] });
    };
    for (const text of new Set([k.short, ...k.aliases, ...(k.result ? [k.result] : [])])) add(text, ALIAS);
    for (const text of k.situations) add(text, SITUATION);
  });
  return out;
}

export function buildEverydayIndex(texts: EverydayText[], procedures: number): EverydayIndex {
  const { postings, accents, accentNames } = collectPostings(texts);
  const textDoc = texts.map((t) => t.doc);
  const { idf, weights } = everydayWeights(postings, textDoc, procedures);
  return { textDoc, textKind: texts.map((t) => t.kind), postings, accents, accentNames, idf, weights };
}

/**
 * Rarity over procedures (a feature counted once per procedure however many of its texts have
 * it) and each text's total weight, from the postings alone: the snapshot loader uses it too.
 */
export function everydayWeights(postings: FeatureTable<PostingIds>, textDoc: ArrayLike<number>, procedures: number) {
  const idf = new Map<string, number>();
  const weights = new Float64Array(textDoc.length);
  const n = Math.max(procedures, 1);
  for (const f of postings.keys()) {
    const ids = postings.get(f)!;
    let docs = 0;
    let last = -1;
    const seen = new Set<number>();
    for (let k = 0; k < ids.length; k++) {
      const d = textDoc[ids[k]];
      // Texts of one procedure are adjacent, so most repeats are caught without the set.
      if (d !== last && !seen.has(d)) {
        seen.add(d);
        docs++;
      }
      last = d;
    }
    const w = idfOf(f, docs, n);
    idf.set(f, w);
    for (let k = 0; k < ids.length; k++) weights[ids[k]] += w;
  }
  return { idf, weights };
}

export interface EverydayScore {
  /** Best alias: share of the alias the question says, share of the question it explains. */
  alias: number;
  aliasCoverage: number;
  aliasQueryCoverage: number;
  situation: number;
  situationCoverage: number;
  /** The same, against the focus of a long message (its last clause with content). */
  aliasFocus: number;
  situationFocus: number;
}

const BLANK: EverydayScore = { alias: 0, aliasCoverage: 0, aliasQueryCoverage: 0, situation: 0, situationCoverage: 0, aliasFocus: 0, situationFocus: 0 };
export const blankEveryday = (): EverydayScore => ({ ...BLANK });

/**
 * Scores every procedure an everyday text of which shares a feature with the question.
 * `accentFactor` discounts an accented word that differs from the text's (as for names).
 */
export function scoreEveryday(
  ev: EverydayIndex,
  index: AskIndex,
  qf: Map<string, string>,
  accentFactor: (typed: string, written: string) => number,
  focus?: Focus,
): Map<number, EverydayScore> {
  let topicWeight = 0;
  for (const f of qf.keys()) topicWeight += featureWeight(ev.idf.get(f) ?? index.idf.get(f), f);
  const matched = new Float64Array(ev.textDoc.length);
  const matchedFocus = new Float64Array(ev.textDoc.length);
  const touched: number[] = [];
  let focusWeight = 0;
  if (focus?.weight) for (const f of qf.keys()) if (focus.inFocus(f)) focusWeight += featureWeight(ev.idf.get(f) ?? index.idf.get(f), f);
  for (const [f, typed] of qf) {
    const ids = ev.postings.get(f);
    if (!ids) continue;
    const w = ev.idf.get(f)!;
    const accs = ev.accents.get(f)!;
    const names = ev.accentNames;
    const inFocus = focusWeight > 0 && focus!.inFocus(f);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      const credit = typed ? w * accentFactor(typed, names[accs[k]]) : w;
      if (matched[id] === 0) touched.push(id);
      matched[id] += credit;
      if (inFocus) matchedFocus[id] += credit;
    }
  }
  const out = new Map<number, EverydayScore>();
  if (!topicWeight) return out;
  for (const id of touched) {
    const m = matched[id];
    const doc = ev.textDoc[id];
    const kind = ev.textKind[id];
    const coverage = ev.weights[id] ? Math.min(1, m / ev.weights[id]) : 0;
    const queryCoverage = Math.min(1, m / topicWeight);
    const score = 0.5 * coverage + 0.5 * queryCoverage;
    const focused = focusWeight ? 0.5 * coverage + 0.5 * Math.min(1, matchedFocus[id] / focusWeight) : score;
    let s = out.get(doc);
    if (!s) out.set(doc, (s = blankEveryday()));
    if (kind === ALIAS) s.aliasFocus = Math.max(s.aliasFocus, focused);
    else s.situationFocus = Math.max(s.situationFocus, focused);
    if (kind === ALIAS && score > s.alias) {
      s.alias = score;
      s.aliasCoverage = coverage;
      s.aliasQueryCoverage = queryCoverage;
    } else if (kind === SITUATION && score > s.situation) {
      s.situation = score;
      s.situationCoverage = coverage;
    }
  }
  return out;
}

/**
 * How much of the question (by weight) each of `docs` says somewhere: in its name or in any of
 * its everyday texts. A citizen's story borrows words from several situations of the same
 * procedure; the best single text sees only part of them. Scored like BM25 over the pooled
 * texts (a feature said in more of them counts more, saturating; a procedure with many texts
 * is discounted, or the most-described procedures would cover every question), then divided
 * by the question's weight.
 */
export const POOLED_K1 = 1.2;
export const POOLED_B = 0.75;
export function pooledCoverage(index: AskIndex, qf: Map<string, string>, docs: Iterable<number>): Map<number, number> {
  const ev = index.everyday;
  const got = new Map<number, number>();
  for (const d of docs) got.set(d, 0);
  let total = 0;
  const tf = new Map<number, number>();
  const avg = averageTexts(ev, index.docs.length);
  for (const f of qf.keys()) {
    const w = featureWeight(ev?.idf.get(f) ?? index.idf.get(f), f);
    if (!w) continue;
    total += w;
    tf.clear();
    const names = index.postings.get(f);
    if (names) for (let k = 0; k < names.length; k++) if (got.has(names[k])) tf.set(names[k], 1);
    const ids = ev?.postings.get(f);
    if (ids) {
      for (let k = 0; k < ids.length; k++) {
        const d = ev!.textDoc[ids[k]];
        if (got.has(d)) tf.set(d, (tf.get(d) ?? 0) + 1);
      }
    }
    for (const [d, n] of tf) {
      const len = (1 + everydayTextCount(ev, d)) / avg;
      got.set(d, got.get(d)! + (w * n * (POOLED_K1 + 1)) / (n + POOLED_K1 * (1 - POOLED_B + POOLED_B * len)));
    }
  }
  if (total) for (const [d, v] of got) got.set(d, Math.min(1, v / total));
  return got;
}

const averages = new WeakMap<EverydayIndex, number>();
/** Mean of (1 + texts) over the catalog's procedures. */
function averageTexts(ev: EverydayIndex | undefined, procedures: number): number {
  if (!ev) return 1;
  let a = averages.get(ev);
  if (a === undefined) averages.set(ev, (a = (procedures + ev.textDoc.length) / Math.max(procedures, 1)));
  return a;
}

const textCounts = new WeakMap<EverydayIndex, Map<number, number>>();
/** How many everyday texts a procedure has (more texts say more words: pooledCoverage grows with it). */
export function everydayTextCount(ev: EverydayIndex | undefined, doc: number): number {
  if (!ev) return 0;
  let m = textCounts.get(ev);
  if (!m) {
    m = new Map();
    for (let i = 0; i < ev.textDoc.length; i++) m.set(ev.textDoc[i], (m.get(ev.textDoc[i]) ?? 0) + 1);
    textCounts.set(ev, m);
  }
  return m.get(doc) ?? 0;
}

/**
 * The catalog index with its everyday index, and a vocabulary that knows the everyday words.
 * `accentedSyllables`: the accented syllables names and texts write, when already listed
 * (the snapshot stores them); otherwise gathered on the first accented question.
 */
export function withEveryday(index: AskIndex, everyday: EverydayIndex, accentedSyllables?: string[]): AskIndex {
  const words = { has: (w: string) => !w.includes(" ") && everyday.postings.has(w), keys: () => [...everyday.postings.keys()].filter((w) => !w.includes(" ")) };
  const accented = accentedSyllables ? { list: () => accentedSyllables } : { list: () => syllablesOf([...index.accentNames, ...everyday.accentNames]) };
  return { ...index, everyday, vocab: buildVocabulary(index.postings, dictionarySyllables(), words, accented.list) };
}

/** Distinct syllables of accented phrases. */
export function syllablesOf(phrases: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const p of phrases) for (const w of p.split(" ")) if (w) out.add(w);
  return [...out];
}
