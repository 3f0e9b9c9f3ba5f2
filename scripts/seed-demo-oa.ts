// Seeds the development demo OA of Phường An Hải (values from .dev.vars, written by
// `npm start`) into local D1, its secrets sealed with ZALO_OA_KEY exactly as the worker
// seals them. It starts with the fake Zalo's seed refresh token, so the first message the
// OA sends refreshes its tokens at the fake. Local only; re-seeded when the values change.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { literal } from "../worker/src/catalog/import-sql";
import { seal, secretContext } from "../worker/src/zalo-oa/secret-box";
// @ts-expect-error plain ESM helper without types
import { ensureDevVars } from "./lib/dev-vars.mjs";
// @ts-expect-error plain ESM helper without types
import { d1ExecuteFile, d1Query } from "./lib/wrangler.mjs";

/** The refresh token the fake Zalo accepts once for the demo app (tests/fake-zalo DEMO_APPS). */
export const DEMO_SEED_REFRESH = "demo-refresh-seed";

export async function seedDemoOa() {
  const v = ensureDevVars() as Record<string, string>;
  const hash = createHash("sha256")
    .update([v.ZALO_OA_KEY, v.DEMO_OA_WARD, v.DEMO_OA_ID, v.DEMO_OA_APP_ID, v.DEMO_OA_APP_SECRET, v.DEMO_OA_SECRET_KEY].join("|"))
    .digest("hex");
  const [row] = d1Query("SELECT value FROM meta WHERE key = 'demo_oa_seed'") as { value: string }[];
  if (row?.value === hash) {
    console.log("Demo Zalo OA already seeded.");
    return;
  }
  const oa = v.DEMO_OA_ID;
  const now = Date.now();
  const values = {
    oa_id: oa,
    ward_code: v.DEMO_OA_WARD,
    app_id: v.DEMO_OA_APP_ID,
    oa_secret_key: await seal(v.ZALO_OA_KEY, v.DEMO_OA_SECRET_KEY, secretContext(oa, "oa_secret_key")),
    app_secret_key: await seal(v.ZALO_OA_KEY, v.DEMO_OA_APP_SECRET, secretContext(oa, "app_secret_key")),
    refresh_token: await seal(v.ZALO_OA_KEY, DEMO_SEED_REFRESH, secretContext(oa, "refresh_token")),
    access_expires_at: 0,
    status: "connected",
    oa_name: "Phường An Hải (OA thử nghiệm)",
    created_at: now,
    updated_at: now,
  };
  const cols = Object.keys(values);
  const statements = [
    `DELETE FROM zalo_oa_configs WHERE ward_code = ${literal(v.DEMO_OA_WARD)} OR oa_id = ${literal(oa)};`,
    `INSERT INTO zalo_oa_configs (${cols.join(", ")}) VALUES (${cols.map((c) => literal(values[c as keyof typeof values])).join(", ")});`,
    `INSERT INTO meta (key, value) VALUES ('demo_oa_seed', ${literal(hash)}) ON CONFLICT(key) DO UPDATE SET value = excluded.value;`,
  ];
  const dir = mkdtempSync(path.join(tmpdir(), "mot-cua-oa-"));
  const file = path.join(dir, "oa.sql");
  writeFileSync(file, statements.join("\n"));
  try {
    d1ExecuteFile(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Seeded the demo Zalo OA ${oa} for ward ${v.DEMO_OA_WARD}.`);
}
