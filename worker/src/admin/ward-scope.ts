import type { Context } from "hono";
import type { AppEnv } from "../env";
import { requireUser } from "../platform/auth";
import { ApiError } from "../platform/errors";

/**
 * The ward a manager acts on: a ward admin only ever their own; a system admin names it
 * (`?ward=`). Officers and citizens are refused.
 */
export function managedWard(c: Context<AppEnv>): { ward: string; userId: string } {
  const user = requireUser(c, ["ward_admin", "system_admin"]);
  const ward = user.role === "system_admin" ? c.req.query("ward") : user.ward;
  if (!ward || !/^\d{5}$/.test(ward)) throw new ApiError(400, "invalid_input", "Cần chọn xã, phường.");
  return { ward, userId: user.sub };
}
