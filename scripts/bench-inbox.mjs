// `npm run bench:inbox`: the officers' inbox at scale on local workerd (wrangler dev, local D1):
// one ward with 10,000 conversations and 100,000 messages. Measures posting a message, listing
// the inbox (views, filters, search), opening a thread, and the delay until a new message
// reaches the other side, over the live WebSocket and by the app's 5 s polling fallback.
// Writes bench/inbox-report.md. Uses its own D1 directory; the app's local data is untouched.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const PERSIST = path.join(ROOT, ".wrangler", "bench-inbox");
process.env.D1_PERSIST_TO = PERSIST; // read by lib/wrangler.mjs at import
const { wranglerSpawn, wranglerSync } = await import("./lib/wrangler.mjs");

const WARD = "11617";
const CONVERSATIONS = 10_000;
const MESSAGES_PER_CONVERSATION = 10;
const demo = JSON.parse(readFileSync(path.join(ROOT, "data", "demo", "ward-contacts.json"), "utf8"));
const officers = demo.wards.find((w) => w.code === WARD).officers;

rmSync(PERSIST, { recursive: true, force: true });
mkdirSync(PERSIST, { recursive: true });
const tSetup = performance.now();
const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts", "--no-catalog"], {
  cwd: ROOT,
  env: { ...process.env, D1_PERSIST_TO: PERSIST },
  stdio: ["ignore", "ignore", "inherit"],
});
if (setup.status !== 0) process.exit(1);

// Synthetic but realistic volume: 3,000 citizens, fields of the ward's officers, mixed statuses.
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
  const id = `bench-c-${i}`;
  const citizen = i % 3000 === 0 ? "dev:bench-citizen" : `dev:bench-${i % 3000}`;
  const text = `${subject} (${i})`;
  const updated = created + MESSAGES_PER_CONVERSATION * 1000;
  const folded = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  convRows.push(
    `(${q(id)},${q(WARD)},${q(citizen)},${q(field)},NULL,${q(status)},${q(assigned)},NULL,${created},${updated},${status === "open" ? "NULL" : created + 1000},NULL,NULL,${q(text)},${q(`${folded} ${field ? field.toLowerCase() : ""}`)},0,${status === "open" ? 1 : 0},NULL,NULL,NULL)`,
  );
  for (let m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
    const officer = m % 2 === 1;
    msgRows.push(
      `(${q(`bench-m-${i}-${m}`)},${q(id)},${q(officer ? "officer" : "citizen")},${q(officer ? "bench-officer" : citizen)},'message',${q(m === 0 ? text : officer ? "Dạ, bác mang theo căn cước và bản chính giấy tờ nhé." : "Vâng, cảm ơn cán bộ ạ.")},NULL,${created + m * 1000})`,
    );
  }
}
const chunks = (rows, n) => Array.from({ length: Math.ceil(rows.length / n) }, (_, k) => rows.slice(k * n, k * n + n));
const sqlFile = path.join(PERSIST, "bench-data.sql");
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
const tLoad = performance.now();
wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--file", sqlFile, "--yes"], { capture: true });
const loadSeconds = (performance.now() - tLoad) / 1000;
const counts = JSON.parse(
  wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--json", "--command", "SELECT (SELECT COUNT(*) FROM conversations) AS c, (SELECT COUNT(*) FROM messages) AS m"], {
    capture: true,
  }),
)[0].results[0];
console.log(`Loaded ${counts.c} conversations and ${counts.m} messages in ${loadSeconds.toFixed(1)} s (setup ${((tLoad - tSetup) / 1000).toFixed(1)} s).`);

const port = 8797;
const base = `http://127.0.0.1:${port}`;
const worker = wranglerSpawn(["dev", "--env", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", PERSIST, "--show-interactive-dev-session=false"], {
  stdio: ["ignore", "ignore", "ignore"],
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function call(method, url, token, body) {
  const t0 = performance.now();
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return { ms: performance.now() - t0, json };
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const row = (name, xs) => `| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 99).toFixed(1)} |`;

const results = [];
const delays = { live: [], polling: [] };
try {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // starting
    }
    await sleep(200);
  }
  const officer = (await call("POST", "/api/auth/login", null, { username: "canbo.anhai", password: demo._demoPassword })).json.token;
  const citizen = (await call("POST", "/api/auth/zalo", null, { accessToken: "dev-bench-citizen" })).json.token;
  const ownThreads = (await call("GET", "/api/conversations?limit=100", citizen)).json.items.map((c) => c.id);
  const measure = async (name, n, fn) => {
    for (let i = 0; i < 20; i++) await fn(i); // warm-up
    const xs = [];
    for (let i = 0; i < n; i++) xs.push(await fn(i));
    results.push(row(name, xs));
    console.log(results.at(-1));
  };
  // Same-run baseline: what wrangler dev and HTTP cost for a trivial route on this machine.
  await measure("GET /api/health (baseline)", 200, async () => (await call("GET", "/api/health", null)).ms);
  await measure("GET inbox, all (first 50)", 200, async () => (await call("GET", "/api/conversations?view=all", officer)).ms);
  await measure("GET inbox, mine", 200, async () => (await call("GET", "/api/conversations?view=mine", officer)).ms);
  await measure("GET inbox, unassigned + open", 200, async () => (await call("GET", "/api/conversations?view=unassigned&status=open", officer)).ms);
  await measure("GET inbox, field filter", 200, async () => (await call("GET", `/api/conversations?field=${encodeURIComponent("Đất đai")}`, officer)).ms);
  await measure("GET inbox, search 'tam tru'", 200, async () => (await call("GET", "/api/conversations?q=tam%20tru", officer)).ms);
  let page;
  await measure("GET inbox, page 2", 200, async () => {
    page ??= (await call("GET", "/api/conversations", officer)).json.nextBefore;
    return (await call("GET", `/api/conversations?before=${page}`, officer)).ms;
  });
  await measure("GET thread (10 messages)", 200, async (i) => (await call("GET", `/api/conversations/bench-c-${(i * 37) % CONVERSATIONS}`, officer)).ms);
  await measure("POST message (citizen)", 200, async (i) => (await call("POST", `/api/conversations/${ownThreads[i % ownThreads.length]}/messages`, citizen, { text: `Cho tôi hỏi thêm (${i})` })).ms);
  await measure("POST message (officer)", 200, async (i) => (await call("POST", `/api/conversations/bench-c-${(i * 53) % CONVERSATIONS}/messages`, officer, { text: `Dạ, trả lời (${i})` })).ms);

  // Delivery over the live socket: citizen posts, the officer's socket hears of it.
  const { ticket } = (await call("POST", "/api/live/ticket", officer, {})).json;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live?ticket=${encodeURIComponent(ticket)}`);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let waiting = null;
  ws.onmessage = (e) => {
    const event = JSON.parse(String(e.data));
    if (waiting && event.conversationId === waiting.id) {
      waiting.resolve(performance.now());
      waiting = null;
    }
  };
  for (let i = 0; i < 120; i++) {
    const id = ownThreads[i % ownThreads.length];
    const heard = new Promise((resolve) => (waiting = { id, resolve }));
    const t0 = performance.now();
    await call("POST", `/api/conversations/${id}/messages`, citizen, { text: `Tin trực tiếp (${i})` });
    const t1 = await Promise.race([heard, sleep(5000).then(() => NaN)]);
    if (i >= 20) delays.live.push(t1 - t0);
    await sleep(50);
  }
  ws.close();

  // Polling fallback as the app does it without a socket: the inbox is fetched every 5 s.
  for (let i = 0; i < 12; i++) {
    const id = ownThreads[(i + 7) % ownThreads.length];
    await sleep(Math.random() * 5000); // a message arrives at a random moment of the poll cycle
    const t0 = performance.now();
    const posted = await call("POST", `/api/conversations/${id}/messages`, citizen, { text: `Tin chờ tải lại (${i})` });
    void posted;
    // The poller's clock started independently; model its next tick uniformly within 5 s.
    const nextPoll = Math.random() * 5000;
    await sleep(Math.max(0, nextPoll - (performance.now() - t0)));
    const list = await call("GET", "/api/conversations?view=all", officer);
    if (!list.json.items.some((c) => c.id === id)) throw new Error("polled inbox missed the new message");
    delays.polling.push(performance.now() - t0);
  }
} finally {
  worker.kill("SIGTERM");
  await sleep(500);
}
rmSync(PERSIST, { recursive: true, force: true });

const live = delays.live.filter((x) => Number.isFinite(x));
const report = `# Inbox benchmark

\`npm run bench:inbox\` on ${new Date().toISOString().slice(0, 10)}, this machine (${(await import("node:os")).cpus().length} cores), wrangler dev with local D1 over loopback (HTTP included).
One ward (${WARD}) holding ${counts.c.toLocaleString("en")} conversations and ${counts.m.toLocaleString("en")} messages, loaded in ${loadSeconds.toFixed(1)} s.

| request | n | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
${results.join("\n")}

## Delivery delay of a new message to the other side

From the moment the citizen sends until the officer's screen knows (the app then fetches the thread):

| path | n | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
${row("live WebSocket (Durable Object per ward)", live)}
${row("polling every 5 s (fallback without a socket)", delays.polling)}

Live deliveries lost (no event within 5 s): ${delays.live.length - live.length} of ${delays.live.length}.
Polling delay is the wait for the next 5-second poll plus the list request; with a socket the app polls only every 60 s as a safety net.
`;
mkdirSync(path.join(ROOT, "bench"), { recursive: true });
writeFileSync(path.join(ROOT, "bench", "inbox-report.md"), report);
console.log(report);
