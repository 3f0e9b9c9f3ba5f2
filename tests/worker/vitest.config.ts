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
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          bindings: {
            // Test-only binding: the setup file applies these to each test file's fresh D1.
            TEST_MIGRATIONS: migrations,
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
    },
  };
});
