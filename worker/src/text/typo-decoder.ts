/**
 * Typo correction as decoding: each word may stay as typed or become a known syllable one
 * edit away, and the whole message takes the reading whose neighbours stand side by side in
 * the catalog most often, less what each change costs. A message with a typo in every word
 * ("dnag ky khia snih", "hai thu giá trị gia văng") is read as a whole, so a fixed word
 * vouches for its neighbours' fixes in both directions. Pure.
 */
import type { QueryToken, Vocabulary } from "./query";
import { NAME_PARTICLES, STOPWORDS } from "./dictionary";

const PARTICLES = new Set([...STOPWORDS, ...NAME_PARTICLES]);

/** Costs and weights of the decoder (log-count units). */
export const DECODER = {
  /** Per side, for a pair the catalog writes at all. */
  pair: 1,
  /** Per side, per log1p of how many names write the pair: damped, so a very common pair
   * ("giấy chứng") does not pull a right word ("gia công") towards it. */
  pairCount: 0.5,
  /** Both, for a pair with a particle ("cơ quan" though "cơ" folds to "có"). */
  particleShare: 0.5,
  /** Per log1p of how many names use the word: the common variant wins a tie. */
  unigram: 0.15,
  /** Names use particles everywhere but the index does not count them: as if this many. */
  particleFrequency: 30,
  /** Changing a word the catalog and dictionary do not know. */
  unknown: 0.3,
  /** Changing a known word the catalog uses at most twice. */
  rare: 1.2,
  /** Changing a word only the dictionary knows ("Đài Loan"): citizens type these. */
  dictionaryOnly: 3.5,
  /** Changing a common word of 4+ letters ("khao" in "khao sinh"). */
  common: 2.2,
  /** Changing a common 3-letter word: short words are names as often as typos ("hai"). */
  commonShort: 3.2,
  /** At most this many variants per word (the most common ones), to bound the work. */
  variants: 12,
} as const;

interface Option {
  folded: string;
  cost: number;
}

function optionsFor(tokens: QueryToken[], i: number, vocab: Vocabulary, keep: ReadonlySet<string>): Option[] {
  const t = tokens[i];
  const self = { folded: t.folded, cost: 0 };
  if (t.folded.length < 3 || t.generated || /\d/.test(t.folded)) return [self];
  // Accents the catalog writes are meant; a syllable it never writes ("gới", "nhnậ") is as
  // suspect as an unaccented one.
  const suspect = t.accented !== null && vocab.knowsAccented !== undefined && !vocab.knowsAccented(t.accented);
  // A particle is meant as typed ("cần giấy tờ" must not become "cấp giấy tờ").
  if ((t.accented && !suspect) || PARTICLES.has(t.folded) || keep.has(t.folded)) return [self];
  // A known word that stands beside a neighbour in the catalog is meant as typed.
  const prev = sameClause(tokens, i - 1, i) ? tokens[i - 1].folded : undefined;
  const next = sameClause(tokens, i, i + 1) ? tokens[i + 1].folded : undefined;
  if (vocab.has(t.folded) && ((prev && vocab.hasPair(prev, t.folded)) || (next && vocab.hasPair(t.folded, next)))) return [self];
  const frequency = vocab.frequency(t.folded);
  const common = frequency > 2;
  const cost = !vocab.has(t.folded) ? DECODER.unknown : frequency === 0 ? DECODER.dictionaryOnly : !common ? DECODER.rare : t.folded.length < 4 ? DECODER.commonShort : DECODER.common;
  let near = vocab.near(t.folded);
  // A common word changes only to a variant that stands beside both neighbours, as typed or
  // as one of their own variants ("dang ky khao sinh": "khao" → "khai"): one pair alone is
  // too easily found ("năm sinh" is no typo of "Nam Định").
  if (common) {
    if (!prev || !next || (PARTICLES.has(prev) && PARTICLES.has(next))) return [self];
    const around = (w: string) => [w, ...(vocab.frequency(w) > 2 || PARTICLES.has(w) ? [] : vocab.near(w))];
    const prevs = around(prev);
    const nexts = around(next);
    near = near.filter((c) => prevs.some((p) => vocab.hasPair(p, c)) && nexts.some((n) => vocab.hasPair(c, n)));
  }
  const ranked = near
    .map((c) => ({ c, f: frequencyOf(vocab, c) }))
    .sort((a, b) => b.f - a.f || a.c.localeCompare(b.c))
    .slice(0, DECODER.variants);
  return [self, ...ranked.map(({ c }) => ({ folded: c, cost }))];
}

/** Neighbours across a full stop or comma do not vouch for each other. */
function sameClause(tokens: QueryToken[], a: number, b: number): boolean {
  return a >= 0 && b < tokens.length && tokens[a].clause === tokens[b].clause;
}

function frequencyOf(vocab: Vocabulary, w: string): number {
  return vocab.frequency(w) || (PARTICLES.has(w) ? DECODER.particleFrequency : 0);
}

function link(vocab: Vocabulary, a: string, b: string): number {
  const n = vocab.pairFrequency ? vocab.pairFrequency(a, b) : vocab.hasPair(a, b) ? 1 : 0;
  if (!n) return 0;
  const score = DECODER.pair + DECODER.pairCount * Math.log1p(n);
  return PARTICLES.has(a) || PARTICLES.has(b) ? DECODER.particleShare * score : score;
}

/**
 * The best reading of the whole message (Viterbi over each word's options). `keep`: words
 * meant as typed whatever their neighbours (abbreviations typed in capitals, "ADN").
 */
export function decodeTypos(tokens: QueryToken[], vocab: Vocabulary, keep: ReadonlySet<string> = new Set()): QueryToken[] {
  if (!tokens.length) return tokens;
  const options = tokens.map((_, i) => optionsFor(tokens, i, vocab, keep));
  if (options.every((o) => o.length === 1)) return tokens;
  // A particle's stand-in frequency only orders variants: it must not lure an unknown word
  // ("tiền" in a catalog that never writes it) into a particle ("hiện").
  const own = (o: Option) => DECODER.unigram * Math.log1p(vocab.frequency(o.folded)) - o.cost;
  let score = options[0].map(own);
  const back: number[][] = [];
  for (let i = 1; i < tokens.length; i++) {
    const prev = options[i - 1];
    const joined = sameClause(tokens, i - 1, i);
    const from: number[] = [];
    const next = options[i].map((o) => {
      let best = -Infinity;
      let arg = 0;
      prev.forEach((p, k) => {
        const s = score[k] + (joined ? link(vocab, p.folded, o.folded) : 0);
        if (s > best) {
          best = s;
          arg = k;
        }
      });
      from.push(arg);
      return best + own(o);
    });
    back.push(from);
    score = next;
  }
  let k = score.indexOf(Math.max(...score));
  const out = tokens.slice();
  for (let i = tokens.length - 1; i >= 0; i--) {
    const o = options[i][k];
    if (o.folded !== tokens[i].folded) out[i] = { ...tokens[i], folded: o.folded, accented: null };
    if (i > 0) k = back[i - 1][k];
  }
  return out;
}
