/**
 * A ward's own questions and answers: written by its admin, answered by the engine to that
 * ward's citizens (ask/ward-answer), listed on the ward's home screen.
 */
import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { getIndex } from "../ask/index-cache";
import { faqFeatures } from "../ask/ward-answer";
import { invalidateWardContent } from "../ask/ward-content-cache";
import type { Db } from "../db/client";
import { procedures, wardFaqs } from "../db/schema";
import type { AppEnv } from "../env";
import { checkLinkedProcedure } from "../catalog/procedure-queries";
import { notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { managedWard } from "./ward-scope";

const faqBody = z.object({
  question: z.string().trim().min(5).max(300),
  answer: z.string().trim().min(1).max(2000),
  keywords: z.string().trim().max(500).default(""),
  procedureCode: z
    .string()
    .regex(/^[\w.\-]{1,40}$/)
    .nullable()
    .default(null),
  published: z.boolean().default(true),
});
const idParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });
const wardParam = z.object({ code: z.string().regex(/^\d{5}$/) });

const columns = {
  id: wardFaqs.id,
  question: wardFaqs.question,
  answer: wardFaqs.answer,
  keywords: wardFaqs.keywords,
  procedureCode: wardFaqs.procedureCode,
  procedureName: procedures.name,
  published: wardFaqs.published,
  updatedAt: wardFaqs.updatedAt,
};

/** Analyzed once on save, so a cold isolate does not analyze every entry on its first question. */
async function featuresOf(db: Db, faq: { question: string; keywords: string }) {
  return JSON.stringify(faqFeatures(await getIndex(db), faq));
}

function listFaqs(db: Db, ward: string, publishedOnly: boolean) {
  return db
    .select(columns)
    .from(wardFaqs)
    .leftJoin(procedures, eq(procedures.code, wardFaqs.procedureCode))
    .where(publishedOnly ? and(eq(wardFaqs.wardCode, ward), eq(wardFaqs.published, true)) : eq(wardFaqs.wardCode, ward))
    .orderBy(desc(wardFaqs.updatedAt));
}

async function getFaq(db: Db, ward: string, id: string) {
  const [row] = await db
    .select(columns)
    .from(wardFaqs)
    .leftJoin(procedures, eq(procedures.code, wardFaqs.procedureCode))
    .where(and(eq(wardFaqs.id, id), eq(wardFaqs.wardCode, ward)));
  if (!row) throw notFound("Không tìm thấy câu hỏi này.");
  return row;
}

export const faqRoutes = new Hono<AppEnv>()
  .get("/faqs", async (c) => {
    const { ward } = managedWard(c);
    return c.json({ items: await listFaqs(c.get("db"), ward, false) });
  })
  .post("/faqs", validate("json", faqBody), async (c) => {
    const { ward, userId } = managedWard(c);
    const db = c.get("db");
    const body = c.req.valid("json");
    await checkLinkedProcedure(db, ward, body.procedureCode);
    const id = crypto.randomUUID();
    const now = Date.now();
    const features = await featuresOf(db, body);
    await db.insert(wardFaqs).values({ id, wardCode: ward, ...body, features, updatedBy: userId, createdAt: now, updatedAt: now });
    invalidateWardContent(ward);
    return c.json(await getFaq(db, ward, id), 201);
  })
  .put("/faqs/:id", validate("param", idParam), validate("json", faqBody), async (c) => {
    const { ward, userId } = managedWard(c);
    const db = c.get("db");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    await getFaq(db, ward, id);
    await checkLinkedProcedure(db, ward, body.procedureCode);
    await db
      .update(wardFaqs)
      .set({ ...body, features: await featuresOf(db, body), updatedBy: userId, updatedAt: Date.now() })
      .where(and(eq(wardFaqs.id, id), eq(wardFaqs.wardCode, ward)));
    invalidateWardContent(ward);
    return c.json(await getFaq(db, ward, id));
  })
  .delete("/faqs/:id", validate("param", idParam), async (c) => {
    const { ward } = managedWard(c);
    const db = c.get("db");
    const { id } = c.req.valid("param");
    await getFaq(db, ward, id);
    await db.delete(wardFaqs).where(and(eq(wardFaqs.id, id), eq(wardFaqs.wardCode, ward)));
    invalidateWardContent(ward);
    return c.json({ ok: true as const });
  });

/** Citizens: the ward's published questions and answers. */
export const publicFaqRoutes = new Hono<AppEnv>().get("/:code/faqs", validate("param", wardParam), async (c) => {
  const { code } = c.req.valid("param");
  const rows = await listFaqs(c.get("db"), code, true);
  return c.json({ items: rows.map(({ keywords: _k, published: _p, ...r }) => r) });
});
