/**
 * Browsing the catalog (by field and level, paged) from the answer engine's in-memory index
 * instead of D1: the national catalog changes only on import, and the index is already loaded
 * once per isolate for asking. The order and the keyset cursor are those of the SQL version:
 * commune-level first, then the folded name, then the code.
 */
import type { AskIndex } from "../ask/engine";
import { searchKey } from "../text/fold";
import type { Level } from "./portal-parser";

export interface BrowseItem {
  code: string;
  name: string;
  field: string | null;
  levels: Level[];
  /** 0: commune level; 1: other levels. */
  rank: number;
  sortKey: string;
}

const sorted = new WeakMap<AskIndex, BrowseItem[]>();

function itemsOf(index: AskIndex): BrowseItem[] {
  let items = sorted.get(index);
  if (!items) {
    items = index.docs
      .map((d) => ({ code: d.code, name: d.name, field: d.field, levels: d.levels as Level[], rank: d.levels.includes("xa") ? 0 : 1, sortKey: searchKey(d.name) }))
      .sort(compare);
    sorted.set(index, items);
  }
  return items;
}

/** The SQL order: rank, sort key, code (binary comparison, like SQLite's default collation). */
function compare(a: { rank: number; sortKey: string; code: string }, b: { rank: number; sortKey: string; code: string }): number {
  return a.rank - b.rank || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export interface BrowseQuery {
  field?: string;
  level: "all" | Level;
  limit: number;
  after?: { r: number; s: string; c: string };
}

/** One page of the national catalog (and the ward's own procedures, when given). */
export function browseProcedures(index: AskIndex, wardIndex: AskIndex | null, q: BrowseQuery): { items: BrowseItem[]; more: boolean } {
  const pool = wardIndex?.docs.length ? mergeSorted(itemsOf(index), itemsOf(wardIndex)) : itemsOf(index);
  const page: BrowseItem[] = [];
  for (const it of pool) {
    if (q.after && compare(it, { rank: q.after.r, sortKey: q.after.s, code: q.after.c }) <= 0) continue;
    if (q.field && it.field !== q.field) continue;
    if (q.level !== "all" && !it.levels.includes(q.level)) continue;
    page.push(it);
    if (page.length > q.limit) break;
  }
  return { items: page.slice(0, q.limit), more: page.length > q.limit };
}

function mergeSorted(a: BrowseItem[], b: BrowseItem[]): BrowseItem[] {
  const out: BrowseItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && compare(a[i], b[j]) <= 0) ? a[i++] : b[j++]);
  return out;
}
