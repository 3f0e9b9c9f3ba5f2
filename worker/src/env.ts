import type { Db } from "./db/client";
import type { WardInbox } from "./live/ward-inbox";
import type { RateLimiter } from "./platform/rate-limiter-do";
import type { ZaloOa } from "./zalo-oa/oa-agent";
import type { SessionUser } from "./platform/session";

/** Bindings declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  /** "development" enables demo-only conveniences; anything else is production. */
  ENVIRONMENT: string;
  /** HMAC key for session tokens (a secret in production; ≥ 32 characters, never the development value). */
  SESSION_SECRET?: string;
  /** Zalo Graph API base URL; tests point it at a local fake. */
  ZALO_GRAPH_URL?: string;
  /** Zalo app secret key, for exchanging phone-number tokens server-side (a secret). */
  ZALO_APP_SECRET?: string;
  /** One Durable Object per ward that pushes "conversation changed" to open sockets. */
  INBOX?: DurableObjectNamespace<WardInbox>;
  /** Exact rate-limit counters (platform/rate-limit.ts). */
  LIMITER?: DurableObjectNamespace<RateLimiter>;
  /** Comma-separated origins allowed by CORS (development adds http://localhost:*). */
  CORS_ORIGINS?: string;
  /** Largest request body accepted, in bytes (default 65536). */
  MAX_BODY_BYTES?: string;
  /** A D1 call that takes longer fails with 503 (default 10000). */
  D1_TIMEOUT_MS?: string;
  /** Rate limits "count/seconds", see platform/rate-limit.ts (RATE_LIMIT_ASK_IP, …). */
  [rateLimit: `RATE_LIMIT_${string}`]: string | undefined;
  /** One Durable Object per Zalo OA: refreshes its tokens one at a time and sends its outbox. */
  ZALO_OA?: DurableObjectNamespace<ZaloOa>;
  /** AES-GCM key (32 bytes, base64) sealing OA secrets and tokens in D1 (a secret). */
  ZALO_OA_KEY?: string;
  /** Zalo OA API and OAuth base URLs; tests, benches and development point them at the fake Zalo. */
  ZALO_OA_API_URL?: string;
  ZALO_OAUTH_URL?: string;
  /** How long a Zalo call may take before it counts as "in doubt" (ms, default 10,000). */
  ZALO_TIMEOUT_MS?: string;
  /** First retry delay of the OA outbox (ms, default 5,000; doubles each attempt). */
  ZALO_RETRY_BASE_MS?: string;
  /** The mini app's Zalo app id: an OA on the same app links its users to mini-app citizens. */
  ZALO_APP_ID?: string;
  /** Where links in Zalo chat open the mini app (https://zalo.me/s/<mini app id>, or the preview). */
  MINIAPP_URL?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { db: Db; user: SessionUser | null };
}
