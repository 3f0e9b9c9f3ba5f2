import { Hono } from "hono";
import type { AskIndex } from "../ask/engine";
import { getIndex } from "../ask/index-cache";
import type { AppEnv } from "../env";

interface FieldItem {
  name: string;
  procedures: number;
  communeProcedures: number;
}

/**
 * Counted once per catalog index (the national catalog changes only on import), instead of a
 * GROUP BY over every procedure on each request: the home screen loads this first.
 */
const counted = new WeakMap<AskIndex, FieldItem[]>();

function fieldsOf(index: AskIndex): FieldItem[] {
  let items = counted.get(index);
  if (!items) {
    const by = new Map<string, FieldItem>();
    for (const d of index.docs) {
      if (!d.field) continue;
      const f = by.get(d.field) ?? { name: d.field, procedures: 0, communeProcedures: 0 };
      f.procedures++;
      if (d.levels.includes("xa")) f.communeProcedures++;
      by.set(d.field, f);
    }
    items = [...by.values()].sort(
      (a, b) => b.communeProcedures - a.communeProcedures || b.procedures - a.procedures || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    counted.set(index, items);
  }
  return items;
}

export const fieldRoutes = new Hono<AppEnv>().get("/", async (c) => {
  // The mini app's home screen loads fields first; this also builds the answer index, so the
  // citizen's first question does not pay for it. National catalog only: a ward's own
  // procedures are listed for its citizens (procedures?ward=).
  const items = fieldsOf(await getIndex(c.get("db")));
  c.header("Cache-Control", "public, max-age=300");
  return c.json({ items });
});
