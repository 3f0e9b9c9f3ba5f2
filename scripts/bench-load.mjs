// `npm run bench:load`: throughput under concurrent load on local workerd (wrangler dev, local
// D1) with the full catalog and one ward holding 10,000 conversations (100,000 messages).
// autocannon drives a bounded loopback load (fixed duration per run, fixed connection
// counts 1/5/10/20) over: a baseline route that touches no database, ask, browse (fields,
// field lists, records), search, messaging (inbox, thread, post), and all of them mixed.
// Reports requests/s, p50/p99 latency, errors and the concurrency at which p99 doubles
// (against concurrency 1) to bench/load-report.md. Uses its own D1 directory (.wrangler/
// bench-load, reused between runs); the rate limits are raised for the run (one client IP
// would otherwise be refused after 30 asks a minute; the limits are measured by the tests).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import autocannon from "autocannon";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const PERSIST = path.join(ROOT, ".wrangler", "bench-load");
process.env.D1_PERSIST_TO = PERSIST; // read by lib/wrangler.mjs at import
const { wranglerSpawnTree, wranglerSync } = await import("./lib/wrangler.mjs");
const { checkPortFree, stopAll, stopTreesOnExit } = await import("./lib/processes.mjs");

const PORT = Number(process.env.BENCH_PORT ?? 8891);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,5,10,20").split(",").map(Number);
const WARD = "11617";
const CONVERSATIONS = 10_000;
const demo = JSON.parse(readFileSync(path.join(ROOT, "data", "demo", "ward-contacts.json"), "utf8"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
stopTreesOnExit();

mkdirSync(PERSIST, { recursive: true });
await checkPortFree(PORT);

// 1. Catalog and wards (content-hash guarded: a second run skips the import).
const tSetup = performance.now();
const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts"], {
  cwd: ROOT,
  env: { ...process.env, D1_PERSIST_TO: PERSIST },
  stdio: ["ignore", "ignore", "inherit"],
});
if (setup.status !== 0) process.exit(1);
const d1 = (sql) => JSON.parse(wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--json", "--command", sql], { capture: true }))[0].results;

// 2. One ward with 10,000 conversations and 100,000 messages (as bench:inbox).
if (d1("SELECT COUNT(*) AS n FROM conversations")[0].n < CONVERSATIONS) {
  const officers = demo.wards.find((w) => w.code === WARD).officers;
  const topics = [
    ["Hộ tịch", "Xin hỏi đăng ký khai sinh cho con cần giấy tờ gì ạ"],
    ["Chứng thực", "Chứng thực bản sao sổ hộ khẩu mất bao lâu"],
    ["Đất đai", "Hỏi về thủ tục cấp sổ đỏ lần đầu cho đất ông bà để lại"],
    ["Đăng ký, quản lý cư trú", "Đăng ký tạm trú cho người thuê trọ cần gì"],
    [null, "Cho hỏi phường làm việc thứ bảy không"],
  ];
  const q = (s) => (s == null ? "NULL" : `'${String(s).replace(/'/g, "''")}'`);
  const now = Date.now();
  const convRows = [];
  const msgRows = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const [field, subject] = topics[i % topics.length];
    const created = now - (CONVERSATIONS - i) * 60_000;
    const status = i % 10 < 6 ? "resolved" : i % 10 < 8 ? "pending" : "open";
    const fitting = officers.filter((o) => field && o.fields.includes(field));
    const assigned = fitting.length && i % 7 !== 0 ? fitting[i % fitting.length].id : null;
    const id = `load-c-${i}`;
    const citizen = `dev:load-${i % 3000}`;
    const text = `${subject} (${i})`;
    const folded = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
    convRows.push(
      `(${q(id)},${q(WARD)},${q(citizen)},${q(field)},NULL,${q(status)},${q(assigned)},NULL,${created},${created + 10_000},${status === "open" ? "NULL" : created + 1000},NULL,NULL,${q(text)},${q(`${folded} ${field ? field.toLowerCase() : ""}`)},0,${status === "open" ? 1 : 0},NULL,NULL,NULL)`,
    );
    for (let m = 0; m < 10; m++) {
      const officer = m % 2 === 1;
      msgRows.push(
        `(${q(`load-m-${i}-${m}`)},${q(id)},${q(officer ? "officer" : "citizen")},${q(officer ? "load-officer" : citizen)},'message',${q(m === 0 ? text : officer ? "Dạ, bác mang theo căn cước và bản chính giấy tờ nhé." : "Vâng, cảm ơn cán bộ ạ.")},NULL,${created + m * 1000})`,
      );
    }
  }
  const chunks = (rows, n) => Array.from({ length: Math.ceil(rows.length / n) }, (_, k) => rows.slice(k * n, k * n + n));
  const sqlFile = path.join(PERSIST, "load-data.sql");
  writeFileSync(
    sqlFile,
    [
      ...chunks(convRows, 200).map(
        (c) =>
          `INSERT INTO conversations (id,ward_code,citizen_id,field,procedure_code,status,assigned_officer_id,context,created_at,updated_at,first_response_at,rating,rating_comment,subject,search_text,unread_by_citizen,unread_by_staff,auto_reply_at,callback_phone,callback_consent_at) VALUES ${c.join(",")};`,
      ),
      ...chunks(msgRows, 200).map((c) => `INSERT INTO messages (id,conversation_id,author_role,author_id,kind,text,client_message_id,created_at) VALUES ${c.join(",")};`),
    ].join("\n"),
  );
  wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--file", sqlFile, "--yes"], { capture: true });
}
const counts = d1("SELECT (SELECT COUNT(*) FROM procedures) AS p, (SELECT COUNT(*) FROM conversations) AS c, (SELECT COUNT(*) FROM messages) AS m")[0];
console.log(`Data: ${counts.p} procedures, ${counts.c} conversations, ${counts.m} messages (setup ${((performance.now() - tSetup) / 1000).toFixed(0)} s).`);

// 3. The worker, limits raised for a single-IP load.
const high = "100000000/60";
const vars = ["ASK_IP", "LOGIN_IP", "LINK_IDENTITY", "CONVERSATION_CITIZEN", "MESSAGE_CITIZEN"].flatMap((k) => ["--var", `RATE_LIMIT_${k}:${high}`]);
wranglerSpawnTree(["dev", "--env", "dev", "--port", String(PORT), "--ip", "127.0.0.1", "--persist-to", PERSIST, "--show-interactive-dev-session=false", ...vars], {
  stdio: ["ignore", "ignore", "inherit"],
});
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`${BASE}/api/health`)).ok) break;
  } catch {
    // starting
  }
  await sleep(200);
}
const post = async (url, body, token) =>
  (await fetch(`${BASE}${url}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json();
const officer = (await post("/api/auth/login", { username: "canbo.anhai", password: demo._demoPassword })).token;
const citizen = (await post("/api/auth/zalo", { accessToken: "dev-load-0" })).token;
const threads = (await (await fetch(`${BASE}/api/conversations?limit=20`, { headers: { authorization: `Bearer ${citizen}` } })).json()).items.map((c) => c.id);
const codes = d1("SELECT code FROM procedures WHERE levels LIKE '%,xa,%' AND status = 'active' ORDER BY code LIMIT 200").map((r) => r.code);
const fields = d1("SELECT DISTINCT field FROM procedures WHERE levels LIKE '%,xa,%' AND field IS NOT NULL ORDER BY field LIMIT 12").map((r) => r.field);

const json = (method, p, body, token) => ({
  method,
  path: p,
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  ...(body ? { body: JSON.stringify(body) } : {}),
});
const QUESTIONS = ["làm giấy khai sinh cần gì", "đăng ký kết hôn mất bao lâu", "chứng thực bản sao phí bao nhiêu", "đăng ký tạm trú cho người thuê trọ", "mẹ tôi vừa mất làm giấy tờ gì", "cấp lại thẻ căn cước", "sổ đỏ lần đầu", "giá vàng hôm nay"];
const SEARCHES = ["khai sinh", "cccd", "so do", "chung thuc ban sao", "dang ky kinh doanh", "tạm trú", "kết hôn có yếu tố nước ngoài", "xyz qwerty"];
let n = 0;
const SCENARIOS = {
  "baseline (no database)": () => [json("GET", "/api/health/ping")],
  ask: () => QUESTIONS.map((question) => json("POST", "/api/ask", { question, wardCode: WARD })),
  "browse: fields": () => [json("GET", "/api/fields")],
  "browse: field lists": () => fields.map((f) => json("GET", `/api/procedures?field=${encodeURIComponent(f)}&level=xa&limit=20&ward=${WARD}`)),
  "browse: records": () => codes.map((c) => json("GET", `/api/procedures/${encodeURIComponent(c)}`)),
  search: () => SEARCHES.map((s) => json("GET", `/api/procedures?q=${encodeURIComponent(s)}&ward=${WARD}`)),
  messaging: () => [
    json("GET", "/api/conversations?view=all", null, officer),
    json("GET", `/api/conversations/${threads[0]}`, null, officer),
    json("GET", "/api/conversations?q=tam%20tru", null, officer),
    json("POST", `/api/conversations/${threads[1]}/messages`, { text: `Cho tôi hỏi thêm (${++n})` }, citizen),
    json("GET", "/api/conversations/summary", null, citizen),
  ],
  mix: () => [
    json("POST", "/api/ask", { question: QUESTIONS[0], wardCode: WARD }),
    json("GET", "/api/fields"),
    json("GET", `/api/procedures?field=${encodeURIComponent(fields[0])}&level=xa&limit=20`),
    json("GET", `/api/procedures/${codes[3]}`),
    json("GET", `/api/procedures?q=${encodeURIComponent("khai sinh")}`),
    json("POST", "/api/ask", { question: QUESTIONS[2], wardCode: WARD }),
    json("GET", `/api/procedures/${codes[17]}`),
    json("GET", "/api/conversations?view=all", null, officer),
    json("POST", `/api/conversations/${threads[2]}/messages`, { text: "Cảm ơn cán bộ" }, citizen),
    json("GET", `/api/conversations/${threads[2]}`, null, citizen),
  ],
  // The baseline again at the end: the machine's load can change during a run.
  "baseline, again at the end": () => [json("GET", "/api/health/ping")],
};

function run(requests, connections) {
  return new Promise((resolve, reject) => {
    autocannon({ url: BASE, connections, duration: DURATION_S, requests, timeout: 10 }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const only = process.env.BENCH_ONLY;
const rows = [];
for (const [name, make] of Object.entries(SCENARIOS)) {
  if (only && !name.includes(only)) continue;
  // Warm the isolate's caches the way a running service has them.
  await run(make(), 2).catch(() => {});
  const levels = [];
  for (const c of LEVELS) {
    const r = await run(make(), c);
    levels.push({
      c,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx,
      total: r.requests.total,
    });
    console.log(`${name.padEnd(26)} c=${String(c).padStart(2)}  ${r.requests.average.toFixed(0).padStart(5)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  errors ${r.errors + r.timeouts + r.non2xx}/${r.requests.total}`);
  }
  const base99 = Math.max(1, levels[0].p99);
  const doubled = levels.find((l) => l.p99 >= 2 * base99);
  rows.push({ name, levels, doubled: doubled ? doubled.c : null });
}
await stopAll();

const cpus = os.cpus();
const load = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
const md = [
  "# Load benchmark (`npm run bench:load`)",
  "",
  `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus.length} cores (${cpus[0]?.model.trim()}), Node ${process.version}; autocannon and wrangler dev share the machine (load average at the end ${load}, 1/5/15 min; other work on the machine shows there and in the baseline row).`,
  `Data: ${counts.p} procedures (full catalog), ${counts.c} conversations and ${counts.m} messages in ward ${WARD}. ${DURATION_S} s per run; concurrency = autocannon connections; rate limits raised for the run.`,
  "",
  "| scenario | concurrency | req/s | p50 ms | p99 ms | errors |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
  ...rows.flatMap((r) => r.levels.map((l) => `| ${r.name} | ${l.c} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${l.errors} / ${l.total} |`)),
  "",
  "p99 doubles (against concurrency 1) at:",
  "",
  ...rows.map((r) => `- ${r.name}: ${r.doubled ? `concurrency ${r.doubled}` : `not within ${LEVELS.at(-1)}`}`),
  "",
];
if (!only) {
  writeFileSync(path.join(ROOT, "bench", "load-report.md"), md.join("\n"));
  console.log("Wrote bench/load-report.md");
} else console.log(md.join("\n"));
process.exit(0);
