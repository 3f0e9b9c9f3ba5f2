import { desc, eq, isNotNull, and, sql } from "drizzle-orm";
import { Hono } from "hono";
import { procedures } from "../db/schema";
import type { AppEnv } from "../env";
import { warmIndex } from "../ask/index-cache";

export const fieldRoutes = new Hono<AppEnv>().get("/", async (c) => {
  // The mini app's home screen loads fields first: build the answer index in the background
  // so the citizen's first question does not pay for it.
  warmIndex(c.get("db"), (p) => c.executionCtx.waitUntil(p));
  const commune = sql<number>`SUM(CASE WHEN ${procedures.levels} LIKE '%,xa,%' THEN 1 ELSE 0 END)`;
  const total = sql<number>`COUNT(*)`;
  const rows = await c
    .get("db")
    .select({ name: procedures.field, procedures: total, communeProcedures: commune })
    .from(procedures)
        // National catalog only: a ward's own procedures are listed for its citizens (procedures?ward=).
    .where(and(eq(procedures.status, "active"), eq(procedures.origin, "portal"), isNotNull(procedures.field)))
    .groupBy(procedures.field)
    .orderBy(desc(commune), desc(total), procedures.field);
  return c.json({
    items: rows.map((r) => ({
      name: r.name as string,
      procedures: Number(r.procedures),
      communeProcedures: Number(r.communeProcedures),
    })),
  });
});
