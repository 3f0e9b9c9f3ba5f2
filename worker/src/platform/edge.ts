/**
 * What every API response gets at the edge: CORS for the mini app's origins only, security
 * headers, `Cache-Control: no-store` unless a route says its answer is public, and a body cap
 * enforced before anything parses the body.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppEnv, Env } from "../env";
import { errorBody } from "./errors";

/** Where the Zalo Mini App runs (its webview's origins); CORS_ORIGINS replaces the list. */
export const ZALO_ORIGINS = ["https://h5.zdn.vn", "https://h5.zadn.vn", "https://mini.zalo.me"];
export const DEFAULT_MAX_BODY = 64 * 1024;

export function allowedOrigin(env: Env, origin: string): string | null {
  if (!origin) return null;
  const list = env.CORS_ORIGINS ? env.CORS_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean) : ZALO_ORIGINS;
  if (list.includes(origin)) return origin;
  if (env.ENVIRONMENT === "development" && /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(origin)) return origin;
  return null;
}

export const corsAllowlist: MiddlewareHandler<AppEnv> = (c, next) =>
  cors({
    origin: (origin) => allowedOrigin(c.env, origin),
    allowHeaders: ["Content-Type", "Authorization"],
    allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    exposeHeaders: ["Retry-After"],
    maxAge: 600,
  })(c, next);

function setSecurityHeaders(h: Headers) {
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "no-referrer");
  h.set("X-Frame-Options", "DENY");
  // JSON only: nothing here may run scripts or be framed.
  h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  // Personal data by default; public catalog routes set their own Cache-Control.
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
}

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // A WebSocket upgrade passes through untouched.
  if (c.res.status === 101) return;
  try {
    setSecurityHeaders(c.res.headers);
  } catch {
    // Headers of a response that came from fetch() are immutable: copy it.
    const res = new Response(c.res.body, c.res);
    setSecurityHeaders(res.headers);
    c.res = res;
  }
};

export const bodyCap: MiddlewareHandler<AppEnv> = (c, next) => {
  const max = Number(c.env.MAX_BODY_BYTES ?? DEFAULT_MAX_BODY) || DEFAULT_MAX_BODY;
  return bodyLimit({
    maxSize: max,
    onError: (ctx) => ctx.json(errorBody("payload_too_large", "Nội dung gửi lên quá lớn."), 413),
  })(c, next);
};
