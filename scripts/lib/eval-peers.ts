// What `npm run eval` and `npm run eval:robust` compare, built once per run from the shipped
// catalog: the answer engine's index and two peers any team could build in an afternoon
// (SQLite FTS5 with BM25 in a local D1, MiniSearch with folding and fuzzy matching).
import MiniSearch from "minisearch";
import type { AskContext, AskIndex, AskOutcome, IndexInput } from "../../worker/src/ask/engine";
import { fullIndex } from "./engine-index";
import { askForWard } from "../../worker/src/ask/ward-answer";
import { searchKey } from "../../worker/src/text/fold";

/** One system's reply to one question, as the scorers see it. */
export interface Reply {
  /** Matched national codes, best first. */
  codes: string[];
  /** True when the system answers with `codes[0]` (engine: kind `answer`; peers: any hit). */
  answered: boolean;
  /** Intent fields the system detected; only the engine has them. */
  fields?: string[];
}

export type Ranker = (question: string) => Reply | Promise<Reply>;

export { catalogInputs as catalogRows } from "./engine-index";

/** The names index plus the everyday knowledge, as the importer's snapshot holds it. */
export function engineIndex(rows: IndexInput[]) {
  const t0 = performance.now();
  const index = fullIndex(rows);
  return { index, buildMs: performance.now() - t0 };
}

/**
 * The engine as POST /api/ask runs it for a citizen without a ward: the route's own entry point,
 * earlier turns included, so every eval follows the engine the route uses (and its context
 * handling) without changes here.
 */
export function engineAsk(index: AskIndex, question: string, context?: AskContext): AskOutcome {
  return askForWard(index, question, null, context);
}

export const engineReply = (r: AskOutcome): Reply => ({ codes: r.matches.map((m) => m.code), answered: r.kind === "answer", fields: r.fields });

/** MiniSearch over folded names, fuzzy + prefix; it always answers with its top hit. */
export function miniSearchPeer(rows: IndexInput[]) {
  const t0 = performance.now();
  const mini = new MiniSearch<IndexInput>({
    fields: ["name"],
    storeFields: ["code"],
    idField: "code",
    processTerm: (term) => searchKey(term) || null,
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  mini.addAll(rows);
  const buildMs = performance.now() - t0;
  const search: Ranker = (q) => {
    const hits = mini.search(searchKey(q));
    return { codes: hits.slice(0, 5).map((h) => String(h.id)), answered: hits.length > 0 };
  };
  return { search, buildMs };
}

export { fts5Peer } from "./fts5-peer";
