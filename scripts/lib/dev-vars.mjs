// Development secrets in .dev.vars (git-ignored; wrangler dev reads it). `npm start`, the
// browser tests and the benches make sure it has what the Zalo OA channel needs: the key that
// seals OA secrets at rest, and the demo OA of Phường An Hải (app demo-app, OA demo-oa-anhai,
// OA secret key demo-oa-secret) that the local fake Zalo knows. Existing values are kept.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./wrangler.mjs";

export const DEV_VARS = path.join(ROOT, ".dev.vars");

const DEFAULTS = () => ({
  // 32 random bytes: AES-GCM key for OA secrets and tokens in local D1 (production: a Worker secret).
  ZALO_OA_KEY: randomBytes(32).toString("base64"),
  // The mini app's Zalo app in development: the demo OA uses the same app, so its users link.
  ZALO_APP_ID: "demo-app",
  DEMO_OA_WARD: "11617",
  DEMO_OA_ID: "demo-oa-anhai",
  DEMO_OA_APP_ID: "demo-app",
  DEMO_OA_APP_SECRET: "demo-app-secret",
  DEMO_OA_SECRET_KEY: "demo-oa-secret",
});

export function readDevVars() {
  if (!existsSync(DEV_VARS)) return {};
  const vars = {};
  for (const line of readFileSync(DEV_VARS, "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

export function ensureDevVars() {
  const vars = readDevVars();
  const missing = Object.entries(DEFAULTS()).filter(([k]) => !(k in vars));
  if (missing.length) {
    const header = existsSync(DEV_VARS) ? "" : "# Development only (git-ignored). Production sets secrets with `npm run wrangler -- secret put NAME`.\n";
    const text = (existsSync(DEV_VARS) ? readFileSync(DEV_VARS, "utf8").replace(/\n?$/, "\n") : header) + missing.map(([k, v]) => `${k}=${v}`).join("\n") + "\n";
    writeFileSync(DEV_VARS, text);
    for (const [k, v] of missing) vars[k] = v;
  }
  return vars;
}
