/**
 * The one place Zalo OA users are rate-limited. Issue 13 adds the platform's rate limiter
 * (worker/src/platform/rate-limit.ts) in parallel; until it is on main this lets every event
 * through. Wire it here, and only here: the webhook calls this before storing an event, and
 * a refused event is acknowledged (so Zalo does not resend it) but not answered.
 */
import type { Env } from "../env";

export async function allowOaUserEvent(env: Env, oaId: string, userId: string): Promise<boolean> {
  void env;
  void oaId;
  void userId;
  return true;
}
