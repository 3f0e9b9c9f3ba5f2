// `npm run bench:catalog`: import time of the full portal export into a fresh local D1, and
// latency of the catalog API on local workerd (wrangler dev), measured over loopback.
// Numbers are printed and written to bench/catalog-report.md.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, wranglerSpawn } from "./lib/wrangler.mjs";

const persist = mkdtempSync(path.join(tmpdir(), "mot-cua-bench-"));
const env = { ...process.env, D1_PERSIST_TO: persist };
const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const run = (args) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed`);
  return performance.now() - t0;
};

console.log("Preparing a fresh local D1…");
run([path.join(ROOT, "scripts", "lib", "wrangler-cli.mjs"), "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
run([tsx, "scripts/seed-wards.ts"]);
const importMs = run([tsx, "scripts/catalog-import.ts", "--report", path.join(persist, "report.md")]);
console.log(`Catalog import (2,642 records, parse + SQL + wrangler d1 execute): ${(importMs / 1000).toFixed(1)} s`);

const port = 8799;
const worker = wranglerSpawn(["dev", "--env", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persist, "--show-interactive-dev-session=false"], {
  stdio: ["ignore", "ignore", "ignore"],
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const codes = (await (await fetch(`${base}/api/procedures?limit=100&level=xa`)).json()).items.map((p) => p.code);
  const queries = ["khai sinh", "dang ky tam tru", "chứng thực", "giay phep xay dung", "can cuoc", "ket hon", "ho kinh doanh", "đất đai"];

  async function measure(label, urls, n) {
    for (const u of urls.slice(0, 20)) await (await fetch(u)).arrayBuffer(); // warm-up
    const times = [];
    for (let i = 0; i < n; i++) {
      const u = urls[i % urls.length];
      const t0 = performance.now();
      const res = await fetch(u);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${u} → ${res.status}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
    const row = { label, n, p50: pct(50), p99: pct(99), max: times[times.length - 1] };
    console.log(`${label}: n=${n} p50=${row.p50.toFixed(1)} ms p99=${row.p99.toFixed(1)} ms max=${row.max.toFixed(1)} ms`);
    return row;
  }
  const rows = [
    await measure("GET /api/procedures/:code", codes.map((c) => `${base}/api/procedures/${c}`), 500),
    await measure("GET /api/procedures?q=", queries.map((q) => `${base}/api/procedures?q=${encodeURIComponent(q)}`), 400),
    await measure("GET /api/wards?q=", ["an hai", "phuong an hai hai phong", "thien huong", "Việt Xuyên"].map((q) => `${base}/api/wards?q=${encodeURIComponent(q)}`), 400),
  ];
  const report = [
    "# Catalog benchmark",
    "",
    `Measured ${new Date().toISOString()} on this machine (${process.platform}, Node ${process.version}), local workerd via wrangler dev, sequential requests over loopback.`,
    "",
    `- Catalog import, full export (2,642 records) into a fresh local D1: **${(importMs / 1000).toFixed(1)} s**`,
    "",
    "| request | n | p50 (ms) | p99 (ms) | max (ms) |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.label} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`),
    "",
  ].join("\n");
  writeFileSync(path.join(ROOT, "bench", "catalog-report.md"), report);
} finally {
  worker.kill("SIGTERM");
  rmSync(persist, { recursive: true, force: true });
}
