/**
 * Catalog search with the answer engine's own normalization and ranking (teencode, folded
 * words, typos, "sổ đỏ", "cccd"…), so the search box and the ask box agree. No SQL LIKE, so
 * no D1 pattern or parameter limit can be reached whatever the query.
 */
import type { AskIndex, Match } from "../ask/engine";
import { rank } from "../ask/engine";

/** Candidates ranked per query; more than anyone pages through. */
export const SEARCH_POOL = 200;
/**
 * A name fits when it explains most of what was typed. Below this, results are about other
 * things that merely share a word, and an empty list (with "hỏi cán bộ") serves better.
 */
export const MIN_QUERY_COVERAGE = 0.6;

export interface SearchHit {
  code: string;
  name: string;
  field: string | null;
  levels: string[];
}

/** Ranked procedures that fit the query, best first (the ward's own ones compete alike). */
export function searchProcedures(index: AskIndex, q: string, wardIndex?: AskIndex): SearchHit[] {
  const { matches, topicWeight } = rank(index, q.slice(0, 500), SEARCH_POOL, wardIndex);
  if (!topicWeight) return [];
  return matches.filter(fits).map((m) => ({ code: m.code, name: m.name, field: m.field, levels: m.levels }));
}

const fits = (m: Match) => m.queryCoverage >= MIN_QUERY_COVERAGE;
