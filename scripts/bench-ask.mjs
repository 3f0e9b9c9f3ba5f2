// `npm run bench:ask`: latency of POST /api/ask on local workerd (wrangler dev) with the full
// catalog: the first question of a fresh isolate (index built from D1 on demand), then warm
// per-question latency over the evaluation questions. Writes bench/ask-report.md.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PERSIST_TO, ROOT, wranglerSpawn } from "./lib/wrangler.mjs";

const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts"], {
  cwd: ROOT,
  stdio: ["ignore", "ignore", "inherit"],
});
if (setup.status !== 0) process.exit(1);

const evalFile = path.join(ROOT, "..", "shared", "eval", "dev.jsonl");
const questions = existsSync(evalFile)
  ? readFileSync(evalFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).q)
  : ["lam giay khai sinh can gi", "dk tam tru o dau", "chung thuc ban sao phi bao nhieu", "giá vàng hôm nay", "tách hộ mất bao lâu"];

const port = 8798;
const base = `http://127.0.0.1:${port}`;
/** In-worker time from the development Server-Timing header (app;dur=…), apart from HTTP. */
const inWorker = [];
let lastInWorker = NaN;
const ask = async (question) => {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question, wardCode: "11617" }) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${res.status} for ${question}`);
  lastInWorker = Number(/app;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN);
  return performance.now() - t0;
};

async function startWorker() {
  const worker = wranglerSpawn(["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", PERSIST_TO, "--show-interactive-dev-session=false"], {
    stdio: ["ignore", "ignore", "ignore"],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return worker;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("worker did not start");
}

const cold = [];
const coldIn = [];
const afterHome = [];
const afterHomeIn = [];
let warm = [];
const baseline = [];
for (let run = 0; run < 3; run++) {
  // As in the app: the home screen loads /api/fields, the citizen types for a moment, then asks.
  const worker = await startWorker();
  try {
    await (await fetch(`${base}/api/fields`)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000));
    afterHome.push(await ask("làm giấy khai sinh cần gì"));
    afterHomeIn.push(lastInWorker);
  } finally {
    worker.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
  }
}
for (let run = 0; run < 3; run++) {
  const worker = await startWorker();
  try {
    cold.push(await ask("làm giấy khai sinh cần gì"));
    coldIn.push(lastInWorker);
    if (run === 0) {
      for (const q of questions.slice(0, 30)) await ask(q); // warm-up
      for (const q of questions) {
        warm.push(await ask(q));
        inWorker.push(lastInWorker);
      }
      // Same-run baseline: the HTTP + wrangler dev overhead of a trivial D1-backed route.
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        await (await fetch(`${base}/api/health`)).arrayBuffer();
        baseline.push(performance.now() - t0);
      }
    }
  } finally {
    worker.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
  }
}
warm.sort((a, b) => a - b);
inWorker.sort((a, b) => a - b);
baseline.sort((a, b) => a - b);
const pctOf = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const pct = (p) => pctOf(warm, p);
const lines = [
  "# Ask benchmark",
  "",
  `Measured ${new Date().toISOString()} on this machine, local workerd via wrangler dev, full catalog in local D1, sequential requests over loopback (HTTP included).`,
  "",
  `- First question of a fresh worker (index built from D1 on demand), 3 runs: ${cold.map((c) => `${c.toFixed(0)} ms`).join(", ")}`,
  `- First question of a fresh worker after the home screen's GET /api/fields and 1 s of typing (index warmed in the background), 3 runs: ${afterHome.map((c) => `${c.toFixed(0)} ms`).join(", ")}`,
  `- Warm, ${warm.length} questions: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${warm[warm.length - 1].toFixed(1)} ms`,
  `- Baseline in the same run, GET /api/health (HTTP + wrangler dev + one D1 query): p50 ${pctOf(baseline, 50).toFixed(1)} ms, p99 ${pctOf(baseline, 99).toFixed(1)} ms`,
  "",
  "Inside workerd (the worker's own time for the request, from the development-only `Server-Timing: app;dur=` header; excludes HTTP and wrangler dev's proxy; D1 reads included):",
  "",
  `- Warm, ${inWorker.length} questions: p50 ${pctOf(inWorker, 50).toFixed(1)} ms, p99 ${pctOf(inWorker, 99).toFixed(1)} ms, max ${inWorker[inWorker.length - 1].toFixed(1)} ms`,
  `- First question of a fresh worker, 3 runs: ${coldIn.map((c) => `${c.toFixed(0)} ms`).join(", ")}`,
  `- First question after the home screen warmed the index, 3 runs: ${afterHomeIn.map((c) => `${c.toFixed(0)} ms`).join(", ")}`,
  "",
  "The engine alone (in-process, same questions) is measured by `npm run eval` (bench/eval-report.md).",
  "",
];
console.log(lines.join("\n"));
writeFileSync(path.join(ROOT, "bench", "ask-report.md"), lines.join("\n"));
