import type { Db } from "./db/client";

/** Bindings declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  /** "development" enables demo-only conveniences; anything else is production. */
  ENVIRONMENT: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { db: Db };
}
