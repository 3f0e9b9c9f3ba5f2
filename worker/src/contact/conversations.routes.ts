import { and, asc, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { rank } from "../ask/engine";
import { composeAnswer } from "../ask/compose";
import { getIndex } from "../ask/index-cache";
import { getProcedure } from "../catalog/procedure-queries";
import { accessLog, conversations, messages, officers, procedures, wards } from "../db/schema";
import type { AppEnv } from "../env";
import { isStaff, requireUser } from "../platform/auth";
import { ApiError, notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { zaloPhoneNumber } from "../platform/zalo-graph";
import { wordPrefixPatterns } from "../platform/like";
import { enforce } from "../platform/rate-limit";
import { deliveriesFor, zaloThreadInfo } from "../zalo-oa/outbox";
import {
  addMessage,
  announce,
  dueAutoReply,
  loadVisible,
  markRead,
  newId,
  leastLoadedOfficer,
  searchTextOf,
  insertMessageIf,
  systemMessage,
  toDto,
} from "./conversation-store";

const text = z.string().trim().min(1).max(2000); // = MAX_TEXT
const clientMessageId = z.string().regex(/^[\w-]{1,64}$/).optional();
const idParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });
const procedureCode = z.string().regex(/^[\w.\-]{1,40}$/);

const createBody = z.object({
  wardCode: z.string().regex(/^\d{5}$/),
  procedureCode: procedureCode.optional(),
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
  /** Search in the first message, field and procedure code, with or without diacritics. */
  q: z.string().trim().max(200).optional(),
  /** Next page: conversations updated before this time (ms). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const callbackBody = z.object({
  /** The citizen saw why the number is needed and agreed; nothing is stored without it. */
  consent: z.literal(true),
  accessToken: z.string().min(1).max(4096),
  phoneToken: z.string().min(1).max(4096),
});

const MAX_TEXT = 2000;

/** Long summaries are cut at a line, keeping the source line, so a canned reply fits one message. */
function fitMessage(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  const at = text.lastIndexOf("\n\nNguồn:");
  const source = at >= 0 ? text.slice(at) : "";
  const body = at >= 0 ? text.slice(0, at) : text;
  const marker = "\n… (còn nữa, xem đầy đủ theo nguồn dưới đây)";
  const room = MAX_TEXT - source.length - marker.length;
  const cut = body.slice(0, room);
  const line = cut.lastIndexOf("\n");
  return `${line > 0 ? cut.slice(0, line) : cut}${marker}${source}`;
}

export const conversationRoutes = new Hono<AppEnv>()
  .post("/", validate("json", createBody), async (c) => {
    const user = requireUser(c, ["citizen"]);
    const body = c.req.valid("json");
    const db = c.get("db");
    const cmid = body.clientMessageId ?? null;
    const sentBefore = async () => {
      if (!cmid) return undefined;
      const [row] = await db.select().from(conversations).where(and(eq(conversations.citizenId, user.sub), eq(conversations.clientMessageId, cmid)));
      return row;
    };
    const before = await sentBefore();
    if (before) return c.json({ conversation: toDto(before, user) }, 200);
    const [ward] = await db.select({ code: wards.code }).from(wards).where(eq(wards.code, body.wardCode));
    if (!ward) throw notFound("Không tìm thấy xã, phường này.");
    let field = body.field ?? null;
    if (body.procedureCode) {
      // National, or this ward's own: never another ward's local procedure.
      const [p] = await db
        .select({ field: procedures.field })
        .from(procedures)
        .where(and(eq(procedures.code, body.procedureCode), or(eq(procedures.origin, "portal"), eq(procedures.wardCode, body.wardCode))));
      if (!p) throw new ApiError(400, "invalid_input", "Thủ tục không có trong danh mục.");
      field = p.field;
    }
    await enforce(c, "conversation_citizen", user.sub);
    const now = Date.now();
    const autoReply = await dueAutoReply(db, body.wardCode, null, now);
    const subject = body.text.slice(0, 200);
    const id = newId();
    const conv = {
      id,
      wardCode: body.wardCode,
      citizenId: user.sub,
      field,
      procedureCode: body.procedureCode ?? null,
      status: "open" as const,
      assignedOfficerId: leastLoadedOfficer(body.wardCode, field),
      context: body.context ? JSON.stringify(body.context) : null,
      createdAt: now,
      updatedAt: now,
      subject,
      searchText: searchTextOf(subject, field, body.procedureCode ?? null),
      unreadByStaff: 1,
      unreadByCitizen: autoReply ? 1 : 0,
      autoReplyAt: autoReply ? now : null,
      clientMessageId: cmid,
    };
    // One batch (one transaction): the thread, its first message and any automatic reply. A
    // parallel duplicate hits the (citizen, clientMessageId) key and writes nothing.
    const ours = { table: "conversations" as const, id };
    const first = { id: newId(), conversationId: id, authorRole: "citizen" as const, authorId: user.sub, kind: "message" as const, text: body.text, clientMessageId: cmid, createdAt: now };
    await db.batch([
      db.insert(conversations).values(conv).onConflictDoNothing(),
      insertMessageIf(db, ours, first),
      ...(autoReply ? [insertMessageIf(db, ours, systemMessage(id, autoReply, now + 1))] : []),
    ]);
    const [saved] = await db.select().from(conversations).where(eq(conversations.id, id));
    if (!saved) {
      const winner = await sentBefore();
      if (!winner) throw new ApiError(409, "conflict", "Tin nhắn đang được gửi, bạn thử lại nhé.");
      return c.json({ conversation: toDto(winner, user) }, 200);
    }
    await announce(c, saved, false);
    return c.json({ conversation: toDto(saved, user) }, 201);
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
    if (q.view === "mine") filters.push(eq(conversations.assignedOfficerId, user.officer ?? ""));
    if (q.view === "unassigned") filters.push(isNull(conversations.assignedOfficerId));
    // Each word as a word prefix, bounded in length and number (D1's LIKE and parameter limits).
    const patterns = q.q ? wordPrefixPatterns(q.q) : [];
    // A search of punctuation only ("%", "_") has no word to find: nothing matches.
    if (q.q && !patterns.length) return c.json({ items: [], nextBefore: null });
    for (const p of patterns) filters.push(sql`(' ' || ${conversations.searchText}) LIKE ${p}`);
    if (q.before) filters.push(lt(conversations.updatedAt, q.before));
    const rows = await db
      .select()
      .from(conversations)
      .where(and(...filters))
      .orderBy(desc(conversations.updatedAt))
      .limit(q.limit);
    return c.json({
      items: rows.map((r) => toDto(r, user)),
      nextBefore: rows.length === q.limit ? rows[rows.length - 1].updatedAt : null,
    });
  })
  .get("/summary", async (c) => {
    const user = requireUser(c);
    const db = c.get("db");
    const staff = isStaff(user);
    if (staff && !user.ward) return c.json({ unreadConversations: 0, unreadMessages: 0 });
    const counter = staff ? conversations.unreadByStaff : conversations.unreadByCitizen;
    const [row] = await db
      .select({ n: sql<number>`COUNT(*)`, total: sql<number>`COALESCE(SUM(${counter}), 0)` })
      .from(conversations)
      .where(and(staff ? eq(conversations.wardCode, user.ward!) : eq(conversations.citizenId, user.sub), gt(counter, 0)));
    return c.json({ unreadConversations: Number(row?.n ?? 0), unreadMessages: Number(row?.total ?? 0) });
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const user = requireUser(c);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    const all = await db.select().from(messages).where(eq(messages.conversationId, conv.id)).orderBy(asc(messages.createdAt));
    await markRead(db, conv, user);
    // Which staff account read which conversation: the ward admin can see it.
    if (isStaff(user)) {
      await db.insert(accessLog).values({ id: newId(), wardCode: conv.wardCode, staffId: user.sub, conversationId: conv.id, action: "read", at: Date.now() });
    }
    // Internal notes are for staff only.
    const visible = isStaff(user) ? all : all.filter((m) => m.kind === "message");
    // Officers see Zalo's reply window and how each reply went out (OA conversations).
    const zalo = isStaff(user) ? await zaloThreadInfo(db, conv, Date.now()) : null;
    const delivery = zalo ? await deliveriesFor(db, visible.filter((m) => m.authorRole === "officer").map((m) => m.id)) : null;
    return c.json({
      conversation: toDto(conv, user),
      messages: visible.map((m) => ({ id: m.id, authorRole: m.authorRole, kind: m.kind, text: m.text, createdAt: m.createdAt, delivery: delivery?.get(m.id) ?? null })),
      zalo,
    });
  })
  .post("/:id/messages", validate("param", idParam), validate("json", z.object({ text, clientMessageId })), async (c) => {
    const user = requireUser(c, ["citizen", "officer", "ward_admin"]);
    const conv = await loadVisible(c.get("db"), user, c.req.valid("param").id);
    const { message: m, created } = await addMessage(c, conv, user, c.req.valid("json"), "message");
    return c.json({ message: { id: m.id, text: m.text, createdAt: m.createdAt } }, created ? 201 : 200);
  })
  .post("/:id/notes", validate("param", idParam), validate("json", z.object({ text })), async (c) => {
    const user = requireUser(c, ["officer", "ward_admin"]);
    const conv = await loadVisible(c.get("db"), user, c.req.valid("param").id);
    const { message: m } = await addMessage(c, conv, user, c.req.valid("json"), "note");
    return c.json({ note: { id: m.id, text: m.text, createdAt: m.createdAt } }, 201);
  })
  .get(
    "/:id/canned",
    validate("param", idParam),
    validate("query", z.object({ q: z.string().trim().max(200).optional() })),
    async (c) => {
      const user = requireUser(c, ["officer", "ward_admin"]);
      const db = c.get("db");
      const conv = await loadVisible(db, user, c.req.valid("param").id);
      const q = c.req.valid("query").q;
      // The thread's procedure and the bot's matches first; an officer's search adds more.
      const codes: string[] = [];
      if (conv.procedureCode) codes.push(conv.procedureCode);
      const context = conv.context ? (JSON.parse(conv.context) as { matches?: { code: string }[] }) : null;
      for (const m of context?.matches ?? []) codes.push(m.code);
      if (q) for (const m of rank(await getIndex(db), q, 3).matches) codes.push(m.code);
      const unique = [...new Set(codes)].slice(0, 5);
      const [ward] = await db.select({ name: wards.name }).from(wards).where(eq(wards.code, conv.wardCode));
      const records = await Promise.all(unique.map((code) => getProcedure(db, code)));
      const items = records.flatMap((p) => {
        if (!p) return [];
        const answer = composeAnswer(p, [], ward?.name ?? null);
        return [{ code: p.code, name: p.name, text: fitMessage(`Dạ, ${answer.text}`) }];
      });
      return c.json({ items });
    },
  )
  .post("/:id/assign", validate("param", idParam), validate("json", z.object({ officerId: z.string().max(64) })), async (c) => {
    const user = requireUser(c, ["officer", "ward_admin"]);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    const { officerId } = c.req.valid("json");
    const [officer] = await db.select().from(officers).where(and(eq(officers.id, officerId), eq(officers.wardCode, conv.wardCode)));
    if (!officer) throw new ApiError(400, "invalid_input", "Cán bộ này không thuộc xã, phường.");
    await db.update(conversations).set({ assignedOfficerId: officerId, updatedAt: Date.now() }).where(eq(conversations.id, conv.id));
    await announce(c, conv, true);
    return c.json({ ok: true as const });
  })
  .post("/:id/resolve", validate("param", idParam), async (c) => {
    const user = requireUser(c, ["officer", "ward_admin"]);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    // A call-back number is kept only while the question is open; its consent goes with it.
    await db
      .update(conversations)
      .set({ status: "resolved", updatedAt: Date.now(), callbackPhone: null, callbackConsentAt: null })
      .where(eq(conversations.id, conv.id));
    await announce(c, conv, false);
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
      await announce(c, conv, true);
      return c.json({ ok: true as const });
    },
  )
  .post("/:id/callback", validate("param", idParam), validate("json", callbackBody), async (c) => {
    const user = requireUser(c, ["citizen"]);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    if (conv.status === "resolved") throw new ApiError(409, "resolved", "Cuộc trò chuyện đã xong; bạn nhắn tin mới nếu cần cán bộ gọi lại.");
    const { accessToken, phoneToken } = c.req.valid("json");
    // The browser preview has no Zalo: development accepts "dev-<number>" phone tokens only.
    const dev = c.env.ENVIRONMENT === "development" ? /^dev-(0\d{9,10})$/.exec(phoneToken) : null;
    let phone: string | null;
    if (dev) phone = dev[1];
    else {
      if (!c.env.ZALO_APP_SECRET) throw new ApiError(503, "callback_unavailable", "Chức năng gọi lại chưa sẵn sàng, bạn nhắn tin cho cán bộ nhé.");
      phone = await zaloPhoneNumber(accessToken, phoneToken, c.env.ZALO_APP_SECRET, c.env.ZALO_GRAPH_URL);
    }
    if (!phone) throw new ApiError(400, "phone_unavailable", "Không lấy được số điện thoại từ Zalo. Bạn thử lại hoặc nhắn tin cho cán bộ.");
    const now = Date.now();
    await db
      .update(conversations)
      .set({ callbackPhone: phone, callbackConsentAt: now, updatedAt: now, unreadByStaff: sql`${conversations.unreadByStaff} + 1` })
      .where(eq(conversations.id, conv.id));
    await announce(c, conv, true);
    return c.json({ ok: true as const });
  })
  .delete("/:id/callback", validate("param", idParam), async (c) => {
    const user = requireUser(c, ["citizen"]);
    const db = c.get("db");
    const conv = await loadVisible(db, user, c.req.valid("param").id);
    // Withdrawing consent erases the number.
    await db.update(conversations).set({ callbackPhone: null, callbackConsentAt: null }).where(eq(conversations.id, conv.id));
    await announce(c, conv, true);
    return c.json({ ok: true as const });
  });
