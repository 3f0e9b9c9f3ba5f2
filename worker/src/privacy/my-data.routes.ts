/**
 * "Dữ liệu của tôi": a citizen sees everything stored about them, downloads it as JSON, and
 * erases it. Erasing anonymizes their conversations (the ward keeps counts and ratings that
 * name no one) and ends their sessions on every device.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { conversations, messages, wards } from "../db/schema";
import type { AppEnv } from "../env";
import { requireUser, revokeSessions } from "../platform/auth";
import { anonymizeConversations, DEFAULT_RETENTION_MONTHS } from "./retention";

/** Threads per export; a citizen with more is far beyond any real use (5 a hour at most). */
const MAX_THREADS = 500;

async function collect(db: Db, citizenId: string) {
  const threads = await db
    .select({ c: conversations, wardName: wards.name })
    .from(conversations)
    .leftJoin(wards, eq(wards.code, conversations.wardCode))
    .where(eq(conversations.citizenId, citizenId))
    .orderBy(asc(conversations.createdAt))
    .limit(MAX_THREADS);
  const ids = threads.map((t) => t.c.id);
  // Chunked: each IN list stays well under D1's 100 bound parameters.
  const all: (typeof messages.$inferSelect)[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    all.push(...(await db.select().from(messages).where(inArray(messages.conversationId, ids.slice(i, i + 50))).orderBy(asc(messages.createdAt))));
  }
  return {
    identity: {
      id: citizenId,
      how: citizenId.startsWith("zalo:") ? "Mã định danh Zalo của bạn trong ứng dụng (không phải số điện thoại)" : "Mã thiết bị dùng thử",
    },
    conversations: threads.map(({ c, wardName }) => ({
      id: c.id,
      ward: { code: c.wardCode, name: wardName },
      field: c.field,
      procedureCode: c.procedureCode,
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      questionFromAssistant: c.context ? ((JSON.parse(c.context) as { question?: string }).question ?? null) : null,
      rating: c.rating,
      ratingComment: c.ratingComment,
      callback: c.callbackPhone || c.callbackConsentAt ? { phone: c.callbackPhone, consentAt: c.callbackConsentAt } : null,
      // Officers' internal notes are the ward's working records (erased with the thread).
      messages: all
        .filter((m) => m.conversationId === c.id && m.kind === "message")
        .map((m) => ({ from: m.authorRole, kind: m.kind, text: m.text, createdAt: m.createdAt })),
    })),
    notStored: [
      "Câu hỏi bạn gõ vào ô hỏi đáp không gắn với bạn; chỉ khi xã, phường bật “cải thiện trợ lý” mới được giữ 90 ngày, đã xóa số điện thoại, số giấy tờ.",
      "Mật khẩu, danh bạ, vị trí: không thu thập.",
    ],
    retention: `Cuộc trò chuyện được ẩn danh sau ${DEFAULT_RETENTION_MONTHS} tháng (hoặc thời hạn xã, phường đặt); số gọi lại bị xóa khi cán bộ trả lời xong hoặc khi bạn rút đồng ý.`,
  };
}

export const myDataRoutes = new Hono<AppEnv>()
  .get("/data", async (c) => {
    const user = requireUser(c, ["citizen"]);
    return c.json(await collect(c.get("db"), user.sub));
  })
  .get("/data/export", async (c) => {
    const user = requireUser(c, ["citizen"]);
    const data = await collect(c.get("db"), user.sub);
    c.header("Content-Disposition", `attachment; filename="mot-cua-du-lieu-cua-toi.json"`);
    return c.json({ exportedAt: new Date().toISOString(), ...data });
  })
  .delete("/data", async (c) => {
    const user = requireUser(c, ["citizen"]);
    const db = c.get("db");
    let erased = 0;
    for (;;) {
      const rows = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.citizenId, user.sub)).limit(50);
      if (!rows.length) break;
      await anonymizeConversations(db, rows.map((r) => r.id));
      erased += rows.length;
    }
    await revokeSessions(db, user.sub);
    return c.json({ ok: true as const, conversations: erased });
  });
