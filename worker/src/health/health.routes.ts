import { count, eq } from "drizzle-orm";
import { Hono } from "hono";
import { procedures, wards } from "../db/schema";
import type { AppEnv } from "../env";

export const healthRoutes = new Hono<AppEnv>()
  /** Liveness without the database: the load benchmark's baseline (what HTTP and the runtime cost). */
  .get("/ping", (c) => c.json({ ok: true as const }))
  .get("/", async (c) => {
  const db = c.get("db");
  const [[p], [w]] = await db.batch([
    db.select({ n: count() }).from(procedures).where(eq(procedures.status, "active")),
    db.select({ n: count() }).from(wards),
  ]);
  return c.json({ ok: true as const, procedures: p?.n ?? 0, wards: w?.n ?? 0 });
});
