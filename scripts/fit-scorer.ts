// `npm run fit:scorer`: fits the engine's rank and confidence models (worker/src/ask/scorer.ts)
// on labelled questions with 5-fold cross-validation, chooses the answer/clarify thresholds on
// out-of-fold predictions, and writes worker/src/ask/scorer-weights.json and
// bench/scorer-fit.md. Training data: our own questions (data/training/questions.jsonl,
// bench/own-questions.jsonl) and the tuning half of the development set when ../shared is
// present. The check half is never read here.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chatterWords, decide, scoreQuestion } from "../worker/src/ask/answer-engine";
import { isNotAProcedure } from "../worker/src/ask/engine";
import { chatterOf, CONFIDENCE_FEATURES, NULL_FEATURES, probability, RANK_FEATURES, WEIGHTS, type ScorerWeights } from "../worker/src/ask/scorer";
import { devHalf, devSetPath } from "./lib/dev-split";
import { fullIndex } from "./lib/engine-index";
import { fitListwise, fitLogistic, type Group } from "./lib/logistic-fit";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
interface Item {
  id: string;
  q: string;
  accept: string[];
  source: string;
  style: string;
}
const read = (file: string, source: string, keep: (o: Record<string, unknown>) => boolean = () => true): Item[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .filter(keep)
    .map((o) => ({ id: String(o.id), q: String(o.q), accept: o.accept as string[], source, style: String(o.style ?? o.category ?? "") }));

const devFile = devSetPath(ROOT);
const items: Item[] = [
  ...read(path.join(ROOT, "data", "training", "questions.jsonl"), "training"),
  ...read(path.join(ROOT, "bench", "own-questions.jsonl"), "own"),
  ...(existsSync(devFile) ? read(devFile, "dev-tune", (o) => devHalf(String(o.id)) === "tune") : []),
];
const FOLDS = 5;
const foldOf = (id: string) => createHash("sha256").update(`fold:${id}`).digest()[0] % FOLDS;

const t0 = performance.now();
const index = fullIndex();
console.log(`Index with everyday knowledge in ${(performance.now() - t0).toFixed(0)} ms; ${items.length} questions.`);

// Candidate features do not depend on the weights; read them once. The rank model also scores
// a "no procedure" alternative from question-level signals (NULL_FEATURES): its row is zeros for
// the candidate features, and candidates' rows are zeros for its own.
const RANK_ALL = [...RANK_FEATURES, ...NULL_FEATURES];
const CHATTER_AT = RANK_FEATURES.length + NULL_FEATURES.indexOf("chatter");
const nullPad = new Array<number>(NULL_FEATURES.length).fill(0);
const base = items.map((it) => {
  const s = scoreQuestion(index, it.q);
  return {
    rows: s.candidates.map((c) => [...c.x.slice(0, RANK_FEATURES.length), ...nullPad]),
    codes: s.candidates.map((c) => c.match.code),
    nullRow: s.nullRow,
    words: chatterWords(it.q),
  };
});
/** One question's candidates and the "no procedure" row (with the fold's chatter table). */
const groupOf = (i: number, chatter: Record<string, number>): Group | null => {
  const positive = base[i].codes.map((c) => items[i].accept.includes(c));
  if (items[i].accept.length && !positive.some(Boolean)) return null;
  const nullRow = [...base[i].nullRow];
  nullRow[CHATTER_AT] = chatterOf(base[i].words, chatter);
  return { rows: [...base[i].rows, nullRow], positive: [...positive, items[i].accept.length === 0] };
};
const recall = items.filter((it, i) => it.accept.length && base[i].codes.some((c) => it.accept.includes(c))).length / items.filter((it) => it.accept.length).length;

function weightsWith(rank: ScorerWeights["rank"], confidence = WEIGHTS.confidence, thresholds = WEIGHTS.thresholds, chatter = WEIGHTS.chatter): ScorerWeights {
  return { ...WEIGHTS, rank, confidence, thresholds, chatter };
}

/**
 * Naive Bayes log-odds (Laplace) that a word belongs to a message no procedure answers; only
 * words seen at least twice and telling at least a little are kept, so the table stays small.
 */
function fitChatter(ids: number[]): Record<string, number> {
  const oos = new Map<string, number>();
  const ans = new Map<string, number>();
  let nOos = 0;
  let nAns = 0;
  for (const i of ids) {
    const words = new Set(chatterWords(items[i].q));
    const into = items[i].accept.length ? ans : oos;
    for (const w of words) into.set(w, (into.get(w) ?? 0) + 1);
    if (items[i].accept.length) nAns += words.size;
    else nOos += words.size;
  }
  const vocab = new Set([...oos.keys(), ...ans.keys()]);
  const table: Record<string, number> = {};
  for (const w of vocab) {
    const o = oos.get(w) ?? 0;
    const a = ans.get(w) ?? 0;
    if (o + a < 2) continue;
    const r = Math.log((o + 1) / (nOos + vocab.size)) - Math.log((a + 1) / (nAns + vocab.size));
    if (Math.abs(r) >= 0.3) table[w] = Number(r.toFixed(3));
  }
  return table;
}
const fitRank = (ids: number[], chatter: Record<string, number>) =>
  fitListwise(ids.map((i) => groupOf(i, chatter)).filter((g): g is Group => g !== null), RANK_ALL);

// Out-of-fold: each question is scored by a rank model that never saw it.
const oof = new Array<ReturnType<typeof scoreQuestion>>(items.length);
for (let k = 0; k < FOLDS; k++) {
  const train = items.map((_, i) => i).filter((i) => foldOf(items[i].id) !== k);
  const chatter = fitChatter(train);
  const w = weightsWith(fitRank(train, chatter), WEIGHTS.confidence, WEIGHTS.thresholds, chatter);
  items.forEach((it, i) => {
    if (foldOf(it.id) === k) oof[i] = scoreQuestion(index, it.q, undefined, w);
  });
}
const topRight = (i: number) => {
  const top = oof[i].candidates[0]?.match.code;
  return items[i].accept.length > 0 && top !== undefined && items[i].accept.includes(top);
};
const cxRows = oof.map((s) => s.cx);
const cLabels = items.map((_, i) => topRight(i));
const confOof = new Array<number>(items.length);
for (let k = 0; k < FOLDS; k++) {
  const train = items.map((_, i) => i).filter((i) => foldOf(items[i].id) !== k);
  const m = fitLogistic(train.map((i) => cxRows[i]), train.map((i) => cLabels[i]), [...CONFIDENCE_FEATURES]);
  items.forEach((it, i) => {
    if (foldOf(it.id) === k) confOof[i] = probability(m, cxRows[i]);
  });
}

interface Tally {
  n: number;
  top1: number;
  top3: number;
  oos: number;
  abstained: number;
}
function tally(thresholds: ScorerWeights["thresholds"], subset: (it: Item) => boolean = () => true): Tally {
  const t: Tally = { n: 0, top1: 0, top3: 0, oos: 0, abstained: 0 };
  items.forEach((it, i) => {
    if (!subset(it)) return;
    const out = isNotAProcedure(it.q) ? { kind: "none", matches: [] as { code: string }[] } : decide({ ...oof[i], confidence: confOof[i] }, weightsWith(WEIGHTS.rank, WEIGHTS.confidence, thresholds));
    if (!it.accept.length) {
      t.oos++;
      if (out.kind !== "answer") t.abstained++;
      return;
    }
    t.n++;
    if (out.kind === "answer" && it.accept.includes(out.matches[0]?.code)) t.top1++;
    if (out.matches.slice(0, 3).some((m) => it.accept.includes(m.code))) t.top3++;
  });
  return t;
}
const rate = (a: number, b: number) => (b ? a / b : 0);
const utility = (t: Tally) => rate(t.top1, t.n) + rate(t.abstained, t.oos);

// Thresholds: the answer threshold maximizes top-1 + abstention out of fold; below the
// clarify threshold lie at most 3 % of the questions whose right procedure is in the top three.
// Abstention on our own labelled out-of-scope questions must stay at or above ABSTAIN_FLOOR.
const ABSTAIN_FLOOR = 0.92;
let best = { answer: 0.5, clarify: 0.1, u: -1 };
for (let a = 0.05; a <= 0.95; a += 0.01) {
  const t = tally({ answer: a, clarify: 0 });
  const own = tally({ answer: a, clarify: 0 }, (it) => it.source === "training");
  const u = utility(t) - (rate(own.abstained, own.oos) < ABSTAIN_FLOOR ? 10 : 0);
  if (u > best.u + 1e-9) best = { answer: Number(a.toFixed(2)), clarify: 0, u };
}
const recoverable = items.map((_, i) => i).filter((i) => items[i].accept.length && oof[i].candidates.slice(0, 3).some((c) => items[i].accept.includes(c.match.code)));
const confs = recoverable.map((i) => confOof[i]).sort((a, b) => a - b);
const clarify = Math.min(best.answer, Number((confs[Math.floor(confs.length * 0.03)] ?? 0).toFixed(3)));
const thresholds = { answer: best.answer, clarify };

// Final models on everything (the confidence model on out-of-fold features, as served).
const chatter = fitChatter(items.map((_, i) => i));
const rankAll = fitRank(items.map((_, i) => i), chatter);
const confAll = fitLogistic(cxRows, cLabels, [...CONFIDENCE_FEATURES]);
const report: string[] = [`# Scorer fit`, ``, `Run ${new Date().toISOString()}; ${items.length} questions; candidate recall (a right procedure among the candidates) ${recall.toFixed(3)}.`, ``];
report.push(`Out-of-fold (5 folds by hash of id) with thresholds answer ≥ ${thresholds.answer}, clarify ≥ ${thresholds.clarify}:`, ``);
report.push(`| subset | answerable | top-1 | top-3 | abstain n | abstention |`, `| --- | ---: | ---: | ---: | ---: | ---: |`);
const row = (name: string, t: Tally) => report.push(`| ${name} | ${t.n} | ${rate(t.top1, t.n).toFixed(3)} | ${rate(t.top3, t.n).toFixed(3)} | ${t.oos} | ${rate(t.abstained, t.oos).toFixed(3)} |`);
row("all", tally(thresholds));
for (const source of [...new Set(items.map((i) => i.source))]) row(source, tally(thresholds, (it) => it.source === source));
for (const style of [...new Set(items.filter((i) => i.source === "training").map((i) => i.style))].sort()) row(`training: ${style}`, tally(thresholds, (it) => it.source === "training" && it.style === style));
report.push(``, `## Weights (standardized features)`, ``, `| rank feature | weight |`, `| --- | ---: |`);
RANK_ALL.forEach((f, j) => report.push(`| ${j < RANK_FEATURES.length ? f : `none: ${f}`} | ${rankAll.weights[j].toFixed(3)} |`));
report.push(``, `| confidence feature | weight |`, `| --- | ---: |`);
CONFIDENCE_FEATURES.forEach((f, j) => report.push(`| ${f} | ${confAll.weights[j].toFixed(3)} |`));
report.push(`| (bias) | ${confAll.bias.toFixed(3)} |`, ``);
const all = tally(thresholds);
const out: ScorerWeights = {
  version: createHash("sha256").update(JSON.stringify([rankAll, confAll, thresholds, chatter])).digest("hex").slice(0, 12),
  rank: rankAll,
  confidence: confAll,
  thresholds,
  chatter,
  fit: {
    questions: items.length,
    sources: Object.fromEntries([...new Set(items.map((i) => i.source))].map((s) => [s, items.filter((i) => i.source === s).length])),
    folds: FOLDS,
    oofTop1: Number(rate(all.top1, all.n).toFixed(4)),
    oofTop3: Number(rate(all.top3, all.n).toFixed(4)),
    oofAbstention: Number(rate(all.abstained, all.oos).toFixed(4)),
    candidateRecall: Number(recall.toFixed(4)),
  },
};
if (!process.argv.includes("--dry-run")) {
  writeFileSync(path.join(ROOT, "worker", "src", "ask", "scorer-weights.json"), `${JSON.stringify(out, null, 1)}\n`);
  writeFileSync(path.join(ROOT, "bench", "scorer-fit.md"), report.join("\n"));
}
console.log(report.join("\n"));
if (process.argv.includes("--diagnose")) {
  const cells = new Map<string, number>();
  items.forEach((it, i) => {
    if (!it.accept.length) return;
    const right = topRight(i);
    const c = confOof[i];
    const kind = c >= thresholds.answer ? "answer" : c >= thresholds.clarify ? "clarify" : "none";
    const k = `${it.source} top ${right ? "right" : "wrong"} → ${kind}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
  });
  console.log([...cells].sort().map(([k, v]) => `${k}: ${v}`).join("\n"));
  const misses = items.map((it, i) => ({ it, i })).filter(({ it, i }) => it.accept.length && it.source === "training" && !topRight(i));
  for (const { it, i } of misses.slice(0, 80)) console.log(`${it.style} | ${it.q} → ${oof[i].candidates.slice(0, 3).map((c) => `${c.match.code}:${c.p.toFixed(2)}`).join(" ")} want ${it.accept.join(",")}`);
}
if (process.argv.includes("--diagnose")) {
  const oosAnswered = items.map((it, i) => ({ it, i })).filter(({ it, i }) => !it.accept.length && confOof[i] >= thresholds.answer && !isNotAProcedure(it.q));
  for (const { it, i } of oosAnswered) console.log(`OOS ${it.source} ${confOof[i].toFixed(2)} | ${it.q} → ${oof[i].candidates[0]?.match.code} ${oof[i].candidates[0]?.match.name.slice(0, 60)}`);
}
if (process.argv.includes("--diagnose")) {
  const shy = items.map((it, i) => ({ it, i })).filter(({ it, i }) => it.accept.length && topRight(i) && confOof[i] < thresholds.answer);
  for (const { it, i } of shy.slice(0, 50)) console.log(`SHY ${it.source} ${confOof[i].toFixed(2)} p=${oof[i].candidates[0].p.toFixed(2)} | ${it.q.slice(0, 110)} → ${oof[i].candidates[0]?.match.name.slice(0, 50)} | 2nd ${oof[i].candidates[1]?.p.toFixed(2)} ${oof[i].candidates[1]?.match.name.slice(0, 40)}`);
}
if (process.argv.includes("--curve")) {
  for (let a = 0.3; a <= 0.8; a += 0.05) {
    const t = tally({ answer: a, clarify: 0 });
    const own = tally({ answer: a, clarify: 0 }, (it) => it.source === "training");
    console.log(`answer ≥ ${a.toFixed(2)}: all top-1 ${rate(t.top1, t.n).toFixed(3)} abstention ${rate(t.abstained, t.oos).toFixed(3)} | training top-1 ${rate(own.top1, own.n).toFixed(3)} abstention ${rate(own.abstained, own.oos).toFixed(3)}`);
  }
}
