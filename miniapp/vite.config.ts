import react from "@vitejs/plugin-react";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";
import { cssRem } from "./build/css-rem";

const here = import.meta.dirname;
const appConfig = JSON.parse(readFileSync(path.join(here, "app-config.json"), "utf8"));
// The dev server proxies /api to the local worker, so the app uses same-origin URLs.
const workerUrl = process.env.WORKER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
// Development only: the fake Zalo that plays Zalo for the demo OA (the /dev/zalo-chat simulator).
const fakeZaloUrl = `http://127.0.0.1:${process.env.FAKE_ZALO_PORT ?? Number(process.env.PORT ?? 8787) + 100}`;

/**
 * The app's stylesheet must not hold back the first paint: index.html carries the ask box
 * with its own inline styles, so the stylesheet loads without blocking rendering and
 * main.tsx waits for it before the app draws itself.
 */
const nonBlockingCss = {
  name: "motcua-non-blocking-css",
  transformIndexHtml: {
    order: "post" as const,
    handler: (html: string) =>
      html.replace(/<link rel="stylesheet"([^>]*)>/g, `<link rel="stylesheet" media="print" onload="this.media='all'" data-app-css$1>`),
  },
};

/** The demo OA's values from .dev.vars, for the simulator to sign events as Zalo does. */
function demoOa() {
  const file = path.join(here, "..", ".dev.vars");
  const vars: Record<string, string> = {};
  if (existsSync(file)) for (const m of readFileSync(file, "utf8").matchAll(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/gm)) vars[m[1]] = m[2];
  return { oaId: vars.DEMO_OA_ID ?? "demo-oa-anhai", appId: vars.DEMO_OA_APP_ID ?? "demo-app", secret: vars.DEMO_OA_SECRET_KEY ?? "demo-oa-secret" };
}

export default defineConfig(({ command }) => ({
  root: here,
  plugins: [zaloMiniApp(appConfig), react(), nonBlockingCss],
  resolve: { alias: { "@worker": path.join(here, "..", "worker", "src") } },
  // Sizes in rem (the phone's text size), zmp-ui's unused parts dropped: see build/css-rem.ts.
  css: { postcss: { plugins: [cssRem()] } },
  // Never in a build: the simulator and its demo secret exist only on the dev server.
  define: { __ZALO_SIM__: command === "serve" ? JSON.stringify(demoOa()) : "null" },
  server: {
    host: "localhost",
    port: Number(process.env.MINIAPP_PORT ?? 3000),
    strictPort: true,
    // ws: the live inbox socket (/api/live) goes through the same proxy.
    proxy: {
      "/api": { target: workerUrl, changeOrigin: true, ws: true },
      "/fake-zalo": { target: fakeZaloUrl, changeOrigin: true, rewrite: (p) => p.replace(/^\/fake-zalo/, "") },
    },
  },
  build: { outDir: path.join(here, "..", "www"), emptyOutDir: true },
}));
