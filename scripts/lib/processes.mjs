// Child processes that never outlive us. Each server runs in its own process group (wrangler
// and the workerd it starts, Vite and its esbuild), so stopping kills the whole tree; and a
// detached reaper kills those groups if this process dies without cleaning up (SIGKILL, OOM).
// Before a server starts, a port still held by a stale process is reported with its pid.
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const groups = new Set();
let reaper = null;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** The reaper: a detached process that waits for us to die, then kills the groups. */
function ensureReaper() {
  if (reaper) return;
  reaper = spawn(process.execPath, [path.join(here, "reaper.mjs"), String(process.pid)], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
  reaper.unref();
  reaper.stdin.on("error", () => {});
}

function tellReaper() {
  if (reaper?.stdin.writable) reaper.stdin.write(`${[...groups].join(" ")}\n`);
}

/** spawn() in a new process group, tracked for stopAll() and the reaper. */
export function spawnTree(command, args, options = {}) {
  ensureReaper();
  const child = spawn(command, args, { ...options, detached: true });
  groups.add(child.pid);
  tellReaper();
  child.on("exit", () => {
    // The group may still hold grandchildren (workerd): kill it anyway.
    killGroup(child.pid, "SIGKILL");
    groups.delete(child.pid);
    tellReaper();
  });
  return child;
}

/** SIGTERM every tree, then SIGKILL what is left after `graceMs`. */
export async function stopAll(graceMs = 3000) {
  const pids = [...groups];
  for (const pid of pids) killGroup(pid, "SIGTERM");
  const until = Date.now() + graceMs;
  while (Date.now() < until && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids) killGroup(pid, "SIGKILL");
  groups.clear();
  tellReaper();
}

/** Synchronous last resort (process "exit" handlers cannot wait). */
export function killAllNow() {
  for (const pid of groups) killGroup(pid, "SIGKILL");
  groups.clear();
}

function alive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the trees on Ctrl-C, SIGTERM, SIGHUP, an uncaught error or a normal exit. `onStop`
 * runs first (e.g. closing a browser).
 */
export function stopTreesOnExit(onStop = async () => {}) {
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    try {
      await onStop();
    } catch {
      // keep stopping
    }
    await stopAll();
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => stop(sig === "SIGINT" ? 130 : 143));
  process.on("uncaughtException", (err) => {
    console.error(err);
    stop(1);
  });
  process.on("unhandledRejection", (err) => {
    console.error(err);
    stop(1);
  });
  process.on("exit", killAllNow);
  return stop;
}

/** Who holds a TCP port (pid and command), if the system can tell. */
export function portHolder(port) {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
    if (m) return { command: m[1], pid: Number(m[2]) };
  } catch {
    // no ss: fall through
  }
  try {
    const out = execFileSync("lsof", ["-nP", `-iTCP:${port}`, "-sTCP:LISTEN", "-Fpc"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const pid = /^p(\d+)/m.exec(out)?.[1];
    const command = /^c(.+)$/m.exec(out)?.[1];
    if (pid) return { command: command ?? "?", pid: Number(pid) };
  } catch {
    // unknown
  }
  return null;
}

/** Resolves when `port` is free on `host`; otherwise rejects with a message naming the holder. */
export function checkPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err) => {
      if (err.code !== "EADDRINUSE") return reject(err);
      const who = portHolder(port);
      const holder = who ? `pid ${who.pid} (${who.command})` : "another process";
      reject(
        new Error(
          `Port ${port} is still held by ${holder}, probably a server left over from an earlier run.\n` +
            `  Stop it${who ? ` with: kill ${who.pid}` : ""}, or choose another port (PORT, MINIAPP_PORT, E2E_WORKER_PORT, E2E_APP_PORT).`,
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
