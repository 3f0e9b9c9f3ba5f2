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
