/**
 * For the ward admin: who opened which conversation (the staff access log), and the ward's
 * personal-data settings (retention period, "cải thiện trợ lý").
 */
import { and, desc, eq, lt } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { managedWard } from "../admin/ward-scope";
import { accessLog, askLogs, conversations, staffAccounts, wardSettings } from "../db/schema";
import type { AppEnv } from "../env";
import { validate } from "../platform/validate";
import { forgetWardPrivacy, wardPrivacy } from "./settings";

const logQuery = z.object({
  conversationId: z.string().regex(/^[\w-]{1,64}$/).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
const settingsBody = z.object({
  retentionMonths: z.number().int().min(1).max(60),
  improveAssistant: z.boolean(),
});

export const staffPrivacyRoutes = new Hono<AppEnv>()
  .get("/access-log", validate("query", logQuery), async (c) => {
    const { ward } = managedWard(c);
    const q = c.req.valid("query");
    const filters = [eq(accessLog.wardCode, ward)];
    if (q.conversationId) filters.push(eq(accessLog.conversationId, q.conversationId));
    if (q.before) filters.push(lt(accessLog.at, q.before));
    const rows = await c
      .get("db")
      .select({
        at: accessLog.at,
        action: accessLog.action,
        staffId: accessLog.staffId,
        username: staffAccounts.username,
        conversationId: accessLog.conversationId,
        subject: conversations.subject,
      })
      .from(accessLog)
      .leftJoin(staffAccounts, eq(staffAccounts.id, accessLog.staffId))
      .leftJoin(conversations, eq(conversations.id, accessLog.conversationId))
      .where(and(...filters))
      .orderBy(desc(accessLog.at))
      .limit(q.limit);
    return c.json({ items: rows, nextBefore: rows.length === q.limit ? rows[rows.length - 1].at : null });
  })
  /** Questions kept under "cải thiện trợ lý" (redacted, newest first), to write better FAQ entries. */
  .get("/question-log", async (c) => {
    const { ward } = managedWard(c);
    const rows = await c
      .get("db")
      .select({ question: askLogs.question, kind: askLogs.kind, topCode: askLogs.topCode, at: askLogs.at })
      .from(askLogs)
      .where(eq(askLogs.wardCode, ward))
      .orderBy(desc(askLogs.at))
      .limit(200);
    return c.json({ items: rows });
  })
  .get("/privacy-settings", async (c) => {
    const { ward } = managedWard(c);
    forgetWardPrivacy(ward);
    return c.json(await wardPrivacy(c.get("db"), ward));
  })
  .put("/privacy-settings", validate("json", settingsBody), async (c) => {
    const { ward, userId } = managedWard(c);
    const body = c.req.valid("json");
    const now = Date.now();
    await c
      .get("db")
      .insert(wardSettings)
      .values({ wardCode: ward, ...body, updatedBy: userId, updatedAt: now })
      .onConflictDoUpdate({ target: wardSettings.wardCode, set: { ...body, updatedBy: userId, updatedAt: now } });
    forgetWardPrivacy(ward);
    return c.json(await wardPrivacy(c.get("db"), ward));
  });
