import { randomBytes } from "node:crypto";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { startFakeZalo } from "../fake-zalo/fake-zalo.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "drizzle"));
  // One local fake Zalo for the run (test files register their own OA and app on it, so
  // files running in parallel never see each other's calls). Never the internet.
  const fake = await startFakeZalo({ quiet: true });
  fake.server.unref();
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
            RATE_LIMIT_OA_USER: "100000/60",
            FAKE_ZALO_URL: fake.url,
            ZALO_OA_API_URL: fake.url,
            ZALO_OAUTH_URL: fake.url,
            ZALO_OA_KEY: randomBytes(32).toString("base64"),
            ZALO_TIMEOUT_MS: "400",
            ZALO_RETRY_BASE_MS: "40",
            ZALO_APP_ID: "app-miniapp",
            MINIAPP_URL: "https://zalo.me/s/test-miniapp",
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
