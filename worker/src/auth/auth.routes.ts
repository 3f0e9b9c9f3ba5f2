import { and, eq, gt } from "drizzle-orm";
import { sha256Hex } from "../admin/link-code";
import { Hono } from "hono";
import { z } from "zod";
import { staffAccounts } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../platform/errors";
import { fromBase64, hashPassword, timingSafeEqual } from "../platform/password";
import { signSession } from "../platform/session";
import { validate } from "../platform/validate";
import { zaloUserId } from "../platform/zalo-graph";

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

function secretOf(env: AppEnv["Bindings"]): string {
  if (!env.SESSION_SECRET) throw new ApiError(503, "auth_unavailable", "Đăng nhập tạm thời chưa sẵn sàng, bạn thử lại sau.");
  return env.SESSION_SECRET;
}

/** The caller's Zalo identity: verified at Zalo, or "dev-<id>" in development only. */
async function zaloIdentity(env: AppEnv["Bindings"], accessToken: string): Promise<string | null> {
  // The browser preview has no Zalo: development accepts "dev-<id>" tokens, nothing else does.
  const dev = env.ENVIRONMENT === "development" ? /^dev-([\w-]{1,40})$/.exec(accessToken) : null;
  if (dev) return `dev:${dev[1]}`;
  const id = await zaloUserId(accessToken, env.ZALO_GRAPH_URL);
  return id ? `zalo:${id}` : null;
}

export const authRoutes = new Hono<AppEnv>()
  .post("/zalo", validate("json", z.object({ accessToken: z.string().min(1).max(4096) })), async (c) => {
    const { accessToken } = c.req.valid("json");
    const secret = secretOf(c.env);
    const id = await zaloIdentity(c.env, accessToken);
    if (!id) throw new ApiError(401, "invalid_token", "Không xác minh được tài khoản Zalo của bạn.");
    return c.json({ token: await signSession({ sub: id, role: "citizen" }, secret) });
  })
  .post(
    "/login",
    validate("json", z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })),
    async (c) => {
      const { username, password } = c.req.valid("json");
      const secret = secretOf(c.env);
      const db = c.get("db");
      const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username.trim().toLowerCase()));
      const now = Date.now();
      if (account?.lockedUntil && account.lockedUntil > now) {
        throw new ApiError(429, "locked", "Tài khoản tạm khóa do nhập sai nhiều lần. Bạn thử lại sau 15 phút.");
      }
      // Hash even for unknown users so timing does not reveal which usernames exist.
      const salt = account ? fromBase64(account.salt) : new Uint8Array(16);
      const hash = await hashPassword(password, salt, account?.iterations);
      const ok = !!account && timingSafeEqual(hash, fromBase64(account.passwordHash));
      if (!ok) {
        if (account) {
          const failures = account.failedAttempts + 1;
          await db
            .update(staffAccounts)
            .set({ failedAttempts: failures, lockedUntil: failures >= MAX_FAILURES ? now + LOCK_MS : null })
            .where(eq(staffAccounts.id, account.id));
        }
        throw new ApiError(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
      }
      if (account.failedAttempts || account.lockedUntil) {
        await db.update(staffAccounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staffAccounts.id, account.id));
      }
      const token = await signSession(
        { sub: account.id, role: account.role, ward: account.wardCode ?? undefined, officer: account.officerId ?? undefined },
        secret,
      );
      return c.json({ token, role: account.role, wardCode: account.wardCode });
    },
  )
  /**
   * Officer sign-in with the Zalo identity the ward admin linked. The first time, the officer
   * enters the one-time code the admin gave them; afterwards Zalo alone signs them in.
   */
  .post(
    "/zalo-staff",
    validate("json", z.object({ accessToken: z.string().min(1).max(4096), linkCode: z.string().regex(/^\d{8}$/).optional() })),
    async (c) => {
      const { accessToken, linkCode } = c.req.valid("json");
      const secret = secretOf(c.env);
      const db = c.get("db");
      const zaloId = await zaloIdentity(c.env, accessToken);
      if (!zaloId) throw new ApiError(401, "invalid_token", "Không xác minh được tài khoản Zalo của bạn.");
      if (linkCode) {
        const [pending] = await db
          .select({ id: staffAccounts.id })
          .from(staffAccounts)
          .where(and(eq(staffAccounts.linkCodeHash, await sha256Hex(linkCode)), gt(staffAccounts.linkCodeExpires, Date.now())));
        if (!pending) throw new ApiError(401, "invalid_link_code", "Mã liên kết không đúng hoặc đã hết hạn. Bạn xin quản trị phường mã mới.");
        const [taken] = await db.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.zaloId, zaloId));
        if (taken && taken.id !== pending.id) throw new ApiError(409, "zalo_already_linked", "Tài khoản Zalo này đã liên kết với một tài khoản cán bộ khác.");
        await db.update(staffAccounts).set({ zaloId, linkCodeHash: null, linkCodeExpires: null }).where(eq(staffAccounts.id, pending.id));
      }
      const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.zaloId, zaloId));
      if (!account) throw new ApiError(401, "not_linked", "Tài khoản Zalo này chưa liên kết với tài khoản cán bộ. Bạn xin quản trị phường mã liên kết.");
      const token = await signSession(
        { sub: account.id, role: account.role, ward: account.wardCode ?? undefined, officer: account.officerId ?? undefined },
        secret,
      );
      return c.json({ token, role: account.role, wardCode: account.wardCode });
    },
  );
