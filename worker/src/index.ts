import app from "./app";
import { createDb } from "./db/client";
import type { Env } from "./env";
import { RETENTION_CRON, runRetention } from "./privacy/retention";
import { sweep } from "./zalo-oa/sweep";

export type { AppType } from "./app";
export { WardInbox } from "./live/ward-inbox";
export { RateLimiter } from "./platform/rate-limiter-do";
export { ZaloOa } from "./zalo-oa/oa-agent";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    if (controller.cron === RETENTION_CRON) {
      // Personal data past its retention period (privacy/retention.ts).
      ctx.waitUntil(
        runRetention(createDb(env.DB), controller.scheduledTime).then(
          (r) => console.log(`retention: ${r.conversations} conversations anonymized, ${r.askLogs} question logs and ${r.accessLogs} access records deleted`),
          (err: Error) => console.error(`retention failed: ${err.name}: ${String(err.message).slice(0, 200)}`),
        ),
      );
      return;
    }
    // Once a minute: the Zalo OA backstop (events stored but not processed, outboxes not told).
    ctx.waitUntil(sweep(env));
  },
} satisfies ExportedHandler<Env>;
