// Runs the project's pinned wrangler CLI.
//
// wrangler 4.87's launcher (bin/wrangler.js) refuses Node < 22 before doing anything, but the
// CLI bundle itself runs on Node 20, which this project targets; so we start the bundle
// directly with the same flags the launcher would pass.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { spawnTree } from "./processes.mjs";

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve("wrangler/package.json")), "wrangler-dist", "cli.js");
const nodeArgs = ["--no-warnings", "--experimental-vm-modules", cli];

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
/** One persistence directory for every local D1 command and `wrangler dev`. */
export const PERSIST_TO = process.env.D1_PERSIST_TO ?? path.join(ROOT, ".wrangler", "state");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "" };

export function wranglerSync(args, { capture = false } = {}) {
  const res = spawnSync(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) {
    const detail = capture ? `\n${res.stdout}\n${res.stderr}` : "";
    throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed (exit ${res.status})${detail}`);
  }
  return res.stdout;
}

export function wranglerSpawn(args, options = {}) {
  return spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env, stdio: "inherit", ...options });
}

/** `wrangler …` in its own process group (with the workerd it starts), stopped as a tree (processes.mjs). */
export function wranglerSpawnTree(args, options = {}) {
  return spawnTree(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env, stdio: "inherit", ...options });
}

/** Target flags for D1 commands: local (default, with our persist dir) or --remote. */
export function d1Target(remote) {
  return remote ? ["--remote"] : ["--local", "--persist-to", PERSIST_TO];
}

/** Runs a read query and returns its rows. */
export function d1Query(sql, { remote = false } = {}) {
  const out = wranglerSync(["d1", "execute", "DB", ...d1Target(remote), "--json", "--command", sql], {
    capture: true,
  });
  const parsed = JSON.parse(out.slice(out.indexOf("[")));
  return parsed[0]?.results ?? [];
}

export function d1ExecuteFile(file, { remote = false } = {}) {
  wranglerSync(["d1", "execute", "DB", ...d1Target(remote), "--yes", "--file", file], { capture: true });
}

/** `wrangler dev` flags that point the Zalo OA channel at a local fake Zalo and the preview. */
export function zaloDevVars(fakeZaloUrl, appPort) {
  return [
    "--var",
    `ZALO_OA_API_URL:${fakeZaloUrl}`,
    "--var",
    `ZALO_OAUTH_URL:${fakeZaloUrl}`,
    "--var",
    `MINIAPP_URL:http://localhost:${appPort}`,
  ];
}
