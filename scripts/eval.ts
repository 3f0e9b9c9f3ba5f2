// `npm run eval [-- FILE ...]`: scores the answer engine on labelled questions and, in the same
// run and on the same catalog, two peers: SQLite FTS5 (unicode61 remove_diacritics 2, BM25)
// over procedure names in a local D1, and MiniSearch with folding and fuzzy search.
//
// Without arguments it scores, into bench/eval-report.md:
// - the development set (`EVAL_DEV`, else `<repo>/../shared/eval/dev.jsonl`) split by a fixed
//   hash of `id` into a tuning and a check half (scripts/lib/dev-split.ts), both halves and the
//   gap between them; only the tuning half's misses are listed, so rules are not written against
//   the check half;
// - the project's own sets, bench/*-questions.jsonl;
// - the multi-turn conversations of bench/followups.jsonl (scripts/lib/eval-followups.ts), with
//   the earlier turns' codes from the gold labels and from the engine's own answers.
// With FILE arguments it scores those files into bench/eval-report-<names>.md.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nameFeatures, buildIndex } from "../worker/src/ask/engine";
import { devHalf, devSetPath, splitDev } from "./lib/dev-split";
import { parseFollowups, scoreFollowups, FOLLOWUP_KINDS, type AskContext, type FollowupResult } from "./lib/eval-followups";
import { catalogRows, engineAsk, engineIndex, engineReply, fts5Peer, miniSearchPeer, type Ranker, type Reply } from "./lib/eval-peers";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = path.join(ROOT, "bench");

interface Item {
  id: string;
  category: string;
  q: string;
  accept: string[];
  /** Absent: field detection is not scored for this question. */
  fields?: string[];
}

const readItems = (file: string): Item[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);

// Intent field names in the eval set → ours.
const FIELD_ALIASES: Record<string, string> = { explanation: "steps" };

// ---------------------------------------------------------------------------
// Systems

const rows = catalogRows();
const { index, buildMs } = engineIndex(rows);
// As the worker does it: names' features precomputed at import, stored as JSON.
const stored = rows.map((r) => ({ ...r, features: JSON.parse(JSON.stringify(nameFeatures(r.name))) }));
let t0 = performance.now();
buildIndex(stored);
const storedBuildMs = performance.now() - t0;

const mini = miniSearchPeer(rows);
const fts = await fts5Peer(rows);

const ENGINE = "Một Cửa engine";
const systems: { name: string; short: string; ranker: Ranker }[] = [
  { name: `${ENGINE} (in process)`, short: "engine", ranker: (q) => engineReply(engineAsk(index, q)) },
  { name: "SQLite FTS5 BM25 (D1, unicode61 remove_diacritics 2)", short: "FTS5", ranker: (q) => fts.search(q) },
  { name: "MiniSearch (folded, fuzzy)", short: "MiniSearch", ranker: mini.search },
];

// ---------------------------------------------------------------------------
// Single-turn sets

interface Outcome {
  item: Item;
  reply: Reply;
  ms: number;
}

async function run(items: Item[], ranker: Ranker): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const item of items) {
    const s = performance.now();
    const reply = await ranker(item.q);
    out.push({ item, reply, ms: performance.now() - s });
  }
  return out;
}

interface Tally {
  n: number;
  top1: number;
  top3: number;
  abstainN: number;
  abstained: number;
  fieldN: number;
  fieldOk: number;
  p50: number;
  p99: number;
}

const isRight = ({ item, reply }: Outcome) => (item.accept.length ? reply.answered && item.accept.includes(reply.codes[0]) : !reply.answered);

function tally(outcomes: readonly Outcome[]): Tally {
  const t: Tally = { n: 0, top1: 0, top3: 0, abstainN: 0, abstained: 0, fieldN: 0, fieldOk: 0, p50: 0, p99: 0 };
  for (const { item, reply } of outcomes) {
    if (item.accept.length) {
      t.n++;
      if (reply.answered && item.accept.includes(reply.codes[0])) t.top1++;
      if (reply.codes.slice(0, 3).some((c) => item.accept.includes(c))) t.top3++;
    } else {
      t.abstainN++;
      if (!reply.answered) t.abstained++;
    }
    if (reply.fields && item.fields?.length) {
      t.fieldN++;
      const got = new Set(reply.fields);
      if (item.fields.every((f) => got.has(FIELD_ALIASES[f] ?? f))) t.fieldOk++;
    }
  }
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  t.p50 = pct(50);
  t.p99 = pct(99);
  return t;
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : "—");
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(3)}`;
const share = (t: Tally, k: "top1" | "top3") => (t.n ? t[k] / t.n : NaN);

interface SetRun {
  label: string;
  file: string;
  items: Item[];
  /** Per system, in `systems` order. */
  outcomes: Outcome[][];
}

async function runSet(label: string, file: string, items: Item[]): Promise<SetRun> {
  const outcomes: Outcome[][] = [];
  for (const s of systems) outcomes.push(await run(items, s.ranker));
  return { label, file, items, outcomes };
}

function summaryRow(label: string, outcomes: Outcome[][], filter: (o: Outcome) => boolean = () => true) {
  return systems.map((s, i) => {
    const t = tally(outcomes[i].filter(filter));
    const fields = s.short === "engine" ? ratio(t.fieldOk, t.fieldN) : "—";
    return `| ${label} | ${s.short} | ${t.n + t.abstainN} | ${ratio(t.top1, t.n)} | ${ratio(t.top3, t.n)} | ${ratio(t.abstained, t.abstainN)} | ${fields} | ${t.p50.toFixed(2)} | ${t.p99.toFixed(2)} |`;
  });
}
const SUMMARY_HEADER = [
  "| set | system | n | top-1 | top-3 | abstention | fields | p50 ms | p99 ms |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];

function categoryTable(set: SetRun, halves: boolean): string[] {
  const cats = [...new Set(set.items.map((i) => i.category))].sort();
  const [ours, ftsO, miniO] = set.outcomes;
  const of = (outs: Outcome[], c: string, f: (o: Outcome) => boolean = () => true) => tally(outs.filter((o) => o.item.category === c && f(o)));
  const peer = (outs: Outcome[], c: string) => {
    const p = of(outs, c);
    return p.n ? ratio(p.top1, p.n) : ratio(p.abstained, p.abstainN);
  };
  const half = (c: string, h: "tune" | "check") => {
    const t = of(ours, c, (o) => devHalf(o.item.id) === h);
    return t.n ? ratio(t.top1, t.n) : ratio(t.abstained, t.abstainN);
  };
  return [
    `| category | n | top-1 | top-3 | abstention | fields |${halves ? " tune / check |" : ""} FTS5 | MiniSearch |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |${halves ? " --- |" : ""} --- | --- |`,
    ...cats.map((c) => {
      const t = of(ours, c);
      return `| ${c} | ${t.n + t.abstainN} | ${ratio(t.top1, t.n)} | ${ratio(t.top3, t.n)} | ${ratio(t.abstained, t.abstainN)} | ${ratio(t.fieldOk, t.fieldN)} |${halves ? ` ${half(c, "tune")} / ${half(c, "check")} |` : ""} ${peer(ftsO, c)} | ${peer(miniO, c)} |`;
    }),
  ];
}

const missLine = ({ item: it, reply: r }: Outcome) =>
  `${it.id} [${it.category}] ${it.q} → ${r.answered ? "answer" : "no answer"} ${r.codes.slice(0, 3).join(",")} (want ${it.accept.join(",") || "none"})`;

const header = (what: string) => [
  "# Answer-engine evaluation",
  "",
  `Run ${new Date().toISOString()} on ${what}. Catalog: ${rows.length} procedures.`,
  `Index build: ${buildMs.toFixed(0)} ms (engine, from names), ${storedBuildMs.toFixed(0)} ms (engine, from features stored at import), ${mini.buildMs.toFixed(0)} ms (MiniSearch). Latency is in-process per question.`,
  "",
  "Top-1 counts only when the system answers (kind `answer`) with an accepted code; top-3 looks at the first three",
  "matches whatever the kind; abstention is the share of `accept: []` questions not answered with a procedure.",
  `Systems: ${systems.map((s) => (s.short === s.name ? s.name : `${s.short} = ${s.name}`)).join("; ")}. The peers always answer with their top hit.`,
  "",
];

// ---------------------------------------------------------------------------
// Follow-ups

async function followupRuns(file: string) {
  const conversations = parseFollowups(readFileSync(file, "utf8"));
  const askEngine = (q: string, context?: AskContext) => engineReply(engineAsk(index, q, context));
  const runs: { label: string; result: FollowupResult }[] = [
    { label: "engine, context codes from the gold labels", result: await scoreFollowups(conversations, askEngine, "gold", FIELD_ALIASES) },
    { label: "engine, context codes from its own answers (as the mini app sends)", result: await scoreFollowups(conversations, askEngine, "own", FIELD_ALIASES) },
    { label: "engine, no context (last message only)", result: await scoreFollowups(conversations, askEngine, "none", FIELD_ALIASES) },
  ];
  for (const s of systems.slice(1)) {
    runs.push({ label: `${s.short}, last message only`, result: await scoreFollowups(conversations, (q) => s.ranker(q), "none") });
  }
  return { conversations, runs };
}

function followupSection(file: string, f: Awaited<ReturnType<typeof followupRuns>>): string[] {
  const kinds = FOLLOWUP_KINDS.filter((k) => f.conversations.some((c) => c.kind === k));
  const count = (k: string) => f.conversations.filter((c) => c.kind === k).length;
  const turns = f.runs[0].result.followups.turns;
  const [gold, own] = f.runs.map((r) => r.result);
  return [
    `## Follow-ups (${path.basename(file)})`,
    "",
    `${f.conversations.length} conversations (${kinds.map((k) => `${k} ${count(k)}`).join(", ")}), ${turns} follow-up turns. Every turn after the first`,
    "is asked with `context: { previous: [{ question, code }] }` (at most 5 earlier turns, oldest first). Follow-up accuracy is the share",
    "of turns ≥ 2 answered with an accepted first match (an `accept: []` turn: not answered with a procedure). Peers take no context.",
    "",
    `| system | follow-up accuracy | ${kinds.join(" | ")} | first turns | whole conversations right | fields |`,
    `| --- | ---: | ${kinds.map(() => "---:").join(" | ")} | ---: | ---: | ---: |`,
    ...f.runs.map(({ label, result: r }) => {
      const byKind = kinds.map((k) => {
        const t = r.byKind.get(k)!;
        return ratio(t.right, t.turns);
      });
      const fields = label.startsWith("engine") ? ratio(r.followups.fieldOk, r.followups.fieldN) : "—";
      return `| ${label} | ${ratio(r.followups.right, r.followups.turns)} | ${byKind.join(" | ")} | ${ratio(r.first.right, r.first.turns)} | ${ratio(r.allRight, r.conversations)} | ${fields} |`;
    }),
    "",
    `### Follow-up misses, engine with its own context (${own.failures.length}; with gold context ${gold.failures.length})`,
    "",
    ...own.failures.map((m) => `- ${m}`),
    "",
  ];
}

// ---------------------------------------------------------------------------

const args = process.argv.slice(2);
const devFile = devSetPath(ROOT);
const lines: string[] = [];
let reportName = "eval-report.md";

if (args.length) {
  // Named files: one report for all of them; a dev-set question's miss is listed only in the tuning half.
  const items = args.flatMap(readItems);
  const set = await runSet(args.map((f) => path.basename(f)).join(", "), args[0], items);
  const isDev = args.some((f) => path.resolve(f) === path.resolve(devFile));
  const [ours] = set.outcomes;
  const listed = ours.filter((o) => !isRight(o) && !(isDev && devHalf(o.item.id) === "check"));
  lines.push(
    ...header(`${set.label}: ${items.length} questions`),
    ...SUMMARY_HEADER,
    ...summaryRow("all", set.outcomes),
    "",
    "## By category (engine; peers' top-1 / abstention: FTS5, MiniSearch)",
    "",
    ...categoryTable(set, false),
    "",
    `## Engine misses (${ours.filter((o) => !isRight(o)).length}${isDev ? "; the dev set's check half is not listed" : ""})`,
    "",
    ...listed.map((o) => `- ${missLine(o)}`),
    "",
  );
  reportName = `eval-report-${args.map((f) => path.basename(f, ".jsonl")).join("+")}.md`;
} else {
  const hasDev = existsSync(devFile);
  const dev = hasDev ? await runSet("dev", devFile, readItems(devFile)) : null;
  const halves = dev ? splitDev(dev.items) : { tune: [], check: [] };
  const ownFiles = readdirSync(BENCH)
    .filter((f) => f.endsWith("-questions.jsonl"))
    .sort();
  const own: SetRun[] = [];
  for (const f of ownFiles) own.push(await runSet(path.basename(f, ".jsonl"), path.join(BENCH, f), readItems(path.join(BENCH, f))));
  const followFile = path.join(BENCH, "followups.jsonl");
  const follow = existsSync(followFile) ? await followupRuns(followFile) : null;

  const inHalf = (h: "tune" | "check") => (o: Outcome) => devHalf(o.item.id) === h;
  const what = [
    dev ? `${path.basename(devFile)} (${dev.items.length} questions)` : `no development set (not found at ${devFile}; set EVAL_DEV)`,
    ...own.map((s) => `${path.basename(s.file)} (${s.items.length})`),
    ...(follow ? [`followups.jsonl (${follow.conversations.length} conversations)`] : []),
  ].join(", ");
  lines.push(...header(what));
  if (dev) {
    const size = (items: Item[]) => `${items.length} (${items.filter((i) => i.accept.length).length} answerable, ${items.filter((i) => !i.accept.length).length} to abstain on)`;
    lines.push(
      `Dev split by the first byte of SHA-256(id), even → tune, odd → check: tune ${size(halves.tune)}, check ${size(halves.check)}.`,
      "Rules and weights are fitted on the tuning half and the project's own sets only; the check half's misses are not listed.",
      "",
    );
  }
  lines.push(
    "## Summary",
    "",
    ...SUMMARY_HEADER,
    ...(dev ? [...summaryRow("dev tune", dev.outcomes, inHalf("tune")), ...summaryRow("dev check", dev.outcomes, inHalf("check")), ...summaryRow("dev all", dev.outcomes)] : []),
    ...own.flatMap((s) => summaryRow(s.label, s.outcomes)),
    "",
  );
  if (dev) {
    lines.push(
      "## Dev halves and the gap (tune − check; target: check top-1 ≥ 0.90, gap ≤ 0.05)",
      "",
      "| system | tune top-1 | check top-1 | gap top-1 | tune top-3 | check top-3 | gap top-3 | tune abstention | check abstention |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...systems.map((s, i) => {
        const [t, c] = [tally(dev.outcomes[i].filter(inHalf("tune"))), tally(dev.outcomes[i].filter(inHalf("check")))];
        return `| ${s.short} | ${ratio(t.top1, t.n)} | ${ratio(c.top1, c.n)} | ${signed(share(t, "top1") - share(c, "top1"))} | ${ratio(t.top3, t.n)} | ${ratio(c.top3, c.n)} | ${signed(share(t, "top3") - share(c, "top3"))} | ${ratio(t.abstained, t.abstainN)} | ${ratio(c.abstained, c.abstainN)} |`;
      }),
      "",
    );
  }
  if (follow) lines.push(...followupSection(followFile, follow));
  if (dev) {
    lines.push("## By category: dev (engine; tune / check: engine top-1 or abstention per half; peers' top-1 / abstention: FTS5, MiniSearch)", "", ...categoryTable(dev, true), "");
  }
  for (const s of own) lines.push(`## By category: ${s.label}`, "", ...categoryTable(s, false), "");
  if (dev) {
    const [ours] = dev.outcomes;
    const tuneMisses = ours.filter((o) => inHalf("tune")(o) && !isRight(o));
    const checkMisses = ours.filter((o) => inHalf("check")(o) && !isRight(o)).length;
    lines.push(`## Engine misses: dev tuning half (${tuneMisses.length}; check half: ${checkMisses}, not listed)`, "", ...tuneMisses.map((o) => `- ${missLine(o)}`), "");
  }
  for (const s of own) {
    const misses = s.outcomes[0].filter((o) => !isRight(o));
    lines.push(`## Engine misses: ${s.label} (${misses.length})`, "", ...misses.map((o) => `- ${missLine(o)}`), "");
  }
}
await fts.close();

const report = lines.join("\n");
console.log(report);
writeFileSync(path.join(BENCH, reportName), report);
