/**
 * "Kết nối Zalo OA" for ward admins (their own ward only): save the OA id, app id and
 * secrets, start the OAuth v4 consent with PKCE, see the webhook URL, and "Gửi thử".
 * Secrets are written here and never read back by any route: answers say only whether
 * each one is set.
 */
import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { sha256Hex } from "../admin/link-code";
import { zaloOaConfigs } from "../db/schema";
import type { AppEnv } from "../env";
import { requireUser } from "../platform/auth";
import { ApiError } from "../platform/errors";
import { validate } from "../platform/validate";
import { appSecretOf, configByOa, configByWard, forgetConfig, oaSecretOf, type OaConfig } from "./oa-store";
import { codeChallenge, randomToken } from "./pkce";
import { processEvent } from "./process-event";
import { open, seal, SecretKeyMissing, secretContext } from "./secret-box";
import { zaloMac } from "./signature";
import { getOa, permissionUrl, zaloUrls } from "./zalo-api";
import { verifyWebhook } from "./webhook.routes";

const CONSENT_TTL_MS = 10 * 60 * 1000;
const zaloId = z.string().trim().regex(/^[\w-]{1,64}$/, "id");
const secret = z.string().trim().min(6).max(200);

const saveBody = z.object({
  oaId: zaloId,
  appId: zaloId,
  /** Blank keeps the one already saved. */
  oaSecretKey: secret.optional(),
  /** The Zalo app's secret key; blank keeps the saved one; `useMiniAppSecret` clears it. */
  appSecretKey: secret.optional(),
  useMiniAppSecret: z.boolean().optional(),
});

/** Only the ward's own admin: the OA speaks for the ward. */
function ownWard(c: Context<AppEnv>): { ward: string; userId: string } {
  const user = requireUser(c, ["ward_admin"]);
  if (!user.ward) throw new ApiError(403, "forbidden", "Bạn không có quyền thực hiện việc này.");
  return { ward: user.ward, userId: user.sub };
}

function requireKey(c: Context<AppEnv>): string {
  if (!c.env.ZALO_OA_KEY) throw new ApiError(503, "oa_unavailable", "Máy chủ chưa có khóa mã hóa ZALO_OA_KEY; người quản trị hệ thống cần đặt nó trước.");
  return c.env.ZALO_OA_KEY;
}

const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin;

function view(c: Context<AppEnv>, cfg: OaConfig | null) {
  const base = origin(c);
  return {
    config: cfg && {
      oaId: cfg.oaId,
      appId: cfg.appId,
      oaName: cfg.oaName,
      status: cfg.status,
      oaSecretKeySet: !!cfg.oaSecretKey,
      appSecretKeySet: !!cfg.appSecretKey,
      usesMiniAppSecret: !cfg.appSecretKey,
      sameAppAsMiniApp: !!c.env.ZALO_APP_ID && cfg.appId === c.env.ZALO_APP_ID,
      accessExpiresAt: cfg.accessToken ? cfg.accessExpiresAt : null,
      tokenRefreshedAt: cfg.tokenRefreshedAt,
      lastError: cfg.lastError,
      lastTestAt: cfg.lastTestAt,
      lastTestOk: cfg.lastTestOk,
      updatedAt: cfg.updatedAt,
    },
    webhookUrl: `${base}/api/zalo/oa/webhook`,
    redirectUri: `${base}/api/zalo/oa/callback`,
  };
}

async function reseal(key: string, sealed: string | null, from: string, to: string, column: Parameters<typeof secretContext>[1]) {
  if (!sealed || from === to) return sealed;
  const plain = await open(key, sealed, secretContext(from, column));
  return plain ? seal(key, plain, secretContext(to, column)) : null;
}

export const zaloOaConfigRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { ward } = ownWard(c);
    return c.json(view(c, await configByWard(c.get("db"), ward)));
  })
  .put("/", validate("json", saveBody), async (c) => {
    const { ward, userId } = ownWard(c);
    const key = requireKey(c);
    const body = c.req.valid("json");
    const db = c.get("db");
    const now = Date.now();
    const current = await configByWard(db, ward);
    const taken = await configByOa(db, body.oaId);
    if (taken && taken.wardCode !== ward) throw new ApiError(409, "oa_taken", "OA này đã được một xã, phường khác kết nối.");
    const sameOa = current?.oaId === body.oaId;
    const sameApp = sameOa && current?.appId === body.appId;
    const oaSecret = body.oaSecretKey
      ? await seal(key, body.oaSecretKey, secretContext(body.oaId, "oa_secret_key"))
      : current
        ? await reseal(key, current.oaSecretKey, current.oaId, body.oaId, "oa_secret_key")
        : null;
    if (!oaSecret) throw new ApiError(400, "invalid_input", "Cần nhập khóa bí mật của OA (OA Secret Key).");
    const appSecret = body.useMiniAppSecret
      ? null
      : body.appSecretKey
        ? await seal(key, body.appSecretKey, secretContext(body.oaId, "app_secret_key"))
        : current && current.appId === body.appId
          ? await reseal(key, current.appSecretKey, current.oaId, body.oaId, "app_secret_key")
          : null;
    if (!appSecret && !(c.env.ZALO_APP_SECRET && body.appId === c.env.ZALO_APP_ID)) {
      throw new ApiError(400, "invalid_input", "Cần nhập khóa bí mật của ứng dụng Zalo (App Secret Key), trừ khi OA dùng chung ứng dụng với mini app.");
    }
    const row = {
      oaId: body.oaId,
      wardCode: ward,
      appId: body.appId,
      oaSecretKey: oaSecret,
      appSecretKey: appSecret,
      updatedBy: userId,
      updatedAt: now,
    };
    if (current && sameApp) {
      await db.update(zaloOaConfigs).set(row).where(eq(zaloOaConfigs.oaId, current.oaId));
    } else {
      // Another OA or app: its tokens were granted for something else, so consent again.
      await db.batch([
        db.delete(zaloOaConfigs).where(eq(zaloOaConfigs.wardCode, ward)),
        db.insert(zaloOaConfigs).values({ ...row, status: "pending", createdAt: now }),
      ]);
    }
    for (const id of new Set([current?.oaId, body.oaId])) {
      if (!id) continue;
      forgetConfig(id);
      await c.env.ZALO_OA?.get(c.env.ZALO_OA.idFromName(id)).forget();
    }
    return c.json(view(c, await configByWard(db, ward)));
  })
  .post("/consent", async (c) => {
    const { ward } = ownWard(c);
    const key = requireKey(c);
    const db = c.get("db");
    const cfg = await configByWard(db, ward);
    if (!cfg) throw new ApiError(409, "not_configured", "Bạn lưu OA ID, App ID và khóa bí mật trước.");
    const verifier = randomToken(43);
    const state = randomToken(32);
    await db
      .update(zaloOaConfigs)
      .set({
        oauthStateHash: await sha256Hex(state),
        oauthVerifier: await seal(key, verifier, secretContext(cfg.oaId, "oauth_verifier")),
        oauthExpiresAt: Date.now() + CONSENT_TTL_MS,
      })
      .where(eq(zaloOaConfigs.oaId, cfg.oaId));
    const url = permissionUrl(zaloUrls(c.env), cfg.appId, `${origin(c)}/api/zalo/oa/callback`, await codeChallenge(verifier), state);
    return c.json({ url, expiresAt: Date.now() + CONSENT_TTL_MS });
  })
  /** "Gửi thử": a signed test event through the webhook's own checks and the bot, then the token at Zalo. */
  .post("/test", async (c) => {
    const { ward } = ownWard(c);
    requireKey(c);
    const db = c.get("db");
    const cfg = await configByWard(db, ward);
    if (!cfg) throw new ApiError(409, "not_configured", "Bạn lưu cấu hình OA trước.");
    const steps: { key: string; label: string; ok: boolean; detail: string }[] = [];
    let reply: string | null = null;
    let oaSecret: string | null = null;
    try {
      oaSecret = await oaSecretOf(c.env, cfg);
      const appSecret = await appSecretOf(c.env, cfg);
      steps.push({
        key: "secrets",
        label: "Khóa bí mật",
        ok: !!oaSecret && !!appSecret,
        detail: oaSecret && appSecret ? "Đọc được khóa của OA và của ứng dụng." : "Không đọc được khóa đã lưu: bạn nhập lại.",
      });
    } catch (err) {
      if (!(err instanceof SecretKeyMissing)) throw err;
    }
    if (oaSecret) {
      const now = Date.now();
      const raw = JSON.stringify({
        app_id: cfg.appId,
        user_id_by_app: "motcua-test",
        event_name: "user_send_text",
        timestamp: String(now),
        sender: { id: "motcua-test" },
        recipient: { id: cfg.oaId },
        message: { msg_id: `test-${randomToken(12)}`, text: "Đăng ký khai sinh cần giấy tờ gì?" },
      });
      const v = await verifyWebhook(c.env, raw, `mac=${await zaloMac(cfg.appId, raw, String(now), oaSecret)}`, now);
      steps.push({ key: "webhook", label: "Nhận sự kiện có chữ ký", ok: v.ok && !!v.event, detail: v.ok ? "Chữ ký đúng, sự kiện đọc được." : `Bị từ chối: ${v.code}.` });
      if (v.ok && v.event) {
        reply = (await processEvent(c.env, v.event, { dryRun: true })).reply;
        steps.push({ key: "bot", label: "Trợ lý trả lời", ok: !!reply, detail: reply ? `${reply.length} ký tự.` : "Không có câu trả lời." });
      }
    }
    if (c.env.ZALO_OA) {
      const tok = await c.env.ZALO_OA.get(c.env.ZALO_OA.idFromName(cfg.oaId)).accessToken(cfg.oaId);
      if (!tok.ok) steps.push({ key: "token", label: "Quyền gửi tin của OA", ok: false, detail: tok.reason });
      else {
        const oa = await getOa(zaloUrls(c.env), tok.token);
        const ok = oa.ok && oa.data.oaId === cfg.oaId;
        steps.push({
          key: "token",
          label: "Quyền gửi tin của OA",
          ok,
          detail: oa.ok ? (ok ? `Zalo xác nhận OA “${oa.data.name ?? cfg.oaId}”.` : "Mã truy cập thuộc một OA khác: bạn kiểm tra OA ID.") : "Zalo không nhận mã truy cập.",
        });
        if (oa.ok && ok && oa.data.name) await db.update(zaloOaConfigs).set({ oaName: oa.data.name }).where(eq(zaloOaConfigs.oaId, cfg.oaId));
      }
    }
    const ok = steps.length >= 4 && steps.every((s) => s.ok);
    await db.update(zaloOaConfigs).set({ lastTestAt: Date.now(), lastTestOk: ok }).where(eq(zaloOaConfigs.oaId, cfg.oaId));
    return c.json({ ok, steps, reply });
  });
