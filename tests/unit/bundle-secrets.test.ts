// The built mini app ships to every phone: it must hold no secret. Builds it (production
// mode, like `npm run build:miniapp`) into a temporary folder and greps every file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_SESSION_SECRET } from "../../worker/src/platform/session";

const root = path.resolve(import.meta.dirname, "..", "..");
const out = mkdtempSync(path.join(tmpdir(), "mot-cua-bundle-"));
let files: { name: string; text: string }[] = [];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Values that must never reach a client: committed ones, and any local secrets in .dev.vars. */
function secrets(): string[] {
  const list = [DEV_SESSION_SECRET, "demo-motcua"];
  const devVars = path.join(root, ".dev.vars");
  if (existsSync(devVars)) {
    for (const line of readFileSync(devVars, "utf8").split("\n")) {
      const v = /^\s*[A-Z_]+\s*=\s*"?([^"\n]{8,})"?\s*$/.exec(line)?.[1];
      if (v) list.push(v);
    }
  }
  return list;
}

const PATTERNS: [string, RegExp][] = [
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a secret's name", /\b(SESSION_SECRET|ZALO_APP_SECRET|CLOUDFLARE_API_TOKEN)\b/],
  ["the app secret header", /secret_key/],
  ["a signed token", /\beyJ[\w-]{10,}\.[\w-]{20,}/],
  ["password hashing (worker code)", /PBKDF2|deriveBits/],
  ["an API key", /\b(sk_live|AKIA)[\w]{8,}/],
];

beforeAll(async () => {
  await build({ configFile: path.join(root, "miniapp", "vite.config.ts"), logLevel: "silent", build: { outDir: out, emptyOutDir: true } });
  files = walk(out).map((f) => ({ name: path.relative(out, f), text: readFileSync(f, "latin1") }));
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the built mini-app bundle", () => {
  it("was built", () => {
    expect(files.some((f) => f.name.endsWith(".js"))).toBe(true);
  });

  it("contains no secret value", () => {
    for (const s of secrets()) for (const f of files) expect(f.text.includes(s), `${f.name} contains a secret value`).toBe(false);
  });

  it("contains nothing that looks like a secret", () => {
    const hits = files.flatMap((f) => PATTERNS.filter(([, re]) => re.test(f.text)).map(([what]) => `${f.name}: ${what}`));
    expect(hits).toEqual([]);
  });
});
