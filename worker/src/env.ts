import type { Db } from "./db/client";
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
}

export interface AppEnv {
  Bindings: Env;
  Variables: { db: Db; user: SessionUser | null };
}
