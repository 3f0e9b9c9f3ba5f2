// Prepares D1: applies migrations, then seeds wards and the catalog unless the seeded
// content hashes already match the shipped files (so a second start is fast).
//
//   tsx scripts/db-setup.ts [--remote] [--no-catalog]
import path from "node:path";
import { catalogSeedKey, importCatalog } from "./catalog-import";
import { DEFAULT_CATALOG } from "./lib/catalog-file";
// @ts-expect-error plain ESM helper without types
import { d1Query, d1Target, wranglerSync } from "./lib/wrangler.mjs";
import { demoHash, seedDemo } from "./seed-demo";
import { seedDemoOa } from "./seed-demo-oa";
import { seedWards, wardsHash } from "./seed-wards";

export async function setupDb({ remote = false, demo, catalog = true }: { remote?: boolean; demo?: boolean; catalog?: boolean } = {}) {
  demo ??= !remote;
  const t0 = performance.now();
  wranglerSync(["d1", "migrations", "apply", "DB", ...d1Target(remote)], { capture: true });
  const seeded = new Map(
    (d1Query("SELECT key, value FROM meta", { remote }) as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  if (seeded.get("wards_seed") !== wardsHash()) seedWards({ remote });
  else console.log("Wards already seeded.");
  if (!catalog) console.log("Catalog skipped (--no-catalog).");
  else if (seeded.get("catalog_seed") !== catalogSeedKey(DEFAULT_CATALOG)) {
    console.log("Importing the procedure catalog (first run takes about a minute)…");
    importCatalog(DEFAULT_CATALOG, { remote, quiet: false });
  } else console.log("Catalog already imported.");
  // Fictional demo officers exist only locally, unless a deployment asks for them explicitly.
  if (demo && seeded.get("demo_contacts_seed") !== demoHash()) seedDemo({ remote });
  // The demo Zalo OA talks to the local fake Zalo only: never seeded remotely.
  if (demo && !remote) await seedDemoOa();
  console.log(`D1 ready in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const remote = process.argv.includes("--remote");
  await setupDb({ remote, demo: !remote || process.argv.includes("--demo"), catalog: !process.argv.includes("--no-catalog") });
}
