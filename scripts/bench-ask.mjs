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
  // The benchmark measures answering, not the flood limit: a single client asks hundreds in a row.
  const worker = wranglerSpawn(["dev", "--env", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", PERSIST_TO, "--show-interactive-dev-session=false", "--var", "RATE_LIMIT_ASK_IP:100000000/60"], {
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

/** Runs fn against a fresh worker (a new isolate), then stops it. */
async function withWorker(fn) {
  const worker = await startWorker();
  try {
    return await fn();
  } finally {
    worker.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
  }
}

const cold = [];
const coldIn = [];
const afterHome = [];
const afterHomeIn = [];
let warm = [];
const baseline = [];
for (let run = 0; run < 3; run++) {
  // As in the app: the home screen loads /api/fields, the citizen types for a moment, then asks.
  await withWorker(async () => {
    await (await fetch(`${base}/api/fields`)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000));
    afterHome.push(await ask("làm giấy khai sinh cần gì"));
    afterHomeIn.push(lastInWorker);
  });
}
for (let run = 0; run < 3; run++) {
  await withWorker(async () => {
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
  });
}
// A ward with its own content, written through the admin API as a ward admin would: FAQ
// entries and local procedures ranked next to the catalog. Removed again afterwards.
const TOPICS = ["đăng ký khai sinh", "đăng ký kết hôn", "đăng ký khai tử", "chứng thực bản sao", "đăng ký tạm trú", "đăng ký thường trú", "xác nhận tình trạng hôn nhân", "đăng ký giám hộ", "chứng thực chữ ký", "trích lục hộ tịch"];
const TEMPLATES = ["{t} nộp ở quầy nào?", "{t} có cần đặt lịch trước không?", "{t} nhận kết quả vào buổi nào?"];
const FAQS = TOPICS.flatMap((t) => TEMPLATES.map((q) => ({ question: q.replace("{t}", t[0].toUpperCase() + t.slice(1)), answer: "Quầy số 2, tầng 1; nhận hồ sơ sáng thứ Hai đến sáng thứ Bảy." })));
const LOCAL = ["Đăng ký sử dụng nhà văn hóa khu phố", "Đăng ký tham gia chợ phiên cuối tuần", "Đăng ký treo băng rôn quảng cáo trên địa bàn phường", "Xác nhận tham gia tổ dân phòng", "Đăng ký sử dụng sân thể thao của phường"].map((name) => ({
  name,
  documents: [{ name: "Đơn đăng ký (mẫu của phường)" }],
  fee: { kind: "unknown" },
  time: { value: 2, unit: "working_days" },
}));
const contentCold = [];
const contentColdIn = [];
const contentWarm = [];
const contentWarmIn = [];
const created = { faqs: [], procedures: [] };
const call = async (method, route, body, token) => {
  const res = await fetch(`${base}${route}`, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status}`);
  return res.json();
};
let adminToken;
try {
  await withWorker(async () => {
    adminToken = (await call("POST", "/api/auth/login", { username: "quantri.anhai", password: "demo-motcua" })).token;
    for (const f of FAQS) created.faqs.push((await call("POST", "/api/staff/faqs", f, adminToken)).id);
    for (const p of LOCAL) created.procedures.push((await call("POST", "/api/staff/local-procedures", p, adminToken)).code);
  });
  for (let run = 0; run < 3; run++) {
    await withWorker(async () => {
      contentCold.push(await ask("làm giấy khai sinh cần gì"));
      contentColdIn.push(lastInWorker);
      if (run === 0) {
        for (const q of questions.slice(0, 30)) await ask(q);
        for (const q of questions) {
          contentWarm.push(await ask(q));
          contentWarmIn.push(lastInWorker);
        }
      }
    });
  }
} finally {
  // Remove the benchmark's rows entirely (retired procedures would stay in the admin's list).
  const ids = created.faqs.map((c) => `'${c}'`).join(",");
  const codes = created.procedures.map((c) => `'${c}'`).join(",");
  const sql = [
    ids && `DELETE FROM ward_faqs WHERE id IN (${ids});`,
    ...(codes ? ["procedure_methods", "procedure_documents", "procedure_steps", "procedure_legal_bases"].map((t) => `DELETE FROM ${t} WHERE procedure_code IN (${codes});`) : []),
    codes && `DELETE FROM procedures WHERE code IN (${codes});`,
  ].filter(Boolean);
  if (sql.length) {
    spawnSync(process.execPath, ["scripts/lib/wrangler-cli.mjs", "d1", "execute", "DB", "--local", "--persist-to", PERSIST_TO, "--command", sql.join(" ")], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}
contentWarm.sort((a, b) => a - b);
contentWarmIn.sort((a, b) => a - b);

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
  `With the ward's own content (${FAQS.length} FAQ entries, ${LOCAL.length} local procedures for the asking ward, added through the admin API):`,
  "",
  `- Warm, ${contentWarm.length} questions over HTTP: p50 ${pctOf(contentWarm, 50).toFixed(1)} ms, p99 ${pctOf(contentWarm, 99).toFixed(1)} ms; inside workerd: p50 ${pctOf(contentWarmIn, 50).toFixed(1)} ms, p99 ${pctOf(contentWarmIn, 99).toFixed(1)} ms, max ${contentWarmIn[contentWarmIn.length - 1].toFixed(1)} ms`,
  `- First question of a fresh worker, 3 runs: ${contentCold.map((c) => `${c.toFixed(0)} ms`).join(", ")} over HTTP; ${contentColdIn.map((c) => `${c.toFixed(0)} ms`).join(", ")} inside workerd`,
  "",
  "The engine alone (in-process, same questions) is measured by `npm run eval` (bench/eval-report.md).",
  "",
];
console.log(lines.join("\n"));
writeFileSync(path.join(ROOT, "bench", "ask-report.md"), lines.join("\n"));
