import type { Db } from "./db/client";
import type { WardInbox } from "./live/ward-inbox";
import type { SessionUser } from "./platform/session";

/** Bindings declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  /** "development" enables demo-only conveniences; anything else is production. */
  ENVIRONMENT: string;
  /** HMAC key for session tokens (a secret in production). */
  SESSION_SECRET?: string;
  /** Zalo Graph API base URL; tests point it at a local fake. */
  ZALO_GRAPH_URL?: string;
  /** Zalo app secret key, for exchanging phone-number tokens server-side (a secret). */
  ZALO_APP_SECRET?: string;
  /** One Durable Object per ward that pushes "conversation changed" to open sockets. */
  INBOX?: DurableObjectNamespace<WardInbox>;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { db: Db; user: SessionUser | null };
}
