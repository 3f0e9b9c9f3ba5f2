import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { officers, staffAccounts } from "../db/schema";
import type { AppEnv } from "../env";
import { requireUser, revokeSessions } from "../platform/auth";
import { ApiError, notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { sha256Hex } from "./link-code";

export const LINK_CODE_TTL_MS = 15 * 60 * 1000;
const idParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });

/** A ward admin manages only the accounts of their own ward (system admins name the ward). */
function wardOf(c: { req: { query: (k: string) => string | undefined } }, user: { role: string; ward?: string }): string {
  const ward = user.role === "system_admin" ? c.req.query("ward") : user.ward;
  if (!ward || !/^\d{5}$/.test(ward)) throw new ApiError(400, "invalid_input", "Cần chọn xã, phường.");
  return ward;
}

export const staffRoutes = new Hono<AppEnv>()
  .get("/accounts", async (c) => {
    const user = requireUser(c, ["ward_admin", "system_admin"]);
    const ward = wardOf(c, user);
    const rows = await c
      .get("db")
      .select({ id: staffAccounts.id, username: staffAccounts.username, role: staffAccounts.role, officerName: officers.name, zaloId: staffAccounts.zaloId })
      .from(staffAccounts)
      .leftJoin(officers, eq(officers.id, staffAccounts.officerId))
      .where(eq(staffAccounts.wardCode, ward))
      .orderBy(staffAccounts.username);
    // Whether a Zalo identity is linked, never the identity itself.
    return c.json({ items: rows.map(({ zaloId, ...r }) => ({ ...r, zaloLinked: zaloId != null })) });
  })
  .post("/accounts/:id/link-code", validate("param", idParam), async (c) => {
    const user = requireUser(c, ["ward_admin", "system_admin"]);
    const ward = wardOf(c, user);
    const db = c.get("db");
    const { id } = c.req.valid("param");
    const [account] = await db.select({ id: staffAccounts.id }).from(staffAccounts).where(and(eq(staffAccounts.id, id), eq(staffAccounts.wardCode, ward)));
    if (!account) throw notFound("Không tìm thấy tài khoản cán bộ này.");
    // 8 random digits, shown once to the admin, stored only as a hash, valid 15 minutes, single use.
    const n = crypto.getRandomValues(new Uint32Array(1))[0] % 100_000_000;
    const code = String(n).padStart(8, "0");
    const expiresAt = Date.now() + LINK_CODE_TTL_MS;
    await db.update(staffAccounts).set({ linkCodeHash: await sha256Hex(code), linkCodeExpires: expiresAt, linkCodeTries: 0 }).where(eq(staffAccounts.id, id));
    return c.json({ code, expiresAt });
  })
  .delete("/accounts/:id/zalo", validate("param", idParam), async (c) => {
    const user = requireUser(c, ["ward_admin", "system_admin"]);
    const ward = wardOf(c, user);
    const db = c.get("db");
    const { id } = c.req.valid("param");
    const [account] = await db.select({ id: staffAccounts.id }).from(staffAccounts).where(and(eq(staffAccounts.id, id), eq(staffAccounts.wardCode, ward)));
    if (!account) throw notFound("Không tìm thấy tài khoản cán bộ này.");
    await db.update(staffAccounts).set({ zaloId: null, linkCodeHash: null, linkCodeExpires: null }).where(eq(staffAccounts.id, id));
    // Sessions opened with that Zalo identity end too.
    await revokeSessions(db, id);
    return c.json({ ok: true as const });
  });
