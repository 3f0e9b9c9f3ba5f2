// `npm start`: prepare local D1, then run the worker (wrangler dev) and the mini-app preview
// (Vite) together. Ctrl-C stops both.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { DEMO_APPS, startFakeZalo } from "../tests/fake-zalo/fake-zalo.mjs";
import { ensureDevVars } from "./lib/dev-vars.mjs";
import { checkPortFree, spawnTree, stopTreesOnExit } from "./lib/processes.mjs";
import { PERSIST_TO, ROOT, wranglerSpawnTree, zaloDevVars } from "./lib/wrangler.mjs";

const require = createRequire(import.meta.url);
const workerPort = Number(process.env.PORT ?? 8787);
const appPort = Number(process.env.MINIAPP_PORT ?? 3000);
// The demo Zalo OA talks to a local fake Zalo (nothing reaches Zalo in development).
const fakeZaloPort = Number(process.env.FAKE_ZALO_PORT ?? workerPort + 100);
ensureDevVars();

// A server left from an earlier run (e.g. workerd after a crash) would answer in our place.
try {
  await Promise.all([checkPortFree(workerPort), checkPortFree(appPort, "localhost")]);
} catch (err) {
  console.error(`\n${err.message}\n`);
  process.exit(1);
}

const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts"], {
  cwd: ROOT,
  stdio: "inherit",
});
if (setup.status !== 0) process.exit(setup.status ?? 1);

const fakeZalo = await startFakeZalo({ port: fakeZaloPort, apps: DEMO_APPS });
// Each server is its own process tree (wrangler + workerd, Vite + esbuild): stopped whole on
// Ctrl-C, on a crash of this script, or by the reaper if this script is killed.
const stop = stopTreesOnExit(async () => fakeZalo.server.close());
const children = [];
const worker = wranglerSpawnTree([
  "dev",
  "--env",
  "dev",
  "--port",
  String(workerPort),
  "--ip",
  "127.0.0.1",
  "--persist-to",
  PERSIST_TO,
  "--show-interactive-dev-session=false",
  ...zaloDevVars(fakeZalo.url, appPort),
]);
children.push(worker);
const vite = spawnTree(
  process.execPath,
  [path.join(path.dirname(require.resolve("vite/package.json")), "bin", "vite.js"), "--config", "miniapp/vite.config.ts"],
  { cwd: ROOT, stdio: "inherit", env: { ...process.env, PORT: String(workerPort), MINIAPP_PORT: String(appPort), FAKE_ZALO_PORT: String(fakeZalo.port) } },
);
children.push(vite);

async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

// One server stopping stops the other.
for (const c of children) c.on("exit", (code) => stop(code ?? 1));

const [apiUp, appUp] = await Promise.all([
  waitFor(`http://127.0.0.1:${workerPort}/api/health`),
  waitFor(`http://localhost:${appPort}/`),
]);
console.log("\n──────────────────────────────────────────────");
console.log(` Một Cửa is running${apiUp && appUp ? "" : " (still starting…)"}`);
console.log(`   Mini app (preview): http://localhost:${appPort}/`);
console.log(`   API (worker):       http://127.0.0.1:${workerPort}/api/health`);
console.log(`   Zalo chat (demo OA of Phường An Hải, fake Zalo): http://localhost:${appPort}/dev/zalo-chat`);
console.log(" Press Ctrl-C to stop both.");
console.log("──────────────────────────────────────────────\n");
