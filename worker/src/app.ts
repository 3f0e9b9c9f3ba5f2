import { Hono } from "hono";
import { faqRoutes, publicFaqRoutes } from "./admin/faqs.routes";
import { fieldOrderRoutes } from "./admin/field-order.routes";
import { localProcedureRoutes } from "./admin/local-procedures.routes";
import { staffRoutes } from "./admin/staff.routes";
import { askRoutes } from "./ask/ask.routes";
import { authRoutes } from "./auth/auth.routes";
import { fieldRoutes } from "./catalog/fields.routes";
import { procedureRoutes } from "./catalog/procedures.routes";
import { wardRoutes } from "./catalog/wards.routes";
import { contactRoutes } from "./contact/contacts.routes";
import { conversationRoutes } from "./contact/conversations.routes";
import { createDb } from "./db/client";
import type { AppEnv } from "./env";
import { healthRoutes } from "./health/health.routes";
import { liveRoutes } from "./live/live.routes";
import { noticeAdminRoutes, noticePublicRoutes } from "./notices/notices.routes";
import { guardD1 } from "./db/guarded-d1";
import { readSession } from "./platform/auth";
import { myDataRoutes } from "./privacy/my-data.routes";
import { staffPrivacyRoutes } from "./privacy/staff-privacy.routes";
import { bodyCap, corsAllowlist, securityHeaders } from "./platform/edge";
import { onError, onNotFound } from "./platform/errors";
import { zaloOaConfigRoutes } from "./zalo-oa/config.routes";
import { zaloWebhookRoutes } from "./zalo-oa/webhook.routes";

const app = new Hono<AppEnv>();

// Security headers and no-store wrap everything, errors included.
app.use("*", securityHeaders);
// The mini app runs on Zalo's origins (and localhost in development): only those may read it.
app.use("/api/*", corsAllowlist);
// Bodies over the cap are refused (413) before anything reads them.
app.use("/api/*", bodyCap);
app.use("/api/*", async (c, next) => {
  c.set("db", createDb(guardD1(c.env.DB, Number(c.env.D1_TIMEOUT_MS ?? 10_000) || 10_000)));
  await next();
});
app.use("/api/*", readSession);
// Development only: how long the worker itself spent, apart from HTTP and wrangler dev
// (read by the benchmarks). Production clocks stand still during compute, so it would mislead.
app.use("/api/*", async (c, next) => {
  if (c.env.ENVIRONMENT !== "development") return next();
  const t0 = performance.now();
  await next();
  c.res.headers.append("Server-Timing", `app;dur=${(performance.now() - t0).toFixed(2)}`);
});

const routes = app
  .route("/api/health", healthRoutes)
  .route("/api/wards", wardRoutes)
  .route("/api/wards", contactRoutes)
  .route("/api/wards", publicFaqRoutes)
  .route("/api/wards", noticePublicRoutes)
  .route("/api/fields", fieldRoutes)
  .route("/api/procedures", procedureRoutes)
  .route("/api/ask", askRoutes)
  .route("/api/auth", authRoutes)
  .route("/api/conversations", conversationRoutes)
  .route("/api/live", liveRoutes)
  .route("/api/staff", staffRoutes)
  .route("/api/staff", faqRoutes)
  .route("/api/staff", localProcedureRoutes)
  .route("/api/staff", noticeAdminRoutes)
  .route("/api/staff", fieldOrderRoutes)
  .route("/api/staff", staffPrivacyRoutes)
  .route("/api/me", myDataRoutes)
  .route("/api/staff/zalo-oa", zaloOaConfigRoutes)
  .route("/api/zalo/oa", zaloWebhookRoutes);

app.onError(onError);
app.notFound(onNotFound);

export type AppType = typeof routes;
export default app;
