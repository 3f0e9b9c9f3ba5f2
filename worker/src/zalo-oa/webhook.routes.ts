/**
 * Zalo's side of the OA channel: the webhook every ward's OA posts to, and the OAuth
 * consent's redirect. Neither has a Một Cửa session: the webhook is authenticated by the
 * OA's signature, the redirect by the one-time consent state.
 */
import { and, eq, gt } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { sha256Hex } from "../admin/link-code";
import { afterResponse } from "../contact/conversation-store";
import { createDb } from "../db/client";
import { zaloOaConfigs, zaloOaEvents } from "../db/schema";
import type { AppEnv, Env } from "../env";
import { ApiError } from "../platform/errors";
import { validate } from "../platform/validate";
import { claimedOaId, eventKey, parseEvent } from "./events";
import { cachedConfigByOa, forgetConfig, oaSecretOf } from "./oa-store";
import { processEvent, type AcceptedEvent } from "./process-event";
import { allowOaUserEvent } from "./rate-limit-hook";
import { open, secretContext } from "./secret-box";
import { checkSignature } from "./signature";

/** Zalo's events are small; anything bigger is not one. */
const MAX_BODY = 64 * 1024;

export type Verified = { ok: true; event: AcceptedEvent | null; raw: string } | { ok: false; status: 400 | 401 | 413; code: string };

/** Signature first, on the raw bytes; only then is the body trusted and read as an event. */
export async function verifyWebhook(env: Env, raw: string, signature: string | undefined, now: number): Promise<Verified> {
  if (raw.length > MAX_BODY) return { ok: false, status: 413, code: "too_large" };
  let probe: unknown;
  try {
    probe = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, code: "bad_request" };
  }
  const oaId = claimedOaId(probe);
  // Only to find the secret: nothing in the body is used before the signature checks out.
  const cfg = oaId ? await cachedConfigByOa(createDb(env.DB), oaId, now) : null;
  const secret = cfg ? await oaSecretOf(env, cfg) : null;
  if (!cfg || !secret) return { ok: false, status: 401, code: "unknown_oa" };
  const ts = (probe as { timestamp?: string | number }).timestamp;
  const check = await checkSignature({ header: signature, appId: cfg.appId, rawBody: raw, timestamp: ts, oaSecretKey: secret, now });
  if (!check.ok) return { ok: false, status: 401, code: check.reason };
  const event = parseEvent(probe);
  if (event.type === "ignored" || event.oaId !== cfg.oaId) return { ok: true, event: null, raw };
  return { ok: true, event, raw };
}

const MESSAGES: Record<string, string> = {
  too_large: "Sự kiện quá lớn.",
  bad_request: "Sự kiện không hợp lệ.",
  unknown_oa: "OA chưa được kết nối.",
  missing_signature: "Thiếu chữ ký X-ZEvent-Signature.",
  bad_signature: "Chữ ký không đúng.",
  stale_event: "Sự kiện đã quá hạn (hơn 5 phút).",
};

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
/** A small page for the admin's browser; every text is escaped (Zalo's words included). */
const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5"><h1 style="font-size:1.3rem">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;

export const zaloWebhookRoutes = new Hono<AppEnv>()
  .post("/webhook", async (c) => {
    const now = Date.now();
    const v = await verifyWebhook(c.env, await c.req.text(), c.req.header("x-zevent-signature"), now);
    if (!v.ok) throw new ApiError(v.status, v.code, MESSAGES[v.code] ?? "Sự kiện không hợp lệ.");
    const ev = v.event;
    // Known but not acted on (delivery receipts, the OA's own messages…), or unknown: 200, ignored.
    if (!ev) return c.json({ ok: true as const, ignored: true });
    if (!(await allowOaUserEvent(c.env, ev.oaId, ev.userId))) return c.json({ ok: true as const, limited: true });
    // Stored before the acknowledgement (one small write), so a crash afterwards loses nothing:
    // the cron sweep picks up events still "received". The key makes resends a no-op.
    const [fresh] = await c
      .get("db")
      .insert(zaloOaEvents)
      .values({ oaId: ev.oaId, eventKey: eventKey(ev), eventName: ev.type, userId: ev.userId, body: v.raw, status: "received", receivedAt: now })
      .onConflictDoNothing()
      .returning({ key: zaloOaEvents.eventKey });
    if (fresh) {
      const work = processEvent(c.env, ev).catch((err: Error) => console.error(`zalo-oa event failed: ${err.name}`));
      await afterResponse(c, work);
    }
    return c.json({ ok: true as const, duplicate: !fresh });
  })
  /** Zalo sends the ward admin back here after consent (?code&oa_id&state). */
  .get(
    "/callback",
    validate("query", z.object({ code: z.string().min(1).max(2000), state: z.string().regex(/^[A-Za-z0-9]{20,100}$/), oa_id: z.string().max(64).optional() })),
    async (c) => {
      const { code, state, oa_id } = c.req.valid("query");
      const db = c.get("db");
      const [cfg] = await db
        .select()
        .from(zaloOaConfigs)
        .where(and(eq(zaloOaConfigs.oauthStateHash, await sha256Hex(state)), gt(zaloOaConfigs.oauthExpiresAt, Date.now())));
      const html = (status: 200 | 400, title: string, body: string) => c.html(page(title, body), status);
      if (!cfg) return html(400, "Liên kết đã hết hạn", "Phiên kết nối Zalo OA đã hết hạn hoặc đã dùng. Bạn mở lại màn hình “Kết nối Zalo OA” và bấm “Kết nối với Zalo”.");
      if (oa_id && oa_id !== cfg.oaId)
        return html(400, "Sai Official Account", `Bạn vừa cấp quyền cho OA ${oa_id}, không phải OA đã nhập. Bạn kiểm tra lại OA ID rồi kết nối lại.`);
      const verifier = await open(c.env.ZALO_OA_KEY, cfg.oauthVerifier, secretContext(cfg.oaId, "oauth_verifier"));
      // One use: the state is cleared whatever Zalo answers.
      await db.update(zaloOaConfigs).set({ oauthStateHash: null, oauthVerifier: null, oauthExpiresAt: null }).where(eq(zaloOaConfigs.oaId, cfg.oaId));
      if (!verifier || !c.env.ZALO_OA) return html(400, "Chưa kết nối được", "Không đọc được phiên kết nối. Bạn thử lại từ màn hình “Kết nối Zalo OA”.");
      forgetConfig(cfg.oaId);
      const r = await c.env.ZALO_OA.get(c.env.ZALO_OA.idFromName(cfg.oaId)).exchangeConsent(cfg.oaId, code, verifier);
      if (!r.ok) return html(400, "Chưa kết nối được", r.reason);
      return html(200, "Đã kết nối Zalo OA", "Một Cửa đã nhận quyền gửi tin của OA. Bạn quay lại Một Cửa, màn hình “Kết nối Zalo OA”, và bấm “Gửi thử”.");
    },
  );
