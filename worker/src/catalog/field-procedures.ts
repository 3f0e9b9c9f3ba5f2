/**
 * A field's procedures, most asked first: what this ward's citizens asked the bot about
 * (counted per answer, procedure_asks), then what citizens everywhere asked, then the
 * questions collected for the project (asked-prior.json, from scripts/make-asked-prior.ts) before anyone has
 * asked; commune-level procedures before others, then by name. Pure.
 */
import prior from "./asked-prior.json";

const PRIOR: Record<string, number> = prior;

export interface FieldProcedure {
  code: string;
  sortKey: string;
  commune: boolean;
  /** Answers about it to this ward's citizens. */
  wardAsks: number;
  /** Answers about it to anyone. */
  allAsks: number;
}

/** One of the ward's own questions outweighs several from elsewhere; the prior only breaks ties among the unasked. */
export function demandScore(p: Pick<FieldProcedure, "code" | "wardAsks" | "allAsks">): number {
  return p.wardAsks * 5 + p.allAsks + (PRIOR[p.code] ?? 0) * 0.5;
}

export function rankFieldProcedures<T extends FieldProcedure>(items: T[]): T[] {
  return items
    .map((p) => ({ p, s: demandScore(p) }))
    .sort((a, b) => Number(b.p.commune) - Number(a.p.commune) || b.s - a.s || a.p.sortKey.localeCompare(b.p.sortKey) || a.p.code.localeCompare(b.p.code))
    .map((x) => x.p);
}
