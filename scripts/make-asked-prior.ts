// Regenerates worker/src/catalog/asked-prior.json: for each procedure, how many of the citizen
// questions the project wrote itself (data/training/questions.jsonl, bench/own-questions.jsonl)
// it answers — never the evaluation sets. Used only to order a field's procedures before the
// ward's own citizens have asked anything (worker/src/catalog/field-procedures.ts).
//
//   tsx scripts/make-asked-prior.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { ROOT } from "./lib/wrangler.mjs";

const files = [path.join(ROOT, "data", "training", "questions.jsonl"), path.join(ROOT, "bench", "own-questions.jsonl")].filter((f) => existsSync(f));
const counts = new Map<string, number>();
for (const file of files) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const { accept } = JSON.parse(line) as { accept?: string[] };
    const code = accept?.[0];
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
}
const sorted = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
writeFileSync(path.join(ROOT, "worker", "src", "catalog", "asked-prior.json"), `${JSON.stringify(sorted, null, 0)}\n`);
console.log(`${counts.size} procedures from ${files.map((f) => path.basename(f)).join(", ")}`);
