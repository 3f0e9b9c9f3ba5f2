import app from "./app";
import type { Env } from "./env";
import { sweep } from "./zalo-oa/sweep";

export type { AppType } from "./app";
export { WardInbox } from "./live/ward-inbox";
export { ZaloOa } from "./zalo-oa/oa-agent";

export default {
  fetch: app.fetch,
  // Once a minute: the Zalo OA backstop (events stored but not processed, outboxes not told).
  scheduled: (_controller, env, ctx) => ctx.waitUntil(sweep(env)),
} satisfies ExportedHandler<Env>;
