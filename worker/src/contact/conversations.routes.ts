import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Db } from "../db/client";
import { conversations, messages, officers, procedures, wards } from "../db/schema";
import type { AppEnv } from "../env";
import { isStaff, requireUser } from "../platform/auth";
import { ApiError, notFound } from "../platform/errors";
import type { SessionUser } from "../platform/session";
import { validate } from "../platform/validate";

const text = z.string().trim().min(1).max(2000);
const clientMessageId = z.string().regex(/^[\w-]{1,64}$/).optional();
const idParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });

const createBody = z.object({
  wardCode: z.string().regex(/^\d{5}$/),
  procedureCode: z.string().regex(/^[\w.\-]{1,40}$/).optional(),
  field: z.string().max(200).optional(),
  text,
  clientMessageId,
  context: z
    .object({ question: z.string().max(1000), matches: z.array(z.object({ code: z.string().max(40), name: z.string().max(500) })).max(5) })
    .optional(),
});
const listQuery = z.object({
  status: z.enum(["open", "pending", "resolved"]).optional(),
  field: z.string().max(200).optional(),
  view: z.enum(["all", "mine", "unassigned"]).default("all"),
  ward: z.string().regex(/^\d{5}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const newId = () => crypto.randomUUID();

/** The conversation if this user may see it; 404 otherwise, so ids of others stay unknowable. */
async function loadVisible(db: Db, user: SessionUser, id: string) {
  const [conv] = await db.select().from(conversations).where(eq(conversations.id, id));
  const visible =
    conv &&
    ((user.role === "citizen" && conv.citizenId === user.sub) ||
      ((user.role === "officer" || user.role === "ward_admin") && conv.wardCode === user.ward) ||
      user.role === "system_admin");
  if (!visible) throw notFound("Không tìm thấy cuộc trò chuyện này.");
  return conv;
}

/**
 * Least-loaded on-duty officer handling the field (ties by id): round-robin in effect.
 * Without a field nobody is responsible yet: the thread waits in "Unassigned" for triage.
 */
async function pickOfficer(db: Db, wardCode: string, field: string | null): Promise<string | null> {
  if (!field) return null;
  const staff = await db.select().from(officers).where(and(eq(officers.wardCode, wardCode), eq(officers.onDuty, true)));
  const fitting = staff.filter((o) => (JSON.parse(o.fields) as string[]).includes(field));
  if (!fitting.length) return null;
  const load = await db
    .select({ officer: conversations.assignedOfficerId, n: sql<number>`COUNT(*)` })
    .from(conversations)
    .where(and(eq(conversations.wardCode, wardCode), inArray(conversations.status, ["open", "pending"])))
    .groupBy(conversations.assignedOfficerId);
  const count = new Map(load.map((l) => [l.officer, Number(l.n)]));
  fitting.sort((a, b) => (count.get(a.id) ?? 0) - (count.get(b.id) ?? 0) || a.id.localeCompare(b.id));
  return fitting[0].id;
}

function toDto(conv: typeof conversations.$inferSelect) {
  return {
    id: conv.id,
    wardCode: conv.wardCode,
    field: conv.field,
    procedureCode: conv.procedureCode,
    status: conv.status,
    assignedOfficerId: conv.assignedOfficerId,
    context: conv.context ? (JSON.parse(conv.context) as unknown) : null,
    createdAt: conv.createdAt,
    updatedAt: conv.updatedAt,
    firstResponseAt: conv.firstResponseAt,
    rating: conv.rating,
    ratingComment: conv.ratingComment,
  };
}

async function addMessage(c: Context<AppEnv>, conv: typeof conversations.$inferSelect, user: SessionUser, body: { text: string; clientMessageId?: string }, kind: "message" | "note") {
  const db = c.get("db");
  if (body.clientMessageId) {
    const [existing] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conv.id), eq(messages.clientMessageId, body.clientMessageId)));
    if (existing) return existing; // sent twice: one message
  }
  const now = Date.now();
  const staff = isStaff(user);
  const message = {
    id: newId(),
    conversationId: conv.id,
    authorRole: staff ? ("officer" as const) : ("citizen" as const),
    authorId: user.sub,
    kind,
    text: body.text,
    clientMessageId: body.clientMessageId ?? null,
    createdAt: now,
  };
  const status = kind === "note" ? conv.status : staff ? "pending" : "open";
  // The message and the conversation update commit together before we acknowledge.
  await db.batch([
    db.insert(messages).values(message),
    db
      .update(conversations)
      .set({
        status,
        updatedAt: now,
        ...(staff && kind === "message" && !conv.firstResponseAt ? { firstResponseAt: now } : {}),
      })
      .where(eq(conversations.id, conv.id)),
  ]);
  return message;
}

export const conversationRoutes = new Hono<AppEnv>()
  .post("/", validate("json", createBody), async (c) => {
    const user = requireUser(c, ["citizen"]);
    const body = c.req.valid("json");
    const db = c.get("db");
    if (body.clientMessageId) {
      const [dup] = await db
        .select({ conv: conversations })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(and(eq(messages.clientMessageId, body.clientMessageId), eq(conversations.citizenId, user.sub)));
      if (dup) return c.json({ conversation: toDto(dup.conv) }, 200);
    }
    const [ward] = await db.select({ code: wards.code }).from(wards).where(eq(wards.code, body.wardCode));
    if (!ward) throw notFound("Không tìm thấy xã, phường này.");
    let field = body.field ?? null;
    if (body.procedureCode) {
      const [p] = await db.select({ field: procedures.field }).from(procedures).where(eq(procedures.code, body.procedureCode));
      if (!p) throw new ApiError(400, "invalid_input", "Thủ tục không có trong danh mục.");
      field = p.field;
    }
    const now = Date.now();
    const conv = {
      id: newId(),
      wardCode: body.wardCode,
      citizenId: user.sub,
      field,
      procedureCode: body.procedureCode ?? null,
      status: "open" as const,
      assignedOfficerId: await pickOfficer(db, body.wardCode, field),
      context: body.context ? JSON.stringify(body.context) : null,
      createdAt: now,
      updatedAt: now,
    };
    await db.batch([
      db.insert(conversations).values(conv),
      db.insert(messages).values({
        id: newId(),
        conversationId: conv.id,
        authorRole: "citizen",
        authorId: user.sub,
        kind: "message",
        text: body.text,
        clientMessageId: body.clientMessageId ?? null,
        createdAt: now,
      }),
    ]);
    const [saved] = await db.select().from(conversations).where(eq(conversations.id, conv.id));
    return c.json({ conversation: toDto(saved) }, 201);
  })
  .get("/", validate("query", listQuery), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid("query");
    const db = c.get("db");
    const filters = [];
    if (user.role === "citizen") filters.push(eq(conversations.citizenId, user.sub));
    else if (user.role === "system_admin") {
      if (!q.ward) throw new ApiError(400, "invalid_input", "Cần chọn xã, phường.");
      filters.push(eq(conversations.wardCode, q.ward));
    } else filters.push(eq(conversations.wardCode, user.ward ?? ""));
    if (q.status) filters.push(eq(conversations.status, q.status));
    if (q.field) filters.push(eq(conversations.field, q.field));
    if (q.view === "mine" && user.officer) filters.push(eq(conversations.assignedOfficerId, user.officer));
    if (q.view === "unassigned") filters.push(isNull(conversations.assignedOfficerId));
    const rows = await db
      .select()
      .from(conversations)
      .where(and(...filters))
      .orderBy(desc(conversations.updatedAt))
      .limit(q.limit);
    return c.json({ items: rows.map(toDto) });
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const user = requireUser(c);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    const all = await db.select().from(messages).where(eq(messages.conversationId, conv.id)).orderBy(asc(messages.createdAt));
    // Internal notes are for staff only.
    const visible = isStaff(user) ? all : all.filter((m) => m.kind === "message");
    return c.json({
      conversation: toDto(conv),
      messages: visible.map((m) => ({ id: m.id, authorRole: m.authorRole, kind: m.kind, text: m.text, createdAt: m.createdAt })),
    });
  })
  .post("/:id/messages", validate("param", idParam), validate("json", z.object({ text, clientMessageId })), async (c) => {
    const user = requireUser(c, ["citizen", "officer", "ward_admin"]);
    const conv = await loadVisible(c.get("db"), user, c.req.valid("param").id);
    const m = await addMessage(c, conv, user, c.req.valid("json"), "message");
    return c.json({ message: { id: m.id, text: m.text, createdAt: m.createdAt } }, 201);
  })
  .post("/:id/notes", validate("param", idParam), validate("json", z.object({ text })), async (c) => {
    const user = requireUser(c, ["officer", "ward_admin"]);
    const conv = await loadVisible(c.get("db"), user, c.req.valid("param").id);
    const m = await addMessage(c, conv, user, c.req.valid("json"), "note");
    return c.json({ note: { id: m.id, text: m.text, createdAt: m.createdAt } }, 201);
  })
  .post("/:id/assign", validate("param", idParam), validate("json", z.object({ officerId: z.string().max(64) })), async (c) => {
    const user = requireUser(c, ["officer", "ward_admin"]);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    const { officerId } = c.req.valid("json");
    const [officer] = await db.select().from(officers).where(and(eq(officers.id, officerId), eq(officers.wardCode, conv.wardCode)));
    if (!officer) throw new ApiError(400, "invalid_input", "Cán bộ này không thuộc xã, phường.");
    await db.update(conversations).set({ assignedOfficerId: officerId, updatedAt: Date.now() }).where(eq(conversations.id, conv.id));
    return c.json({ ok: true as const });
  })
  .post("/:id/resolve", validate("param", idParam), async (c) => {
    const user = requireUser(c, ["officer", "ward_admin"]);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    await db.update(conversations).set({ status: "resolved", updatedAt: Date.now() }).where(eq(conversations.id, conv.id));
    return c.json({ ok: true as const });
  })
  .post(
    "/:id/rating",
    validate("param", idParam),
    validate("json", z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() })),
    async (c) => {
      const user = requireUser(c, ["citizen"]);
      const db = c.get("db");
      const conv = await loadVisible(db, user, c.req.valid("param").id);
      if (conv.status !== "resolved") throw new ApiError(409, "not_resolved", "Bạn đánh giá được khi cán bộ đã trả lời xong.");
      const { rating, comment } = c.req.valid("json");
      await db.update(conversations).set({ rating, ratingComment: comment ?? null }).where(eq(conversations.id, conv.id));
      return c.json({ ok: true as const });
    },
  );
