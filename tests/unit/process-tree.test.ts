// npm start and the e2e runner stop their whole process tree: a server's grandchildren
// (workerd under wrangler) die with it, even when the runner itself is SIGKILLed; and a port
// held by a stale process is reported with its pid.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkPortFree } from "../../scripts/lib/processes.mjs";

const lib = path.resolve(import.meta.dirname, "../../scripts/lib/processes.mjs");
const started: ChildProcess[] = [];

/** A runner like start.mjs: one server tree whose grandchild listens on a port it prints. */
function runner(mode: "wait" | "exit-after-ready") {
  const grandchild = `require('net').createServer().listen(0,'127.0.0.1',function(){console.log('PORT '+this.address().port)});setInterval(()=>{},1e3)`;
  const server = `const {spawn}=require('child_process');spawn(process.execPath,['-e',${JSON.stringify(grandchild)}],{stdio:'inherit'});setInterval(()=>{},1e3)`;
  const script = `
    import { spawnTree, stopTreesOnExit } from ${JSON.stringify(lib)};
    const stop = stopTreesOnExit();
    const s = spawnTree(process.execPath, ["-e", ${JSON.stringify(server)}], { stdio: ["ignore", "pipe", "inherit"] });
    s.stdout.on("data", (d) => { process.stdout.write(d); if (${JSON.stringify(mode)} === "exit-after-ready") setTimeout(() => stop(0), 200); });
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(child);
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      const m = /PORT (\d+)/.exec(String(d));
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on("exit", (code) => reject(new Error(`runner exited early (${code})`)));
    setTimeout(() => reject(new Error("runner did not start")), 10_000);
  });
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

async function waitFree(port: number, ms = 5000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!(await listening(port))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

afterEach(() => {
  for (const c of started) if (c.exitCode === null) c.kill("SIGKILL");
});

describe("process trees", () => {
  it("a SIGKILLed runner leaves no server behind: the reaper kills the grandchildren", async () => {
    const { child, port } = await runner("wait");
    expect(await listening(port)).toBe(true);
    child.kill("SIGKILL");
    expect(await waitFree(port)).toBe(true);
  }, 20_000);

  it("a runner that stops normally takes its whole tree with it", async () => {
    const { port } = await runner("exit-after-ready");
    expect(await waitFree(port)).toBe(true);
  }, 20_000);

  it("a port still held by a stale process is reported with its pid", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    await expect(checkPortFree(port)).rejects.toThrow(new RegExp(`Port ${port} is still held by (pid ${process.pid} |another process)`));
    await new Promise((r) => server.close(r));
    await expect(checkPortFree(port)).resolves.toBeUndefined();
  });
});
