// Seeds the development demo: ward profiles (hours, hotline) and clearly fictional officers
// for a few real wards, from data/demo/ward-contacts.json. Local only unless --remote --demo.
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { insertStatements, literal, upsertSuffix } from "../worker/src/catalog/import-sql";
import { demoAccountRows, demoContactRows, type DemoContacts } from "../worker/src/contact/demo-rows";
import { officers, staffAccounts, wardProfiles } from "../worker/src/db/schema";
import { PBKDF2_ITERATIONS } from "../worker/src/platform/password";
// @ts-expect-error plain ESM helper without types
import { d1ExecuteFile, ROOT } from "./lib/wrangler.mjs";

export const DEMO_FILE = path.join(ROOT, "data", "demo", "ward-contacts.json");

export function demoHash(): string {
  return createHash("sha256").update(readFileSync(DEMO_FILE)).digest("hex");
}

export function seedDemo({ remote = false } = {}) {
  const data = JSON.parse(readFileSync(DEMO_FILE, "utf8")) as DemoContacts;
  const { profiles, people } = demoContactRows(data);
  // Same PBKDF2-SHA256 parameters as the worker's WebCrypto verification.
  const accounts = demoAccountRows(data, () => {
    const salt = randomBytes(16);
    return {
      passwordHash: pbkdf2Sync(data._demoPassword, salt, PBKDF2_ITERATIONS, 32, "sha256").toString("base64"),
      salt: salt.toString("base64"),
      iterations: PBKDF2_ITERATIONS,
    };
  });
  const statements = [
    "DELETE FROM staff_accounts WHERE demo = 1;",
    "DELETE FROM officers WHERE demo = 1 AND id NOT IN (SELECT assigned_officer_id FROM conversations WHERE assigned_officer_id IS NOT NULL);",
    ...insertStatements(wardProfiles, profiles, upsertSuffix(wardProfiles, ["ward_code"])),
    ...insertStatements(officers, people, upsertSuffix(officers, ["id"])),
    ...insertStatements(staffAccounts, accounts),
    `INSERT INTO meta (key, value) VALUES ('demo_contacts_seed', ${literal(demoHash())}) ON CONFLICT(key) DO UPDATE SET value = excluded.value;`,
  ];
  const dir = mkdtempSync(path.join(tmpdir(), "mot-cua-demo-"));
  const file = path.join(dir, "demo.sql");
  writeFileSync(file, statements.join("\n"));
  try {
    d1ExecuteFile(file, { remote });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Seeded demo contacts for ${profiles.length} wards (${people.length} fictional officers).`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) seedDemo({ remote: process.argv.includes("--remote") });
