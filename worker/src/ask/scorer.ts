/**
 * The fitted part of the engine: logistic models over signals the lexical rankers compute.
 * - rank model: P(this candidate answers the question), from name coverage, everyday-name
 *   and situation coverage, level and the first-generation ranking;
 * - confidence model: P(the top candidate is right), from the top's probability, its margin
 *   over the next procedure family, and how much of the question the catalog knows.
 * Weights and thresholds are data (scorer-weights.json), fitted offline with cross-validation
 * by scripts/fit-scorer.ts on labelled questions; this module only evaluates them. Pure.
 */
import weightsJson from "./scorer-weights.json";

export const RANK_FEATURES = [
  "name_score",
  "name_query_coverage",
  "name_head_coverage",
  "name_named",
  "missing_acts",
  "unasked_acts",
  "unasked_variants",
  "commune",
  "not_at_ward_field",
  "central_only",
  "name_rank_recip",
  "name_top",
  "name_gap",
  "alias",
  "alias_coverage",
  "alias_query_coverage",
  "alias_gap",
  "situation",
  "situation_gap",
  "has_everyday",
  "first_gen_answer",
  "ward_local",
  "name_focus_coverage",
  "name_inferred_share",
  "alias_focus",
  "situation_focus",
  "name_both",
  "alias_both",
  "pooled_coverage",
  "pooled_gap",
  "everyday_texts",
] as const;

/**
 * The "no procedure" alternative in the rank model's softmax: question-level signals only, so
 * that a question no candidate answers well gives its probability to none of them.
 */
export const NULL_FEATURES = ["topic_named", "unknown_share", "unknown_words", "chatter", "asks_field", "first_gen_answer", "first_gen_clarify", "is_null"] as const;

export const CONFIDENCE_FEATURES = [
  "top_logit",
  "margin",
  "topic_named",
  "unknown_share",
  "first_gen_answer",
  "first_gen_clarify",
  "top_commune",
  "top_alias",
  "top_name_query_coverage",
  "asks_field",
  "top_alias_query_coverage",
  "top_situation",
  "unknown_words",
  "chatter",
  "rankers_agree",
  "p_null",
  "top_focus",
  "top_pooled",
] as const;

export interface LogisticModel {
  features: string[];
  /** Per-feature mean and scale applied before the weights (fitted with them). */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface ScorerWeights {
  version: string;
  rank: LogisticModel;
  confidence: LogisticModel;
  /** Answer at or above; clarify at or above `clarify`; below it nothing names a procedure. */
  thresholds: { answer: number; clarify: number };
  /**
   * Words → log-odds that a message with them is not about a procedure (naive Bayes over our
   * labelled questions, fitted with the models); the mean over a message's words is one
   * confidence feature.
   */
  chatter?: Record<string, number>;
  /** How the weights were fitted and what cross-validation measured (for the report). */
  fit: Record<string, unknown>;
}

export const WEIGHTS = weightsJson as ScorerWeights;

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function linear(model: LogisticModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i] * (x[i] - model.mean[i])) / model.scale[i];
  return z;
}

export const probability = (model: LogisticModel, x: ArrayLike<number>) => sigmoid(linear(model, x));

export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** Mean chatter log-odds of a message's distinct folded words (0 for words the table lacks). */
export function chatterOf(words: string[], table: Record<string, number> | undefined): number {
  if (!table || !words.length) return 0;
  const seen = new Set(words);
  let sum = 0;
  for (const w of seen) sum += Object.hasOwn(table, w) ? table[w] : 0;
  return sum / seen.size;
}
