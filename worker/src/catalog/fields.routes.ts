import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { warmIndex } from "../ask/index-cache";
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

/** Every field of the national catalog with its procedure counts. */
export async function fieldCounts(db: Db): Promise<FieldCount[]> {
  const commune = sql<number>`SUM(CASE WHEN ${procedures.levels} LIKE '%,xa,%' THEN 1 ELSE 0 END)`;
  const total = sql<number>`COUNT(*)`;
  const rows = await db
    .select({ name: procedures.field, procedures: total, communeProcedures: commune })
    .from(procedures)
    // National catalog only: a ward's own procedures are listed for its citizens (procedures?ward=).
    .where(and(eq(procedures.status, "active"), eq(procedures.origin, "portal"), isNotNull(procedures.field)))
    .groupBy(procedures.field)
    .orderBy(desc(commune), desc(total), procedures.field);
  return rows.map((r) => ({ name: r.name as string, procedures: Number(r.procedures), communeProcedures: Number(r.communeProcedures) }));
}

export async function pinnedFields(db: Db, ward: string | undefined): Promise<string[]> {
  if (!ward) return [];
  const rows = await db.select({ field: wardFieldPins.field }).from(wardFieldPins).where(eq(wardFieldPins.wardCode, ward)).orderBy(asc(wardFieldPins.position));
  return rows.map((r) => r.field);
}

export const fieldRoutes = new Hono<AppEnv>()
  .get("/", validate("query", wardQuery), async (c) => {
    // The mini app's home screen loads fields first: build the answer index in the background
    // so the citizen's first question does not pay for it.
    warmIndex(c.get("db"), (p) => c.executionCtx.waitUntil(p));
    const { ward } = c.req.valid("query");
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
