// `npm run knowledge:coverage`: how much everyday knowledge (data/knowledge/everyday.jsonl)
// the catalog has — how many procedures have how many aliases and situations, and which
// commune-level ones have none — → bench/everyday-coverage.md.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLevels } from "../worker/src/catalog/portal-parser";
import { NOT_AT_WARD_CENTRE } from "../worker/src/catalog/ward-fields";
import { readRecords } from "./lib/catalog-file";
import { readEveryday } from "./lib/knowledge-file";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const knowledge = readEveryday();
const records = readRecords().map((r) => ({ code: r.ma_thu_tuc, name: r.ten_thu_tuc.trim(), field: (r.linh_vuc || "").normalize("NFC"), levels: parseLevels(r.cap_thuc_hien) }));
const commune = records.filter((r) => r.levels.includes("xa"));
const atWard = commune.filter((r) => !NOT_AT_WARD_CENTRE.has(r.field));
const higher = records.filter((r) => !r.levels.includes("xa") && knowledge.has(r.code));

const bucket = (n: number) => (n >= 5 ? "5+" : String(n));
function histogram(rows: typeof records, count: (code: string) => number) {
  const h = new Map<string, number>();
  for (const r of rows) h.set(bucket(count(r.code)), (h.get(bucket(count(r.code))) ?? 0) + 1);
  return ["0", "1", "2", "3", "4", "5+"].map((b) => h.get(b) ?? 0);
}
const aliases = (code: string) => knowledge.get(code)?.aliases.length ?? 0;
const situations = (code: string) => knowledge.get(code)?.situations.length ?? 0;
const sets: [string, typeof records][] = [
  ["commune-level, handled at ward centres", atWard],
  ["commune-level, customs / tax / maritime / treasury", commune.filter((r) => NOT_AT_WARD_CENTRE.has(r.field))],
  ["higher-level with everyday knowledge", higher],
];
const lines = [
  "# Everyday knowledge coverage",
  "",
  `${knowledge.size} procedures have an entry in \`data/knowledge/everyday.jsonl\`: ${commune.filter((r) => knowledge.has(r.code)).length} of the ${commune.length} commune-level ones and ${higher.length} higher-level ones. Every entry has a short everyday title; aliases name the procedure, situations describe a life event that leads to it.`,
  "",
  "| procedures | n | with an entry | aliases 0 | 1 | 2 | 3 | 4 | 5+ | situations 0 | 1 | 2 | 3 | 4 | 5+ |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...sets.map(([name, rows]) => `| ${name} | ${rows.length} | ${rows.filter((r) => knowledge.has(r.code)).length} | ${histogram(rows, aliases).join(" | ")} | ${histogram(rows, situations).join(" | ")} |`),
  "",
  `Totals: ${[...knowledge.values()].reduce((a, k) => a + k.aliases.length, 0)} aliases, ${[...knowledge.values()].reduce((a, k) => a + k.situations.length, 0)} situations.`,
  "",
  "## Commune-level procedures handled at ward centres without an entry",
  "",
  ...(atWard.filter((r) => !knowledge.has(r.code)).map((r) => `- ${r.code} ${r.name}`).length ? atWard.filter((r) => !knowledge.has(r.code)).map((r) => `- ${r.code} ${r.name}`) : ["None."]),
  "",
  "## … with no situation (usually technical or agency-only procedures)",
  "",
  ...atWard.filter((r) => !situations(r.code)).map((r) => `- ${r.code} (${r.field}) ${r.name.slice(0, 120)}`),
  "",
];
writeFileSync(path.join(ROOT, "bench", "everyday-coverage.md"), lines.join("\n"));
console.log(lines.slice(0, 10).join("\n"));
