import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";
import { verifySession, type Role, type SessionUser } from "./session";

/** Reads the bearer token, if any; routes decide what they require. */
export const readSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : null;
  const user = token && c.env.SESSION_SECRET ? await verifySession(token, c.env.SESSION_SECRET) : null;
  // Live tickets travel in URLs, so they never work as a bearer session.
  c.set("user", user && !user.use ? user : null);
  await next();
};

export function requireUser(c: Context<AppEnv>, roles?: Role[]): SessionUser {
  const user = c.get("user");
  if (!user) throw new ApiError(401, "unauthorized", "Bạn cần đăng nhập để dùng chức năng này.");
  if (roles && !roles.includes(user.role)) throw new ApiError(403, "forbidden", "Bạn không có quyền thực hiện việc này.");
  return user;
}

export const isStaff = (u: SessionUser) => u.role === "officer" || u.role === "ward_admin" || u.role === "system_admin";
