/**
 * What citizens call a procedure and the situations that lead to it (data/knowledge), as a
 * second index beside the names. Each everyday text is analyzed like a question (the same
 * normalizer and intent removal), so "làm sổ đỏ lần đầu" and a citizen's "lam so do lan dau"
 * meet on the same features. Scored by coverage both ways, like names. Pure.
 */
import type { StoredEveryday } from "../catalog/everyday";
import { analyzeQuestion, buildVocabulary, dictionarySyllables, featureWeight, idfOf, type AskIndex, type Focus } from "./engine";

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

export interface EverydayIndex {
  texts: EverydayText[];
  /** Feature → ids of the texts that have it (ascending), and their accented forms. */
  postings: Map<string, number[]>;
  accents: Map<string, string[]>;
  /** Rarity over procedures: a word in every land procedure's aliases weighs little. */
  idf: Map<string, number>;
  /** Sum of the text's feature weights. */
  weights: Float64Array;
  /** Syllables the texts use, for the vocabulary (typo fixing, glued words). */
  syllables: Set<string>;
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
  const postings = new Map<string, number[]>();
  const accents = new Map<string, string[]>();
  const docsWith = new Map<string, Set<number>>();
  const syllables = new Set<string>();
  texts.forEach((t, i) => {
    for (const [f, acc] of t.features) {
      let list = postings.get(f);
      if (!list) {
        postings.set(f, (list = []));
        accents.set(f, []);
        docsWith.set(f, new Set());
      }
      list.push(i);
      accents.get(f)!.push(acc);
      docsWith.get(f)!.add(t.doc);
      if (!f.includes(" ")) syllables.add(f);
    }
  });
  const idf = new Map<string, number>();
  const n = Math.max(procedures, 1);
  for (const [f, docs] of docsWith) idf.set(f, idfOf(f, docs.size, n));
  const weights = new Float64Array(texts.length);
  texts.forEach((t, i) => {
    let w = 0;
    for (const [f] of t.features) w += idf.get(f)!;
    weights[i] = w;
  });
  return { texts, postings, accents, idf, weights, syllables };
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
  const matched = new Map<number, number>();
  const matchedFocus = new Map<number, number>();
  let focusWeight = 0;
  if (focus?.weight) for (const f of qf.keys()) if (focus.inFocus(f)) focusWeight += featureWeight(ev.idf.get(f) ?? index.idf.get(f), f);
  for (const [f, typed] of qf) {
    const ids = ev.postings.get(f);
    if (!ids) continue;
    const w = ev.idf.get(f)!;
    const accs = ev.accents.get(f)!;
    const inFocus = focusWeight > 0 && focus!.inFocus(f);
    for (let k = 0; k < ids.length; k++) {
      const credit = w * accentFactor(typed, accs[k]);
      matched.set(ids[k], (matched.get(ids[k]) ?? 0) + credit);
      if (inFocus) matchedFocus.set(ids[k], (matchedFocus.get(ids[k]) ?? 0) + credit);
    }
  }
  const out = new Map<number, EverydayScore>();
  if (!topicWeight) return out;
  for (const [id, m] of matched) {
    const t = ev.texts[id];
    const coverage = ev.weights[id] ? Math.min(1, m / ev.weights[id]) : 0;
    const queryCoverage = Math.min(1, m / topicWeight);
    const score = 0.5 * coverage + 0.5 * queryCoverage;
    const focused = focusWeight ? 0.5 * coverage + 0.5 * Math.min(1, (matchedFocus.get(id) ?? 0) / focusWeight) : score;
    let s = out.get(t.doc);
    if (!s) out.set(t.doc, (s = blankEveryday()));
    if (t.kind === ALIAS) s.aliasFocus = Math.max(s.aliasFocus, focused);
    else s.situationFocus = Math.max(s.situationFocus, focused);
    if (t.kind === ALIAS && score > s.alias) {
      s.alias = score;
      s.aliasCoverage = coverage;
      s.aliasQueryCoverage = queryCoverage;
    } else if (t.kind === SITUATION && score > s.situation) {
      s.situation = score;
      s.situationCoverage = coverage;
    }
  }
  return out;
}

/** The catalog index with its everyday index, and a vocabulary that knows the everyday words. */
export function withEveryday(index: AskIndex, texts: EverydayText[]): AskIndex {
  const everyday = buildEverydayIndex(texts, index.docs.length);
  const extra = new Set([...dictionarySyllables(), ...everyday.syllables]);
  const accented = [...everyday.accents.values()].flat();
  return { ...index, everyday, vocab: buildVocabulary(index.postings, extra, index.accentNames, accented) };
}
