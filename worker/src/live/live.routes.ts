import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { and, eq } from "drizzle-orm";
import { conversations } from "../db/schema";
import { requireUser, signingSecret, usableSecret } from "../platform/auth";
import { ApiError } from "../platform/errors";
import { signSession, verifySession } from "../platform/session";
import { validate } from "../platform/validate";

const TICKET_TTL_S = 60;

/**
 * Live delivery. Browsers cannot set headers on a WebSocket, so the client first trades its
 * bearer session for a one-minute ticket, then opens `GET /api/live?ticket=…`.
 */
export const liveRoutes = new Hono<AppEnv>()
  .post("/ticket", validate("json", z.object({ wardCode: z.string().regex(/^\d{5}$/).optional() })), async (c) => {
    const user = requireUser(c);
    const ward = user.role === "citizen" ? c.req.valid("json").wardCode : user.ward;
    if (!ward) throw new ApiError(400, "invalid_input", "Cần chọn xã, phường.");
    if (user.role === "citizen") {
      // A citizen listens only where they have a conversation.
      const [own] = await c
        .get("db")
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.citizenId, user.sub), eq(conversations.wardCode, ward)))
        .limit(1);
      if (!own) throw new ApiError(403, "forbidden", "Bạn chưa có cuộc trò chuyện nào với xã, phường này.");
    }
    if (!c.env.INBOX) throw new ApiError(503, "live_unavailable", "Chưa bật nhận tin tức thời; ứng dụng sẽ tự tải lại định kỳ.");
    const jti = crypto.randomUUID();
    const ticket = await signSession({ sub: user.sub, role: user.role, ward, use: "live", jti }, signingSecret(c.env), Date.now(), TICKET_TTL_S);
    return c.json({ ticket, ward });
  })
  .get("/", validate("query", z.object({ ticket: z.string().min(1).max(2000) })), async (c) => {
    if (c.req.header("upgrade") !== "websocket") throw new ApiError(426, "upgrade_required", "Cần kết nối WebSocket.");
    const secret = usableSecret(c.env);
    const t = secret ? await verifySession(c.req.valid("query").ticket, secret) : null;
    if (!t || t.use !== "live" || !t.ward || !t.jti) throw new ApiError(401, "unauthorized", "Phiên kết nối đã hết hạn, bạn thử lại.");
    if (!c.env.INBOX) throw new ApiError(503, "live_unavailable", "Chưa bật nhận tin tức thời.");
    // Single use: the ward's object remembers the tickets it has seen until they expire.
    const inbox = c.env.INBOX.get(c.env.INBOX.idFromName(t.ward));
    if (!(await inbox.claimTicket(t.jti, t.exp * 1000))) throw new ApiError(401, "ticket_used", "Phiên kết nối đã được dùng, bạn thử lại.");
    const tag = t.role === "citizen" ? `citizen:${t.sub}` : "staff";
    const headers = new Headers(c.req.raw.headers);
    headers.set("x-live-tag", tag);
    return inbox.fetch(new Request(c.req.raw.url, { headers }));
  });
