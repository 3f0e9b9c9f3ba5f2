import app from "./app";
import { createDb } from "./db/client";
import type { Env } from "./env";
import { runRetention } from "./privacy/retention";

export type { AppType } from "./app";
export { WardInbox } from "./live/ward-inbox";
export { RateLimiter } from "./platform/rate-limiter-do";

export default {
  fetch: app.fetch,
  /** The nightly Cron Trigger: personal data past its retention period (privacy/retention.ts). */
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runRetention(createDb(env.DB), controller.scheduledTime).then(
        (r) => console.log(`retention: ${r.conversations} conversations anonymized, ${r.askLogs} question logs and ${r.accessLogs} access records deleted`),
        (err: Error) => console.error(`retention failed: ${err.name}: ${String(err.message).slice(0, 200)}`),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
