import react from "@vitejs/plugin-react";
import { readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";
import { cssRem } from "./build/css-rem";

const here = import.meta.dirname;
const appConfig = JSON.parse(readFileSync(path.join(here, "app-config.json"), "utf8"));
// The dev server proxies /api to the local worker, so the app uses same-origin URLs.
const workerUrl = process.env.WORKER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;

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

export default defineConfig({
  root: here,
  plugins: [zaloMiniApp(appConfig), react(), nonBlockingCss],
  resolve: { alias: { "@worker": path.join(here, "..", "worker", "src") } },
  // Sizes in rem (the phone's text size), zmp-ui's unused parts dropped: see build/css-rem.ts.
  css: { postcss: { plugins: [cssRem()] } },
  server: {
    host: "localhost",
    port: Number(process.env.MINIAPP_PORT ?? 3000),
    strictPort: true,
    // ws: the live inbox socket (/api/live) goes through the same proxy.
    proxy: { "/api": { target: workerUrl, changeOrigin: true, ws: true } },
  },
  build: { outDir: path.join(here, "..", "www"), emptyOutDir: true },
});
