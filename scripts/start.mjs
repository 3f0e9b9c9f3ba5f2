// `npm start`: prepare local D1, then run the worker (wrangler dev) and the mini-app preview
// (Vite) together. Ctrl-C stops both.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { PERSIST_TO, ROOT, wranglerSpawn } from "./lib/wrangler.mjs";

const require = createRequire(import.meta.url);
const workerPort = Number(process.env.PORT ?? 8787);
const appPort = Number(process.env.MINIAPP_PORT ?? 3000);

const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts"], {
  cwd: ROOT,
  stdio: "inherit",
});
if (setup.status !== 0) process.exit(setup.status ?? 1);

const children = [];
const worker = wranglerSpawn(["dev", "--env", "dev", "--port", String(workerPort), "--ip", "127.0.0.1", "--persist-to", PERSIST_TO, "--show-interactive-dev-session=false"]);
children.push(worker);
const vite = spawn(
  process.execPath,
  [path.join(path.dirname(require.resolve("vite/package.json")), "bin", "vite.js"), "--config", "miniapp/vite.config.ts"],
  { cwd: ROOT, stdio: "inherit", env: { ...process.env, PORT: String(workerPort), MINIAPP_PORT: String(appPort) } },
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

const stop = (code = 0) => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
for (const c of children) c.on("exit", (code) => stop(code ?? 1));

const [apiUp, appUp] = await Promise.all([
  waitFor(`http://127.0.0.1:${workerPort}/api/health`),
  waitFor(`http://localhost:${appPort}/`),
]);
console.log("\n──────────────────────────────────────────────");
console.log(` Một Cửa is running${apiUp && appUp ? "" : " (still starting…)"}`);
console.log(`   Mini app (preview): http://localhost:${appPort}/`);
console.log(`   API (worker):       http://127.0.0.1:${workerPort}/api/health`);
console.log(" Press Ctrl-C to stop both.");
console.log("──────────────────────────────────────────────\n");
