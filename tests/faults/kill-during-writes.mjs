// Crash test (part of `npm test`): SIGKILL the whole `wrangler dev` tree (wrangler and its
// workerd) in the middle of a burst of message posts, restart it on the same port, and check
// that every acknowledged message is there exactly once, and that retrying the whole burst
// with the same clientMessageIds adds no duplicate. Uses its own D1 directory.
import assert from "node:assert/strict";
import { rmSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const PERSIST = path.join(ROOT, ".wrangler", "test-kill");
process.env.D1_PERSIST_TO = PERSIST;
const { wranglerSpawnTree } = await import("../../scripts/lib/wrangler.mjs");
const { checkPortFree, stopAll, stopTreesOnExit } = await import("../../scripts/lib/processes.mjs");

const PORT = Number(process.env.FAULT_PORT ?? 8796);
const BASE = `http://127.0.0.1:${PORT}`;
const BURST = 120;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
stopTreesOnExit();

rmSync(PERSIST, { recursive: true, force: true });
mkdirSync(PERSIST, { recursive: true });
const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts", "--no-catalog"], {
  cwd: ROOT,
  env: { ...process.env, D1_PERSIST_TO: PERSIST },
  stdio: ["ignore", "ignore", "inherit"],
});
if (setup.status !== 0) process.exit(1);

async function start() {
  await checkPortFree(PORT);
  const high = "100000000/60";
  const child = wranglerSpawnTree(
    ["dev", "--env", "dev", "--port", String(PORT), "--ip", "127.0.0.1", "--persist-to", PERSIST, "--show-interactive-dev-session=false", "--var", `RATE_LIMIT_MESSAGE_CITIZEN:${high}`],
    { stdio: ["ignore", "ignore", "ignore"] },
  );
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/api/health/ping`)).ok) return child;
    } catch {
      // starting
    }
    await sleep(200);
  }
  throw new Error("wrangler dev did not start");
}

const api = async (method, url, body, token) => {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
};

let passed = 0;
let failed = 0;
try {
  let worker = await start();
  const token = (await api("POST", "/api/auth/zalo", { accessToken: "dev-crash-test" })).body.token;
  const conv = (await api("POST", "/api/conversations", { wardCode: "11617", text: "Kiểm tra khi máy chủ sập" }, token)).body.conversation;
  assert.ok(conv?.id, "conversation created");

  // The burst: 10 senders; the tree is killed once 40 posts were acknowledged.
  const acked = new Set();
  let next = 0;
  let killed = false;
  const sender = async () => {
    while (next < BURST) {
      const i = next++;
      try {
        const r = await api("POST", `/api/conversations/${conv.id}/messages`, { text: `tin số ${i}`, clientMessageId: `burst-${i}` }, token);
        if (r.status === 201 || r.status === 200) acked.add(i);
      } catch {
        // the server is gone: not acknowledged
      }
      if (!killed && acked.size >= 40) {
        killed = true;
        // Only wrangler itself, as a crash would: its workerd must not keep the port
        // (spawnTree kills the rest of the group when wrangler dies).
        process.kill(worker.pid, "SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: 10 }, sender));
  assert.ok(killed, "the server was killed mid-burst");
  console.log(`  SIGKILLed wrangler dev after ${acked.size} acknowledged posts of ${BURST}`);

  // The tree is gone: the port frees, and the same port serves again.
  for (let i = 0; i < 50; i++) {
    try {
      await checkPortFree(PORT);
      break;
    } catch {
      await sleep(100);
    }
  }
  worker = await start();
  const thread = (await api("GET", `/api/conversations/${conv.id}`, null, token)).body;
  const texts = thread.messages.map((m) => m.text);
  for (const i of acked) assert.equal(texts.filter((t) => t === `tin số ${i}`).length, 1, `acknowledged message ${i} present once`);
  passed++;
  console.log(`  ✓ all ${acked.size} acknowledged messages survived the crash, once each`);

  // Clients retry what was not acknowledged (and some that were): still one message per id.
  for (let i = 0; i < BURST; i++) {
    const r = await api("POST", `/api/conversations/${conv.id}/messages`, { text: `tin số ${i}`, clientMessageId: `burst-${i}` }, token);
    assert.ok(r.status === 200 || r.status === 201, `retry ${i}: ${r.status}`);
  }
  const after = (await api("GET", `/api/conversations/${conv.id}`, null, token)).body.messages.map((m) => m.text);
  for (let i = 0; i < BURST; i++) assert.equal(after.filter((t) => t === `tin số ${i}`).length, 1, `message ${i} exactly once after retries`);
  passed++;
  console.log(`  ✓ retrying all ${BURST} posts leaves exactly one message per clientMessageId`);
} catch (err) {
  failed++;
  console.log(`  ✗ ${err.stack ?? err}`);
} finally {
  await stopAll();
}
console.log(`Crash test: ${passed} passed, ${failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
