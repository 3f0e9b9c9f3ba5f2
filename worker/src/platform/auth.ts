import { eq, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client";
import { sessionVersions } from "../db/schema";
import type { AppEnv, Env } from "../env";
import { ApiError } from "./errors";
import { DEV_SESSION_SECRET, verifySession, type Role, type SessionUser } from "./session";

/**
 * The signing key, or null when there is none the worker may use: outside development a
 * missing, short or committed development secret is refused, so a deploy that forgot
 * `wrangler secret put SESSION_SECRET` cannot issue forgeable tokens.
 */
export function usableSecret(env: Env): string | null {
  const s = env.SESSION_SECRET;
  if (!s) return null;
  if (env.ENVIRONMENT === "development") return s;
  return s.length >= 32 && s !== DEV_SESSION_SECRET ? s : null;
}

let warned = false;
export function signingSecret(env: Env): string {
  const s = usableSecret(env);
  if (!s) {
    if (!warned) console.error("SESSION_SECRET is missing or a development value outside development: sign-in refused");
    warned = true;
    throw new ApiError(503, "auth_unavailable", "Đăng nhập tạm thời chưa sẵn sàng, bạn thử lại sau.", 60);
  }
  return s;
}

/** How long a subject's session version is trusted from this isolate's memory. */
const VERSION_TTL_MS = 10_000;
const MAX_CACHED = 5_000;
const versions = new Map<string, { v: number; at: number }>();

export async function sessionVersion(db: Db, sub: string, now = Date.now()): Promise<number> {
  const hit = versions.get(sub);
  if (hit && now - hit.at < VERSION_TTL_MS) return hit.v;
  const [row] = await db.select({ v: sessionVersions.version }).from(sessionVersions).where(eq(sessionVersions.sub, sub));
  const v = row?.v ?? 0;
  if (versions.size >= MAX_CACHED) versions.delete(versions.keys().next().value!);
  versions.set(sub, { v, at: now });
  return v;
}

/** Revokes every session of `sub` (logout, erasure, unlink); returns the new version. */
export async function revokeSessions(db: Db, sub: string, now = Date.now()): Promise<number> {
  const [row] = await db
    .insert(sessionVersions)
    .values({ sub, version: 1, updatedAt: now })
    .onConflictDoUpdate({ target: sessionVersions.sub, set: { version: sql`${sessionVersions.version} + 1`, updatedAt: now } })
    .returning({ v: sessionVersions.version });
  versions.set(sub, { v: row.v, at: now });
  return row.v;
}

/** For tests that change versions behind the cache. */
export function resetSessionCache() {
  versions.clear();
}

/** Reads the bearer token, if any; routes decide what they require. */
export const readSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : null;
  const secret = token ? usableSecret(c.env) : null;
  let user = token && secret ? await verifySession(token, secret) : null;
  // Live tickets travel in URLs, so they never work as a bearer session.
  if (user?.use) user = null;
  if (user && (user.v ?? 0) !== (await sessionVersion(c.get("db"), user.sub))) user = null;
  c.set("user", user);
  await next();
};

export function requireUser(c: Context<AppEnv>, roles?: Role[]): SessionUser {
  const user = c.get("user");
  if (!user) throw new ApiError(401, "unauthorized", "Bạn cần đăng nhập để dùng chức năng này.");
  if (roles && !roles.includes(user.role)) throw new ApiError(403, "forbidden", "Bạn không có quyền thực hiện việc này.");
  return user;
}

export const isStaff = (u: SessionUser) => u.role === "officer" || u.role === "ward_admin" || u.role === "system_admin";
