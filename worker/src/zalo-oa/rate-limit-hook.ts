/**
 * The one place Zalo OA users are rate-limited, with the platform's limiter
 * (worker/src/platform/rate-limit.ts, rule `oa_user`, `RATE_LIMIT_OA_USER` in wrangler.toml,
 * default 20 events a minute per OA user). The webhook calls this before storing an event; a
 * refused event is acknowledged (so Zalo does not resend it) but not answered.
 */
import type { Env } from "../env";
import { hit } from "../platform/rate-limit";

export async function allowOaUserEvent(env: Env, oaId: string, userId: string): Promise<boolean> {
  return (await hit(env, "oa_user", `${oaId}:${userId}`)).ok;
}
