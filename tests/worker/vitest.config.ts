import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..", "..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "drizzle"));
  return {
    root,
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.toml"), environment: "dev" },
        miniflare: {
          bindings: {
            // Test-only binding: the setup file applies these to each test file's fresh D1.
            TEST_MIGRATIONS: migrations,
            // Fuzz size and seed (npm run fuzz raises the count).
            FUZZ_RUNS: process.env.FUZZ_RUNS ?? "3000",
            FUZZ_SEED: process.env.FUZZ_SEED ?? "20260613",
            // Not the committed development value, so tests that switch ENVIRONMENT to
            // production keep working sessions (production refuses the development secret).
            SESSION_SECRET: "test-only-session-secret-0123456789abcdef",
            // Feature tests send many requests from one "client"; the limits themselves are
            // tested with wrangler.toml's values in rate-limits.test.ts.
            RATE_LIMIT_ASK_IP: "100000/60",
            RATE_LIMIT_LOGIN_IP: "100000/60",
            RATE_LIMIT_LINK_IDENTITY: "100000/60",
            RATE_LIMIT_CONVERSATION_CITIZEN: "100000/60",
            RATE_LIMIT_MESSAGE_CITIZEN: "100000/60",
          },
        },
      }),
    ],
    test: {
      include: ["tests/worker/**/*.test.ts"],
      setupFiles: ["tests/worker/apply-migrations.ts"],
      // The concurrency, fault and matrix tests send hundreds of requests; files run in parallel.
      testTimeout: 30_000,
    },
  };
});
