import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Storage is reset per test file; setup files run before each file, so every file starts
// from a freshly migrated, empty D1.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
