/**
 * Ward notices: posted by the ward admin, read by the ward's citizens on the home screen, and
 * attached to the answer about the procedure they concern while they are in force.
 */
import { and, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { managedWard } from "../admin/ward-scope";
import { invalidateWardContent } from "../ask/ward-content-cache";
import { checkLinkedProcedure } from "../catalog/procedure-queries";
import type { Db } from "../db/client";
import { procedures, wardNotices } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../platform/errors";
import { validate } from "../platform/validate";

const time = z.number().int().min(0).max(8_640_000_000_000);
const noticeBody = z
  .object({
    title: z.string().trim().min(3).max(150),
    body: z.string().trim().min(1).max(3000),
    procedureCode: z
      .string()
      .regex(/^[\w.\-]{1,40}$/)
      .nullable()
      .default(null),
    pinned: z.boolean().default(false),
    /** Default: now. */
    startsAt: time.optional(),
    endsAt: time.nullable().default(null),
  })
  .refine((n) => n.endsAt == null || n.endsAt > (n.startsAt ?? 0), { message: "endsAt", path: ["endsAt"] });
const idParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });
const wardParam = z.object({ code: z.string().regex(/^\d{5}$/) });

const columns = {
  id: wardNotices.id,
  title: wardNotices.title,
  body: wardNotices.body,
  procedureCode: wardNotices.procedureCode,
  procedureName: procedures.name,
  pinned: wardNotices.pinned,
  startsAt: wardNotices.startsAt,
  endsAt: wardNotices.endsAt,
  updatedAt: wardNotices.updatedAt,
};

/** In force at `now`: started, and not ended. */
export const inForce = (now: number) => and(lte(wardNotices.startsAt, now), or(isNull(wardNotices.endsAt), gt(wardNotices.endsAt, now)));

async function getNotice(db: Db, ward: string, id: string) {
  const [row] = await db
    .select(columns)
    .from(wardNotices)
    .leftJoin(procedures, eq(procedures.code, wardNotices.procedureCode))
    .where(and(eq(wardNotices.id, id), eq(wardNotices.wardCode, ward)));
  if (!row) throw notFound("Không tìm thấy thông báo này.");
  return row;
}

export const noticeAdminRoutes = new Hono<AppEnv>()
  .get("/notices", async (c) => {
    const { ward } = managedWard(c);
    const now = Date.now();
    const rows = await c
      .get("db")
      .select(columns)
      .from(wardNotices)
      .leftJoin(procedures, eq(procedures.code, wardNotices.procedureCode))
      .where(eq(wardNotices.wardCode, ward))
      .orderBy(desc(wardNotices.startsAt))
      .limit(200);
    const state = (n: (typeof rows)[number]) => (n.startsAt > now ? "scheduled" : n.endsAt != null && n.endsAt <= now ? "ended" : "current");
    return c.json({ items: rows.map((n) => ({ ...n, state: state(n) as "scheduled" | "ended" | "current" })) });
  })
  .post("/notices", validate("json", noticeBody), async (c) => {
    const { ward, userId } = managedWard(c);
    const db = c.get("db");
    const body = c.req.valid("json");
    await checkLinkedProcedure(db, ward, body.procedureCode);
    const id = crypto.randomUUID();
    const now = Date.now();
    await db.insert(wardNotices).values({ id, wardCode: ward, ...body, startsAt: body.startsAt ?? now, updatedBy: userId, createdAt: now, updatedAt: now });
    invalidateWardContent(ward);
    return c.json(await getNotice(db, ward, id), 201);
  })
  .put("/notices/:id", validate("param", idParam), validate("json", noticeBody), async (c) => {
    const { ward, userId } = managedWard(c);
    const db = c.get("db");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const current = await getNotice(db, ward, id);
    await checkLinkedProcedure(db, ward, body.procedureCode);
    await db
      .update(wardNotices)
      .set({ ...body, startsAt: body.startsAt ?? current.startsAt, updatedBy: userId, updatedAt: Date.now() })
      .where(and(eq(wardNotices.id, id), eq(wardNotices.wardCode, ward)));
    invalidateWardContent(ward);
    return c.json(await getNotice(db, ward, id));
  })
  .delete("/notices/:id", validate("param", idParam), async (c) => {
    const { ward } = managedWard(c);
    const db = c.get("db");
    const { id } = c.req.valid("param");
    await getNotice(db, ward, id);
    await db.delete(wardNotices).where(and(eq(wardNotices.id, id), eq(wardNotices.wardCode, ward)));
    invalidateWardContent(ward);
    return c.json({ ok: true as const });
  });

/** Citizens: the ward's notices in force, pinned first, newest first. */
export const noticePublicRoutes = new Hono<AppEnv>().get("/:code/notices", validate("param", wardParam), async (c) => {
  const { code } = c.req.valid("param");
  const rows = await c
    .get("db")
    .select(columns)
    .from(wardNotices)
    .leftJoin(procedures, eq(procedures.code, wardNotices.procedureCode))
    .where(and(eq(wardNotices.wardCode, code), inForce(Date.now())))
    .orderBy(desc(wardNotices.pinned), desc(wardNotices.startsAt))
    .limit(20);
  return c.json({ items: rows });
});
