/**
 * D1 reads and writes shared by the webhook, the bot, the outbox and the OA's Durable
 * Object: configurations, OA users, the reply window, links to the mini app.
 */
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { zaloOaConfigs, zaloOaMessages, zaloOaUsers } from "../db/schema";
import type { Env } from "../env";
import { miniAppLinks, type Links } from "./format-reply";
import { replyWindow, type ReplyWindow } from "./reply-window";
import { open, secretContext } from "./secret-box";

export type OaConfig = typeof zaloOaConfigs.$inferSelect;
export type OaUser = typeof zaloOaUsers.$inferSelect;
export type OaMessage = typeof zaloOaMessages.$inferSelect;

export async function configByOa(db: Db, oaId: string): Promise<OaConfig | null> {
  const [row] = await db.select().from(zaloOaConfigs).where(eq(zaloOaConfigs.oaId, oaId));
  return row ?? null;
}

const CONFIG_TTL_MS = 30_000;
const configCache = new Map<string, { cfg: OaConfig | null; at: number }>();

/**
 * The configuration for reading webhook events (secrets, ward, app), cached per isolate for
 * 30 s: every event needs it, and an admin's edit clears it here at once (other isolates
 * within 30 s). Tokens are never read from it; the Durable Object reads those itself.
 */
export async function cachedConfigByOa(db: Db, oaId: string, now = Date.now()): Promise<OaConfig | null> {
  const hit = configCache.get(oaId);
  if (hit && now - hit.at < CONFIG_TTL_MS) return hit.cfg;
  const cfg = await configByOa(db, oaId);
  if (configCache.size > 500) configCache.clear();
  configCache.set(oaId, { cfg, at: now });
  return cfg;
}

export function forgetConfig(oaId?: string) {
  if (oaId) configCache.delete(oaId);
  else configCache.clear();
}

export async function configByWard(db: Db, wardCode: string): Promise<OaConfig | null> {
  const [row] = await db.select().from(zaloOaConfigs).where(eq(zaloOaConfigs.wardCode, wardCode));
  return row ?? null;
}

/** The OA secret key (webhook signatures); null when it cannot be opened. */
export const oaSecretOf = (env: Env, cfg: OaConfig) => open(env.ZALO_OA_KEY, cfg.oaSecretKey, secretContext(cfg.oaId, "oa_secret_key"));

/** The app secret for OAuth calls: the OA's own, or the mini app's when they share one app. */
export async function appSecretOf(env: Env, cfg: OaConfig): Promise<string | null> {
  if (cfg.appSecretKey) return open(env.ZALO_OA_KEY, cfg.appSecretKey, secretContext(cfg.oaId, "app_secret_key"));
  return env.ZALO_APP_SECRET ?? null;
}

export async function oaUser(db: Db, oaId: string, userId: string): Promise<OaUser | null> {
  const [row] = await db.select().from(zaloOaUsers).where(and(eq(zaloOaUsers.oaId, oaId), eq(zaloOaUsers.userId, userId)));
  return row ?? null;
}

/**
 * The mini-app citizen an OA user is. Zalo gives the same `user_id_by_app` as the mini app's
 * user id only when the OA is connected to the mini app's own Zalo app. The browser preview
 * signs citizens in as "dev:<id>", so development links to those.
 */
export function linkedCitizenId(env: Env, cfg: Pick<OaConfig, "appId">, userIdByApp: string | null | undefined): string | null {
  if (!userIdByApp || !env.ZALO_APP_ID || cfg.appId !== env.ZALO_APP_ID) return null;
  return `${env.ENVIRONMENT === "development" ? "dev" : "zalo"}:${userIdByApp}`;
}

/** Who an OA conversation belongs to when the OA user is not linked to a mini-app citizen. */
export const oaCitizenId = (oaId: string, userId: string) => `zalo-oa:${oaId}:${userId}`;

export const linksFor = (env: Env): Links => miniAppLinks(env.MINIAPP_URL ?? "https://zalo.me/s/mot-cua");

const COUNTED = ["queued", "sending", "sent"] as const;

/**
 * Zalo's reply window for this citizen now. `countQueued`: replies waiting in the outbox use
 * up the window too (deciding whether a new reply fits); at send time only sent ones count.
 */
export async function windowFor(db: Db, oaId: string, userId: string, now: number, countQueued = true): Promise<ReplyWindow & { lastInboundAt: number | null }> {
  const user = await oaUser(db, oaId, userId);
  const last = user?.lastInboundAt ?? null;
  if (last == null) return { ...replyWindow(null, 0, now), lastInboundAt: null };
  const [row] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(zaloOaMessages)
    .where(
      and(
        eq(zaloOaMessages.oaId, oaId),
        eq(zaloOaMessages.userId, userId),
        eq(zaloOaMessages.direction, "out"),
        inArray(zaloOaMessages.status, countQueued ? [...COUNTED] : ["sent", "sending"]),
        gte(zaloOaMessages.createdAt, last),
      ),
    );
  return { ...replyWindow(last, Number(row?.n ?? 0), now), lastInboundAt: last };
}

/** The chat the bot saw (citizen and bot messages), oldest first. */
export async function recentChat(db: Db, oaId: string, userId: string, since: number, limit = 20): Promise<OaMessage[]> {
  const rows = await db
    .select()
    .from(zaloOaMessages)
    .where(and(eq(zaloOaMessages.oaId, oaId), eq(zaloOaMessages.userId, userId), gte(zaloOaMessages.createdAt, since), inArray(zaloOaMessages.author, ["citizen", "bot"])))
    .orderBy(desc(zaloOaMessages.createdAt))
    .limit(limit);
  return rows.reverse();
}

/** Tells the OA's Durable Object there is something to send (best effort: the cron sweep is the backstop). */
export async function kickOutbox(env: Env, oaId: string): Promise<void> {
  if (!env.ZALO_OA) return;
  try {
    await env.ZALO_OA.get(env.ZALO_OA.idFromName(oaId)).kick(oaId);
  } catch {
    // The rows are committed; the alarm or the cron sweep sends them.
  }
}
