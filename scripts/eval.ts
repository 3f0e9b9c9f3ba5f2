// `npm run eval [-- FILE ...]`: scores the answer engine on labelled questions and, in the same
// run and on the same catalog, two peers: SQLite FTS5 (unicode61 remove_diacritics 2, BM25)
// over procedure names in a local D1, and MiniSearch with folding and fuzzy search.
// Prints one report and writes it to bench/eval-report.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { askByName as ask, buildIndex, nameFeatures, type IndexInput } from "../worker/src/ask/engine";
import { parseLevels } from "../worker/src/catalog/portal-parser";
import { searchKey } from "../worker/src/text/fold";
import { readRecords } from "./lib/catalog-file";
import { fts5Peer } from "./lib/fts5-peer";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Item {
  id: string;
  category: string;
  q: string;
  accept: string[];
  /** Absent: field detection is not scored for this question. */
  fields?: string[];
}

const args = process.argv.slice(2);
const devSet = path.join(ROOT, "..", "shared", "eval", "dev.jsonl");
// Without ../shared the project's own questions are evaluated instead.
const files = args.length ? args : existsSync(devSet) ? [devSet] : [path.join(ROOT, "bench", "own-questions.jsonl")];
const items: Item[] = files.flatMap((f) =>
  readFileSync(f, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item),
);

const rows: IndexInput[] = readRecords().map((r) => ({
  code: r.ma_thu_tuc,
  name: r.ten_thu_tuc.replace(/\s+/g, " ").trim(),
  field: r.linh_vuc || null,
  levels: parseLevels(r.cap_thuc_hien),
}));

let t0 = performance.now();
const index = buildIndex(rows);
const buildMs = performance.now() - t0;
// As the worker does it: names' features precomputed at import, stored as JSON.
const stored = rows.map((r) => ({ ...r, features: JSON.parse(JSON.stringify(nameFeatures(r.name))) }));
t0 = performance.now();
buildIndex(stored);
const storedBuildMs = performance.now() - t0;

// Intent field names in the eval set → ours.
const FIELD_ALIASES: Record<string, string> = { explanation: "steps" };

interface Tally {
  n: number;
  top1: number;
  top3: number;
  abstainN: number;
  abstained: number;
  fieldN: number;
  fieldOk: number;
}
const blank = (): Tally => ({ n: 0, top1: 0, top3: 0, abstainN: 0, abstained: 0, fieldN: 0, fieldOk: 0 });

type Ranker = (q: string) => Promise<{ codes: string[]; answered: boolean; fields?: string[] }> | { codes: string[]; answered: boolean; fields?: string[] };

async function score(name: string, ranker: Ranker) {
  const overall = blank();
  const byCat = new Map<string, Tally>();
  const times: number[] = [];
  const failures: string[] = [];
  for (const it of items) {
    const s = performance.now();
    const r = await ranker(it.q);
    times.push(performance.now() - s);
    const cat = byCat.get(it.category) ?? blank();
    byCat.set(it.category, cat);
    for (const t of [overall, cat]) {
      if (it.accept.length) {
        t.n++;
        const hit1 = r.answered && it.accept.includes(r.codes[0]);
        const hit3 = r.codes.slice(0, 3).some((c) => it.accept.includes(c));
        if (hit1) t.top1++;
        if (hit3) t.top3++;
      } else {
        t.abstainN++;
        if (!r.answered) t.abstained++;
      }
      if (r.fields && it.fields?.length) {
        t.fieldN++;
        const want = new Set(it.fields.map((f) => FIELD_ALIASES[f] ?? f));
        const got = new Set(r.fields);
        if ([...want].every((f) => got.has(f))) t.fieldOk++;
      }
    }
    if (name === "Một Cửa engine") {
      const ok = it.accept.length ? r.answered && it.accept.includes(r.codes[0]) : !r.answered;
      if (!ok) failures.push(`${it.id} [${it.category}] ${it.q} → ${r.answered ? "answer" : "no answer"} ${r.codes.slice(0, 3).join(",")} (want ${it.accept.join(",") || "none"})`);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  return { name, overall, byCat, p50: pct(50), p99: pct(99), failures };
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : "—");

const ours = await score("Một Cửa engine", (q) => {
  const r = ask(index, q);
  return { codes: r.matches.map((m) => m.code), answered: r.kind === "answer", fields: r.fields };
});

// Peer: MiniSearch over folded names, fuzzy + prefix, always answers its top hit.
t0 = performance.now();
const mini = new MiniSearch<IndexInput>({
  fields: ["name"],
  storeFields: ["code"],
  idField: "code",
  processTerm: (term) => searchKey(term) || null,
  searchOptions: { fuzzy: 0.2, prefix: true },
});
mini.addAll(rows);
const miniBuildMs = performance.now() - t0;
const miniPeer = await score("MiniSearch (folded, fuzzy)", (q) => {
  const hits = mini.search(searchKey(q));
  return { codes: hits.slice(0, 5).map((h) => String(h.id)), answered: hits.length > 0 };
});

const fts = await fts5Peer(rows);
const ftsPeer = await score("SQLite FTS5 BM25 (D1, unicode61 remove_diacritics 2)", (q) => fts.search(q));
await fts.close();

const all = [ours, ftsPeer, miniPeer];
const cats = [...ours.byCat.keys()].sort();
const lines = [
  "# Answer-engine evaluation",
  "",
  `Run ${new Date().toISOString()} on ${files.map((f) => path.basename(f)).join(", ")}: ${items.length} questions ` +
    `(${ours.overall.n} answerable, ${ours.overall.abstainN} to abstain on). Catalog: ${rows.length} procedures.`,
  `Index build: ${buildMs.toFixed(0)} ms (engine, from names), ${storedBuildMs.toFixed(0)} ms (engine, from features stored at import), ${miniBuildMs.toFixed(0)} ms (MiniSearch). Latency is in-process per question.`,
  "",
  "Top-1 counts only when the system answers (kind `answer`) with an accepted code; top-3 looks at the first three",
  "matches whatever the kind; abstention is the share of `accept: []` questions not answered with a procedure.",
  "",
  "| system | top-1 | top-3 | abstention | fields | p50 ms | p99 ms |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...all.map(
    (s) =>
      `| ${s.name} | ${ratio(s.overall.top1, s.overall.n)} | ${ratio(s.overall.top3, s.overall.n)} | ${ratio(s.overall.abstained, s.overall.abstainN)} | ${s.name === ours.name ? ratio(s.overall.fieldOk, s.overall.fieldN) : "—"} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} |`,
  ),
  "",
  "## By category (engine; peers' top-1 / abstention in brackets: FTS5, MiniSearch)",
  "",
  "| category | n | top-1 | top-3 | abstention | fields | FTS5 | MiniSearch |",
  "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
  ...cats.map((c) => {
    const t = ours.byCat.get(c)!;
    const peer = (s: typeof ours) => {
      const p = s.byCat.get(c)!;
      return p.n ? ratio(p.top1, p.n) : ratio(p.abstained, p.abstainN);
    };
    return `| ${c} | ${t.n + t.abstainN} | ${ratio(t.top1, t.n)} | ${ratio(t.top3, t.n)} | ${ratio(t.abstained, t.abstainN)} | ${ratio(t.fieldOk, t.fieldN)} | ${peer(ftsPeer)} | ${peer(miniPeer)} |`;
  }),
  "",
  `## Engine misses (${ours.failures.length})`,
  "",
  ...ours.failures.map((f) => `- ${f}`),
  "",
];
const report = lines.join("\n");
console.log(report);
// The dev set's report is bench/eval-report.md; other files get their own report.
const reportName = files[0] !== devSet ? `eval-report-${files.map((f) => path.basename(f, ".jsonl")).join("+")}.md` : "eval-report.md";
writeFileSync(path.join(ROOT, "bench", reportName), report);
