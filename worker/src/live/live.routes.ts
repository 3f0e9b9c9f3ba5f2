import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { requireUser } from "../platform/auth";
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
    if (!c.env.INBOX) throw new ApiError(503, "live_unavailable", "Chưa bật nhận tin tức thời; ứng dụng sẽ tự tải lại định kỳ.");
    const ticket = await signSession({ sub: user.sub, role: user.role, ward, use: "live" }, c.env.SESSION_SECRET!, Date.now(), TICKET_TTL_S);
    return c.json({ ticket, ward });
  })
  .get("/", validate("query", z.object({ ticket: z.string().min(1).max(2000) })), async (c) => {
    if (c.req.header("upgrade") !== "websocket") throw new ApiError(426, "upgrade_required", "Cần kết nối WebSocket.");
    const secret = c.env.SESSION_SECRET;
    const t = secret ? await verifySession(c.req.valid("query").ticket, secret) : null;
    if (!t || t.use !== "live" || !t.ward) throw new ApiError(401, "unauthorized", "Phiên kết nối đã hết hạn, bạn thử lại.");
    if (!c.env.INBOX) throw new ApiError(503, "live_unavailable", "Chưa bật nhận tin tức thời.");
    const tag = t.role === "citizen" ? `citizen:${t.sub}` : "staff";
    const headers = new Headers(c.req.raw.headers);
    headers.set("x-live-tag", tag);
    return c.env.INBOX.get(c.env.INBOX.idFromName(t.ward)).fetch(new Request(c.req.raw.url, { headers }));
  });
