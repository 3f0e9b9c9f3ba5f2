// Seeds the 34 provinces and 3,321 commune-level units (after the 1 July 2025 reform) into D1.
//
//   tsx scripts/seed-wards.ts [--remote]
//
// Source: data/wards/*.csv, joined from MIT-licensed datasets (see data/wards/licenses/).
import { parse } from "csv-parse/sync";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { provinces, wards } from "../worker/src/db/schema";
import { searchKey } from "../worker/src/text/fold";
// @ts-expect-error plain ESM helper without types
import { d1ExecuteFile, ROOT } from "./lib/wrangler.mjs";
import { insertStatements, literal, upsertSuffix } from "../worker/src/catalog/import-sql";
import { createHash } from "node:crypto";

const DIR = path.join(ROOT, "data", "wards");
type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse(readFileSync(path.join(DIR, file)), { columns: true, skip_empty_lines: true }) as Row[];
}

const num = (v: string) => (v && Number.isFinite(Number(v)) ? Number(v) : null);

export function wardSeedRows() {
  const provinceRows = readCsv("provinces-2025.csv").map((p) => {
    // Names changed on 30/04/2026 (e.g. Đồng Nai became a city); use the current name.
    const name = p.name_after_2026_04_30 || p.name;
    return { code: p.code, name, shortName: p.short_name, searchKey: searchKey(`${name} ${p.short_name}`) };
  });
  const provinceName = new Map(provinceRows.map((p) => [p.code, p.name]));
  const wardRows = readCsv("wards-2025.csv").map((w) => {
    const type = w.type_after_2026_04_30 || w.type;
    const name = type === w.type ? w.name : `${type} ${w.short_name}`;
    return {
      code: w.code,
      name,
      shortName: w.short_name,
      type,
      provinceCode: w.province_code,
      lat: num(w.lat),
      lon: num(w.lon),
      adminCenterAddress: w.admin_center_address_bando || null,
      mergedFrom: w.merged_from_text_bando || null,
      searchKey: searchKey(`${name} ${provinceName.get(w.province_code) ?? ""}`),
    };
  });
  return { provinceRows, wardRows };
}

export function wardsHash(): string {
  const h = createHash("sha256");
  for (const f of ["provinces-2025.csv", "wards-2025.csv"]) h.update(readFileSync(path.join(DIR, f)));
  return h.digest("hex");
}

export function seedWards({ remote = false } = {}) {
  const { provinceRows, wardRows } = wardSeedRows();
  const statements = [
    ...insertStatements(provinces, provinceRows, upsertSuffix(provinces, ["code"])),
    ...insertStatements(wards, wardRows, upsertSuffix(wards, ["code"])),
    `INSERT INTO meta (key, value) VALUES ('wards_seed', ${literal(wardsHash())}) ON CONFLICT(key) DO UPDATE SET value = excluded.value;`,
  ];
  const dir = mkdtempSync(path.join(tmpdir(), "mot-cua-wards-"));
  const file = path.join(dir, "wards.sql");
  writeFileSync(file, statements.join("\n"));
  try {
    d1ExecuteFile(file, { remote });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Seeded ${provinceRows.length} provinces and ${wardRows.length} wards.`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) seedWards({ remote: process.argv.includes("--remote") });
