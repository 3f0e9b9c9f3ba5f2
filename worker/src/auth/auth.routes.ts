import { and, eq, gt, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { LINK_CODE_MAX_TRIES, sha256Hex } from "../admin/link-code";
import { staffAccounts } from "../db/schema";
import type { AppEnv } from "../env";
import { requireUser, revokeSessions, sessionVersion, signingSecret } from "../platform/auth";
import { ApiError } from "../platform/errors";
import { fromBase64, hashPassword, timingSafeEqual } from "../platform/password";
import { clientIp, enforce, retryText } from "../platform/rate-limit";
import { signSession } from "../platform/session";
import { validate } from "../platform/validate";
import { zaloUserId } from "../platform/zalo-graph";

/** Failures before each further try waits; the wait doubles per failure, up to MAX_DELAY_MS. */
export const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 60 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;

/** Tokens are opaque printable ASCII; anything else (control characters) is refused here, not at Zalo. */
const accessToken = z.string().min(1).max(4096).regex(/^[\x21-\x7e]+$/);

/** The caller's Zalo identity: verified at Zalo, or "dev-<id>" in development only. */
async function zaloIdentity(env: AppEnv["Bindings"], token: string): Promise<string | null> {
  // The browser preview has no Zalo: development accepts "dev-<id>" tokens, nothing else does.
  const dev = env.ENVIRONMENT === "development" ? /^dev-([\w-]{1,40})$/.exec(token) : null;
  if (dev) return `dev:${dev[1]}`;
  const id = await zaloUserId(token, env.ZALO_GRAPH_URL);
  return id ? `zalo:${id}` : null;
}

type Account = typeof staffAccounts.$inferSelect;

async function staffToken(c: { env: AppEnv["Bindings"]; get: (k: "db") => AppEnv["Variables"]["db"] }, account: Account) {
  const v = await sessionVersion(c.get("db"), account.id);
  return signSession(
    { sub: account.id, role: account.role, ward: account.wardCode ?? undefined, officer: account.officerId ?? undefined, v },
    signingSecret(c.env),
  );
}

const locked = (until: number, now: number) => {
  const s = Math.max(1, Math.ceil((until - now) / 1000));
  return new ApiError(429, "locked", `Tài khoản tạm khóa do nhập sai nhiều lần. Bạn thử lại sau ${retryText(s)}.`, s);
};

export const authRoutes = new Hono<AppEnv>()
  .post("/zalo", validate("json", z.object({ accessToken })), async (c) => {
    const { accessToken: token } = c.req.valid("json");
    const secret = signingSecret(c.env);
    const id = await zaloIdentity(c.env, token);
    if (!id) throw new ApiError(401, "invalid_token", "Không xác minh được tài khoản Zalo của bạn.");
    const v = await sessionVersion(c.get("db"), id);
    return c.json({ token: await signSession({ sub: id, role: "citizen", v }, secret) });
  })
  .post(
    "/login",
    validate("json", z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })),
    async (c) => {
      const { username, password } = c.req.valid("json");
      signingSecret(c.env);
      await enforce(c, "login_ip", clientIp(c));
      const db = c.get("db");
      const name = username.trim().toLowerCase();
      const now = Date.now();
      // Reserve the attempt before checking the password: counted as a failure in one atomic
      // UPDATE (undone on success), so parallel guesses cannot all slip under the limit.
      const failures = sql`${staffAccounts.failedAttempts} + 1`;
      const [account] = await db
        .update(staffAccounts)
        .set({
          failedAttempts: failures,
          lockedUntil: sql`CASE WHEN ${failures} >= ${FREE_FAILURES} THEN ${now} + MIN(${MAX_DELAY_MS}, ${FIRST_DELAY_MS} * (1 << MIN(20, ${failures} - ${FREE_FAILURES}))) ELSE NULL END`,
        })
        .where(and(eq(staffAccounts.username, name), or(isNull(staffAccounts.lockedUntil), lte(staffAccounts.lockedUntil, now))))
        .returning();
      if (!account) {
        const [existing] = await db.select({ lockedUntil: staffAccounts.lockedUntil }).from(staffAccounts).where(eq(staffAccounts.username, name));
        if (existing?.lockedUntil && existing.lockedUntil > now) throw locked(existing.lockedUntil, now);
        // Hash anyway so timing does not reveal which usernames exist.
        await hashPassword(password, new Uint8Array(16));
        throw new ApiError(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
      }
      const hash = await hashPassword(password, fromBase64(account.salt), account.iterations);
      if (!timingSafeEqual(hash, fromBase64(account.passwordHash))) {
        throw new ApiError(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
      }
      await db.update(staffAccounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staffAccounts.id, account.id));
      return c.json({ token: await staffToken(c, account), role: account.role, wardCode: account.wardCode });
    },
  )
  /** Ends every session of the caller (all devices). */
  .post("/logout", async (c) => {
    const user = requireUser(c);
    await revokeSessions(c.get("db"), user.sub);
    return c.json({ ok: true as const });
  })
  /**
   * Officer sign-in with the Zalo identity the ward admin linked. The first time, the officer
   * enters their username and the one-time code the admin gave them; afterwards Zalo alone
   * signs them in. A code is checked against that account only and dies after 5 wrong tries.
   */
  .post(
    "/zalo-staff",
    validate(
      "json",
      z
        .object({ accessToken, linkCode: z.string().regex(/^\d{8}$/).optional(), username: z.string().trim().min(1).max(100).optional() })
        .refine((b) => !b.linkCode || b.username, { message: "username", path: ["username"] }),
    ),
    async (c) => {
      const { accessToken: token, linkCode, username } = c.req.valid("json");
      signingSecret(c.env);
      await enforce(c, "login_ip", clientIp(c));
      const db = c.get("db");
      const zaloId = await zaloIdentity(c.env, token);
      if (!zaloId) throw new ApiError(401, "invalid_token", "Không xác minh được tài khoản Zalo của bạn.");
      if (linkCode && username) {
        await enforce(c, "link_identity", zaloId);
        const invalid = new ApiError(401, "invalid_link_code", "Tên đăng nhập hoặc mã liên kết không đúng, hoặc mã đã hết hạn. Bạn xin quản trị phường mã mới.");
        const now = Date.now();
        // Count the try first, atomically: parallel guesses each use one of the code's tries.
        const [pending] = await db
          .update(staffAccounts)
          .set({ linkCodeTries: sql`${staffAccounts.linkCodeTries} + 1` })
          .where(
            and(
              eq(staffAccounts.username, username.toLowerCase()),
              isNotNull(staffAccounts.linkCodeHash),
              gt(staffAccounts.linkCodeExpires, now),
              lt(staffAccounts.linkCodeTries, LINK_CODE_MAX_TRIES),
            ),
          )
          .returning({ id: staffAccounts.id, hash: staffAccounts.linkCodeHash, tries: staffAccounts.linkCodeTries });
        if (!pending?.hash) throw invalid;
        const given = await sha256Hex(linkCode);
        const enc = new TextEncoder();
        if (!timingSafeEqual(enc.encode(given), enc.encode(pending.hash))) {
          if (pending.tries >= LINK_CODE_MAX_TRIES) {
            await db.update(staffAccounts).set({ linkCodeHash: null, linkCodeExpires: null }).where(eq(staffAccounts.id, pending.id));
          }
          throw invalid;
        }
        const [taken] = await db.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.zaloId, zaloId));
        if (taken && taken.id !== pending.id) throw new ApiError(409, "zalo_already_linked", "Tài khoản Zalo này đã liên kết với một tài khoản cán bộ khác.");
        // Single use even under a race: only the request that still sees the code links.
        const linked = await db
          .update(staffAccounts)
          .set({ zaloId, linkCodeHash: null, linkCodeExpires: null, linkCodeTries: 0 })
          .where(and(eq(staffAccounts.id, pending.id), eq(staffAccounts.linkCodeHash, pending.hash)))
          .returning({ id: staffAccounts.id })
          .catch((err: Error) => {
            if (/UNIQUE/.test(String((err.cause as Error | undefined)?.message ?? err.message))) {
              throw new ApiError(409, "zalo_already_linked", "Tài khoản Zalo này đã liên kết với một tài khoản cán bộ khác.");
            }
            throw err;
          });
        if (!linked.length) throw invalid;
      }
      const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.zaloId, zaloId));
      if (!account) throw new ApiError(401, "not_linked", "Tài khoản Zalo này chưa liên kết với tài khoản cán bộ. Bạn xin quản trị phường mã liên kết.");
      return c.json({ token: await staffToken(c, account), role: account.role, wardCode: account.wardCode });
    },
  );
