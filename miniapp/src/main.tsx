import React from "react";
import { createRoot } from "react-dom/client";
import "zmp-ui/zaui.css";
import "./styles/app.css";
import appConfig from "../app-config.json";
import { App, prefetchCitizenScreens } from "./app";
import { captureBootShell } from "./features/ask/boot-shell";
import { watchNetwork } from "./lib/network";
import { startOutbox } from "./lib/outbox";
import { keepQueryCacheOnExit } from "./lib/query";
import { loadZaloSdk } from "./lib/zalo";

if (!window.APP_CONFIG) window.APP_CONFIG = appConfig;

/** The stylesheet loads without blocking the first paint (vite.config.ts); the app waits for it. */
function stylesheetReady(): Promise<void> {
  const link = document.querySelector<HTMLLinkElement>("link[data-app-css]");
  if (!link || (link.sheet && link.media === "all")) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      link.media = "all";
      resolve();
    };
    if (link.sheet) return done();
    link.addEventListener("load", done, { once: true });
    link.addEventListener("error", done, { once: true });
  });
}

// In Zalo the SDK (device storage, network status) is loaded first; a browser skips it.
void Promise.all([loadZaloSdk(), stylesheetReady()]).then(() => {
  watchNetwork();
  startOutbox();
  keepQueryCacheOnExit();
  captureBootShell();
  createRoot(document.getElementById("app")!).render(React.createElement(App));
  document.documentElement.dataset.app = "ready";
  const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1200));
  idle(() => prefetchCitizenScreens());
});
