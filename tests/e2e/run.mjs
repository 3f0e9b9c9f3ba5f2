// Browser tests: prepares local D1, starts the worker and the mini-app dev server on test
// ports, drives Debian's Chromium with playwright-core through each tests/e2e/*.e2e.mjs file,
// and saves screenshots to test-results/e2e/. Never downloads a browser.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";
import { ensureDevVars } from "../../scripts/lib/dev-vars.mjs";
import { checkPortFree, spawnTree, stopAll, stopTreesOnExit } from "../../scripts/lib/processes.mjs";
import { ROOT, wranglerSpawnTree, zaloDevVars } from "../../scripts/lib/wrangler.mjs";
import { DEMO_APPS, startFakeZalo } from "../fake-zalo/fake-zalo.mjs";

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const workerPort = Number(process.env.E2E_WORKER_PORT ?? 8790);
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const outDir = path.join(ROOT, "test-results", "e2e");
// Tests write (conversations, notices, counts): never into the database `npm start` uses.
const PERSIST_TO = process.env.E2E_PERSIST_TO ?? path.join(ROOT, ".wrangler", "e2e-state");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
// The demo Zalo OA's fake Zalo (the OA simulator's replies come from it).
const fakeZaloPort = Number(process.env.E2E_FAKE_ZALO_PORT ?? workerPort + 100);
ensureDevVars();
mkdirSync(outDir, { recursive: true });

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium).`);
  process.exit(1);
}

// A stale server on a test port would answer in place of ours: say so instead of testing it.
try {
  await Promise.all([checkPortFree(workerPort), checkPortFree(appPort, "localhost")]);
} catch (err) {
  console.error(`\n${err.message}\n`);
  process.exit(1);
}

const setup = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/db-setup.ts"], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, D1_PERSIST_TO: PERSIST_TO },
});
if (setup.status !== 0) process.exit(setup.status ?? 1);

const quiet = { stdio: ["ignore", "ignore", "inherit"] };
const fakeZalo = await startFakeZalo({ port: fakeZaloPort, apps: DEMO_APPS, quiet: true });
let browser = null;
// The servers' whole process trees stop on exit, Ctrl-C or a crash of this runner (and via the
// reaper if the runner itself is killed).
stopTreesOnExit(async () => {
  await browser?.close();
  fakeZalo.server.close();
});
const children = [
  wranglerSpawnTree(
    ["dev", "--env", "dev", "--port", String(workerPort), "--ip", "127.0.0.1", "--persist-to", PERSIST_TO, "--show-interactive-dev-session=false", ...zaloDevVars(fakeZalo.url, appPort)],
    quiet,
  ),
  spawnTree(
    process.execPath,
    [path.join(path.dirname(require.resolve("vite/package.json")), "bin", "vite.js"), "--config", "miniapp/vite.config.ts"],
    { cwd: ROOT, ...quiet, env: { ...process.env, PORT: String(workerPort), MINIAPP_PORT: String(appPort), FAKE_ZALO_PORT: String(fakeZalo.port) } },
  ),
];
void children;

async function waitFor(url, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${url}`);
}
await waitFor(`http://127.0.0.1:${workerPort}/api/health`);
await waitFor(`http://localhost:${appPort}/`);

browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

let passed = 0;
let failed = 0;
// E2E_ONLY=chat runs only files whose name contains it (while developing one screen).
const files = readdirSync(path.join(ROOT, "tests", "e2e"))
  .filter((f) => f.endsWith(".e2e.mjs") && f.includes(process.env.E2E_ONLY ?? ""))
  .sort();
for (const file of files) {
  const mod = await import(path.join(ROOT, "tests", "e2e", file));
  for (const [name, fn] of Object.entries(mod.tests)) {
    // A phone-sized viewport: the app must work on a cheap 360 px screen.
    const extraContexts = [];
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "vi-VN" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // An uncaught error in the app fails the test even if the page still renders something.
    const pageErrors = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    // Let the page-transition animation finish before a screenshot.
    const shot = async (label) => {
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(outDir, `${label}.png`) });
    };
    shot.pathFor = (label) => path.join(outDir, `${label}.png`);
    // The phone's text-size setting (100, 150, 200 %): Chromium's default font size, which
    // the app's rem sizes follow.
    const cdp = await context.newCDPSession(page);
    const textSize = async (percent, target = page) => {
      const session = target === page ? cdp : await target.context().newCDPSession(target);
      await session.send("Page.enable");
      await session.send("Page.setFontSizes", { fontSizes: { standard: Math.round((16 * percent) / 100), fixed: Math.round((13 * percent) / 100) } });
    };
    // axe-core in the page: violations of WCAG 2 A/AA rules, by impact.
    const axe = async (target = page) => {
      await target.evaluate(axeSource);
      return target.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
      });
    };
    // A second, separate browser context (another person on another device).
    const newPage = async () => {
      const other = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "vi-VN" });
      extraContexts.push(other);
      const p = await other.newPage();
      p.setDefaultTimeout(15_000);
      p.on("pageerror", (err) => pageErrors.push(err.message));
      return p;
    };
    try {
      await fn({ page, context, baseUrl: `http://localhost:${appPort}`, shot, newPage, textSize, axe, fakeZaloUrl: fakeZalo.url });
      if (pageErrors.length) throw new Error(`uncaught errors in the page: ${pageErrors.join(" | ")}`);
      passed++;
      console.log(`  ✓ ${file} › ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${file} › ${name}\n    ${String(err?.stack ?? err).split("\n").slice(0, 6).join("\n    ")}`);
      if (pageErrors.length) console.log(`    page errors: ${pageErrors.join(" | ")}`);
      await shot(`FAILED-${name.replace(/\W+/g, "-")}`).catch(() => {});
    } finally {
      for (const c of extraContexts) await c.close();
      await context.close();
    }
  }
}
await browser.close();
browser = null;
await stopAll();
console.log(`\nBrowser tests: ${passed} passed, ${failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
