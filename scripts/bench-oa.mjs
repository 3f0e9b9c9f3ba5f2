// `npm run bench:oa`: the Zalo OA channel on loopback, wrangler dev (local D1, the full
// catalog) against the local fake Zalo. 1,000 signed webhook events, 10 % of them Zalo-style
// resends of an earlier event (some at the same moment, some later): webhook acknowledgement
// latency, time from event to the bot's reply arriving at Zalo, the duplicates Zalo received
// (must be 0), then officers' replies to handed-off conversations until Zalo has them.
// Writes bench/oa-report.md. Uses its own D1 directory; the app's local data is untouched.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const PERSIST = path.join(ROOT, ".wrangler", "bench-oa");
process.env.D1_PERSIST_TO = PERSIST; // read by lib/wrangler.mjs at import
const { wranglerSpawn, zaloDevVars } = await import("./lib/wrangler.mjs");
const { ensureDevVars } = await import("./lib/dev-vars.mjs");
const { DEMO_APPS, startFakeZalo } = await import("../tests/fake-zalo/fake-zalo.mjs");

const EVENTS = 1000;
const RUN = Date.now().toString(36);
const DUPLICATE_SHARE = 0.1;
const CONCURRENCY = 10;
const HANDOFFS = 50;
/** After the burst: events at a steady rate, as a busy ward's OA would see them. */
const PACED = 100;
const PACED_PER_SECOND = 5;
const port = Number(process.env.BENCH_OA_PORT ?? 8798);
const fakePort = Number(process.env.BENCH_OA_FAKE_PORT ?? port + 100);
const base = `http://127.0.0.1:${port}`;
const vars = ensureDevVars();
const demo = JSON.parse(readFileSync(path.join(ROOT, "data", "demo", "ward-contacts.json"), "utf8"));

// BENCH_OA_REUSE=1 keeps the last run's D1 (faster while working on the bench; numbers then include old rows).
if (!process.env.BENCH_OA_REUSE) rmSync(PERSIST, { recursive: true, force: true });
mkdirSync(PERSIST, { recursive: true });
const tSetup = performance.now();
const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts"], {
  cwd: ROOT,
  env: { ...process.env, D1_PERSIST_TO: PERSIST },
  stdio: ["ignore", "ignore", "inherit"],
});
if (setup.status !== 0) process.exit(1);
console.log(`D1 ready (catalog, demo OA) in ${((performance.now() - tSetup) / 1000).toFixed(0)} s.`);

const fake = await startFakeZalo({ port: fakePort, apps: DEMO_APPS, quiet: true });
const worker = wranglerSpawn(
  ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", PERSIST, "--show-interactive-dev-session=false", ...zaloDevVars(fake.url, 3000)],
  { stdio: ["ignore", openSync(path.join(PERSIST, "wrangler.log"), "w"), openSync(path.join(PERSIST, "wrangler.log"), "a")] },
);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const row = (name, xs) => `| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 99).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;

const QUESTIONS = [
  "Đăng ký khai sinh cần giấy tờ gì?",
  "lam giay khai sinh can gi",
  "Lệ phí đăng ký kết hôn bao nhiêu?",
  "Chứng thực bản sao mất bao lâu?",
  "dk tam tru o dau",
  "Đăng ký khai tử cần mang theo gì",
  "Cấp lại thẻ căn cước ở đâu?",
  "Tách hộ mất bao lâu",
  "Đăng ký thường trú cho con cần giấy tờ gì",
  "Xin giấy xác nhận tình trạng hôn nhân",
  "Nhà hàng xóm xây lấn lối đi chung thì báo ai?",
  "giá vàng hôm nay",
];

function signed(event) {
  const raw = JSON.stringify(event);
  const mac = createHash("sha256").update(vars.DEMO_OA_APP_ID + raw + event.timestamp + vars.DEMO_OA_SECRET_KEY).digest("hex");
  return { raw, mac };
}
const eventFor = (user, text, msgId) => ({
  app_id: vars.DEMO_OA_APP_ID,
  user_id_by_app: user,
  event_name: "user_send_text",
  timestamp: String(Date.now()),
  sender: { id: user },
  recipient: { id: vars.DEMO_OA_ID },
  message: { msg_id: msgId, text },
});
/** Posts a signed event as Zalo does; resolves with the acknowledgement time (ms). */
async function post({ raw, mac }) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/zalo/oa/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-zevent-signature": `mac=${mac}` }, body: raw });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${body.slice(0, 300)}`);
  return performance.now() - t0;
}
const delivered = async (user) => (await (await fetch(`${fake.url}/__fake/messages?${new URLSearchParams(user ? { user_id: user } : {})}`)).json()).messages;

let report;
try {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // starting
    }
    await sleep(200);
  }
  // Warm-up: an isolate with the index loaded, the demo OA's first token refresh done.
  for (let i = 0; i < 5; i++) await post(signed(eventFor(`warm-${i}`, QUESTIONS[i], `warm-${i}`)));
  await sleep(1500);

  // 900 citizens each send one question; 100 of those events are sent again by "Zalo".
  const unique = Math.round(EVENTS * (1 - DUPLICATE_SHARE));
  const originals = Array.from({ length: unique }, (_, i) => {
    const user = `bench-u${i}-${RUN}`;
    return { user, msgId: `bench-m${i}-${RUN}`, text: QUESTIONS[i % QUESTIONS.length] };
  });
  const queue = originals.map((o) => ({ ...o, duplicate: false }));
  for (let k = 0; k < EVENTS - unique; k++) {
    // Every ninth original gets a resend, half of them right behind it (concurrent), half later.
    const o = originals[(k * 9) % unique];
    const at = k % 2 === 0 ? queue.findIndex((q) => q.msgId === o.msgId) + 1 : Math.min(queue.length, queue.findIndex((q) => q.msgId === o.msgId) + 40);
    queue.splice(at, 0, { ...o, duplicate: true });
  }
  const sentAt = new Map();
  const events = new Map();
  const ack = [];
  let next = 0;
  const tRun = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < queue.length) {
        const q = queue[next++];
        // A resend is the same body Zalo sent the first time (same signature).
        const ev = events.get(q.msgId) ?? signed(eventFor(q.user, q.text, q.msgId));
        events.set(q.msgId, ev);
        if (!q.duplicate) sentAt.set(q.user, Date.now());
        ack.push(await post(ev));
      }
    }),
  );
  const runSeconds = (performance.now() - tRun) / 1000;
  // Wait until every citizen has the bot's reply (or 60 s).
  let got = [];
  for (let i = 0; i < 300; i++) {
    got = (await delivered()).filter((m) => m.userId.startsWith("bench-u"));
    if (new Set(got.map((m) => m.userId)).size >= unique) break;
    await sleep(200);
  }
  await sleep(2000); // anything sent twice would arrive by now
  got = (await delivered()).filter((m) => m.userId.startsWith("bench-u"));
  const perUser = new Map();
  for (const m of got) perUser.set(m.userId, [...(perUser.get(m.userId) ?? []), m]);
  const duplicatesSent = [...perUser.values()].reduce((n, ms) => n + Math.max(0, ms.length - 1), 0);
  const missing = unique - perUser.size;
  const toReply = [...perUser].map(([user, ms]) => ms[0].at - sentAt.get(user));

  // Paced: one event every 200 ms, each from a new citizen; ack and reply latency without a queue.
  const pacedAck = [];
  const pacedSent = new Map();
  for (let i = 0; i < PACED; i++) {
    const user = `paced-u${i}-${RUN}`;
    pacedSent.set(user, Date.now());
    pacedAck.push(await post(signed(eventFor(user, QUESTIONS[i % QUESTIONS.length], `paced-m${i}-${RUN}`))));
    await sleep(Math.max(0, 1000 / PACED_PER_SECOND - pacedAck.at(-1)));
  }
  let paced = [];
  for (let i = 0; i < 100; i++) {
    paced = (await delivered()).filter((m) => m.userId.startsWith("paced-u"));
    if (new Set(paced.map((m) => m.userId)).size >= PACED) break;
    await sleep(200);
  }
  const pacedFirst = new Map();
  for (const m of paced) if (!pacedFirst.has(m.userId)) pacedFirst.set(m.userId, m.at);
  const pacedReply = [...pacedFirst].map(([user, at]) => at - pacedSent.get(user));
  const pacedDuplicates = paced.length - pacedFirst.size;

  // Handoffs, then officers reply in the inbox; time until Zalo has each reply.
  const handed = originals.slice(0, HANDOFFS);
  for (const h of handed) await post(signed(eventFor(h.user, "gặp cán bộ", `${h.msgId}-handoff`)));
  for (let i = 0; i < 100; i++) {
    const confirmations = (await delivered()).filter((m) => m.text.includes("đã chuyển câu hỏi") && m.userId.startsWith("bench-u"));
    if (confirmations.length >= HANDOFFS) break;
    await sleep(200);
  }
  const login = await (await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "canbo.anhai", password: demo._demoPassword }) })).json();
  const inbox = await (await fetch(`${base}/api/conversations?view=all&limit=100`, { headers: { authorization: `Bearer ${login.token}` } })).json();
  const convs = inbox.items.filter((c) => c.channel === "zalo_oa").slice(0, HANDOFFS);
  const replyAt = new Map();
  const replyPost = [];
  for (const [i, c] of convs.entries()) {
    const text = `Dạ, cán bộ trả lời câu hỏi số ${i} của bạn.`;
    const t0 = performance.now();
    replyAt.set(text, Date.now());
    const res = await fetch(`${base}/api/conversations/${c.id}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ text }),
    });
    await res.arrayBuffer();
    replyPost.push(performance.now() - t0);
  }
  let officerDelivered = [];
  for (let i = 0; i < 150; i++) {
    officerDelivered = (await delivered()).filter((m) => m.text.startsWith("Cán bộ trả lời:\nDạ, cán bộ trả lời câu hỏi số"));
    if (officerDelivered.length >= convs.length) break;
    await sleep(200);
  }
  const toZalo = officerDelivered.map((m) => m.at - replyAt.get(m.text.replace("Cán bộ trả lời:\n", "")));
  const officerDuplicates = officerDelivered.length - new Set(officerDelivered.map((m) => m.text)).size;

  const lines = [
    "# Zalo OA benchmark",
    "",
    `\`npm run bench:oa\` on ${new Date().toISOString().slice(0, 10)}, this machine (${os.cpus().length} cores, shared; load average ${os.loadavg()[0].toFixed(1)} at the end), wrangler dev with local D1 and the full catalog over loopback (HTTP included), against the local fake Zalo (tests/fake-zalo) in the bench process. Nothing reaches Zalo.`,
    "",
    `${EVENTS} signed \`user_send_text\` events from ${unique} citizens, ${EVENTS - unique} of them (${Math.round(DUPLICATE_SHARE * 100)} %) resends of an earlier event with the same body and signature (half right behind the original, half about 40 events later), ${CONCURRENCY} requests in flight; ${runSeconds.toFixed(1)} s to post all.`,
    "",
    "| measure | n | p50 ms | p99 ms | max ms |",
    "| --- | --- | --- | --- | --- |",
    row(`burst (${CONCURRENCY} in flight): webhook acknowledgement`, ack),
    row(`burst (${CONCURRENCY} in flight): event → bot reply received by Zalo`, toReply),
    row(`paced (${PACED_PER_SECOND}/s): webhook acknowledgement`, pacedAck),
    row(`paced (${PACED_PER_SECOND}/s): event → bot reply received by Zalo`, pacedReply),
    row("officer reply: POST /api/conversations/:id/messages", replyPost),
    row("officer reply → received by Zalo", toZalo),
    "",
    `- Bot replies received by Zalo: ${got.length} for ${unique} distinct events (${missing} missing).`,
    `- **Duplicates sent: ${duplicatesSent}** (bot replies to the burst), ${pacedDuplicates} (paced) and ${officerDuplicates} (officer replies).`,
    `- Handed off: ${HANDOFFS} conversations; officer replies delivered: ${officerDelivered.length} of ${convs.length}.`,
    "",
    "The acknowledgement includes one D1 write (the event row that makes resends a no-op and lets the cron sweep recover a crash). Replies are sent by the OA's Durable Object, 8 citizens at a time, each citizen's messages in order.",
  ];
  report = lines.join("\n");
  writeFileSync(path.join(ROOT, "bench", "oa-report.md"), `${report}\n`);
  console.log(report);
  if (duplicatesSent + pacedDuplicates + officerDuplicates > 0 || missing > 0) process.exitCode = 1;
} finally {
  worker.kill("SIGTERM");
  await fake.close();
}
