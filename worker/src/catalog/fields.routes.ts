import { and, asc, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { AskIndex } from "../ask/engine";
import { getIndex } from "../ask/index-cache";
import type { Db } from "../db/client";
import { procedureAsks, procedures, wardFieldPins } from "../db/schema";
import type { AppEnv } from "../env";
import { validate } from "../platform/validate";
import { readStoredEveryday, shortNameOf } from "./everyday";
import { rankFieldProcedures } from "./field-procedures";
import { levelsOf } from "./procedure-dto";
import { orderFields, type FieldCount } from "./ward-fields";

const wardQuery = z.object({
  ward: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
});
const fieldParam = z.object({ field: z.string().trim().min(1).max(200) });

/**
 * Counted once per catalog index (the national catalog changes only on import), instead of a
 * GROUP BY over every procedure on each request: the home screen loads this first (see
 * bench/load-catalog-investigation.md).
 */
const counted = new WeakMap<AskIndex, FieldCount[]>();

function countFields(index: AskIndex): FieldCount[] {
  let items = counted.get(index);
  if (!items) {
    const by = new Map<string, FieldCount>();
    for (const d of index.docs) {
      if (!d.field) continue;
      const f = by.get(d.field) ?? { name: d.field, procedures: 0, communeProcedures: 0 };
      f.procedures++;
      if (d.levels.includes("xa")) f.communeProcedures++;
      by.set(d.field, f);
    }
    // The order of the former SQL: commune-level count, total, name.
    items = [...by.values()].sort(
      (a, b) => b.communeProcedures - a.communeProcedures || b.procedures - a.procedures || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    counted.set(index, items);
  }
  return items;
}

/** Every field of the national catalog (active portal procedures) with its procedure counts. */
export async function fieldCounts(db: Db): Promise<FieldCount[]> {
  return countFields(await getIndex(db));
}

export async function pinnedFields(db: Db, ward: string | undefined): Promise<string[]> {
  if (!ward) return [];
  const rows = await db.select({ field: wardFieldPins.field }).from(wardFieldPins).where(eq(wardFieldPins.wardCode, ward)).orderBy(asc(wardFieldPins.position));
  return rows.map((r) => r.field);
}

export const fieldRoutes = new Hono<AppEnv>()
  .get("/", validate("query", wardQuery), async (c) => {
    // The mini app's home screen loads fields first; counting them builds the answer index, so
    // the citizen's first question does not pay for it.
    const { ward } = c.req.valid("query");
    // Public: the same for everyone of a ward; shared caches may keep it a minute (pins change).
    c.header("Cache-Control", "public, max-age=60");
    const [counts, pinned] = await Promise.all([fieldCounts(c.get("db")), pinnedFields(c.get("db"), ward)]);
    // Ward-centre fields first (the ward admin's pins on top), customs, tax and the like last.
    return c.json({ items: orderFields(counts, pinned) });
  })
  .get("/:field/procedures", validate("param", fieldParam), validate("query", wardQuery), async (c) => {
    const { field } = c.req.valid("param");
    const { ward } = c.req.valid("query");
    const db = c.get("db");
    const wardAsks = sql<number>`COALESCE(SUM(CASE WHEN ${procedureAsks.wardCode} = ${ward ?? "-"} THEN ${procedureAsks.asks} ELSE 0 END), 0)`;
    const allAsks = sql<number>`COALESCE(SUM(${procedureAsks.asks}), 0)`;
    const rows = await db
      .select({
        code: procedures.code,
        name: procedures.name,
        everyday: procedures.everyday,
        levels: procedures.levels,
        sortKey: procedures.sortKey,
        wardAsks,
        allAsks,
      })
      .from(procedures)
      .leftJoin(procedureAsks, eq(procedureAsks.procedureCode, procedures.code))
      .where(and(eq(procedures.status, "active"), eq(procedures.origin, "portal"), eq(procedures.field, field)))
      .groupBy(procedures.code);
    const ranked = rankFieldProcedures(
      rows.map((r) => ({ ...r, commune: r.levels.includes(",xa,"), wardAsks: Number(r.wardAsks), allAsks: Number(r.allAsks) })),
    );
    return c.json({
      field,
      items: ranked.map((r) => ({
        code: r.code,
        name: r.name,
        shortName: shortNameOf(r.name, readStoredEveryday(r.everyday)),
        levels: levelsOf(r.levels),
      })),
    });
  });
