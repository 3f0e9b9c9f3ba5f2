/**
 * Rate limits, on in every environment (development too, so they are exercised).
 *
 * Each rule is "limit/seconds" in a wrangler.toml var `RATE_LIMIT_<RULE>` (defaults below);
 * counts are exact, kept by one RateLimiter Durable Object per rule and key.
 *
 *   await enforce(c, "ask_ip", clientIp(c));          // in a route: throws 429 + Retry-After
 *   const r = await hit(env, "oa_user", oaUserId);    // anywhere with the env: { ok, retryAfterS }
 *
 * Without the LIMITER binding (or if the object cannot be reached) requests pass: a limit
 * protects capacity and must not take the service down with it.
 */
import type { Context } from "hono";
import type { AppEnv, Env } from "../env";
import { ApiError } from "./errors";
import type { HitResult } from "./rate-limiter-do";

export const RULES = {
  /** Every API request, per client IP: a ceiling for floods. */
  api_ip: "600/60",
  /**
   * POST /api/ask per client IP: a ceiling for floods (100 a second), not for use. Carrier-grade
   * NAT and a ward's public Wi-Fi put many citizens behind one address, so a per-minute cap low
   * enough to matter would refuse real citizens.
   */
  ask_ip: "200/2",
  /** Password and Zalo staff sign-ins per client IP (each login costs ~70 ms of PBKDF2). */
  login_ip: "10/60",
  /** Link-code attempts per Zalo identity (each code also dies after 5 wrong tries). */
  link_identity: "10/900",
  /** New conversations per citizen. */
  conversation_citizen: "5/3600",
  /** Messages per citizen (all threads). */
  message_citizen: "30/60",
  /** Messages from one Zalo OA user (for the OA webhook). */
  oa_user: "20/60",
} as const;
export type RuleName = keyof typeof RULES;

export interface Rule {
  limit: number;
  periodMs: number;
}

/** The rule in force: `RATE_LIMIT_<NAME>` from the environment, else the default. */
export function ruleOf(env: Env, name: RuleName): Rule {
  const raw = (env as unknown as Record<string, unknown>)[`RATE_LIMIT_${name.toUpperCase()}`];
  const parsed = typeof raw === "string" ? /^(\d+)\/(\d+)$/.exec(raw.trim()) : null;
  const [limit, seconds] = parsed ? [Number(parsed[1]), Number(parsed[2])] : RULES[name].split("/").map(Number);
  return { limit, periodMs: seconds * 1000 };
}

/** Counts one hit against `name` for `key`; never throws. */
export async function hit(env: Env, name: RuleName, key: string, cost = 1): Promise<HitResult> {
  const ns = env.LIMITER;
  if (!ns) return { ok: true, remaining: Infinity, retryAfterS: 0 };
  const { limit, periodMs } = ruleOf(env, name);
  try {
    // Keys may come from user input: bounded in length.
    const stub = ns.get(ns.idFromName(`${name}:${key.slice(0, 200)}`));
    return await stub.hit(limit, periodMs, Date.now(), cost);
  } catch (err) {
    console.error(`rate limiter unavailable (${name}): ${(err as Error).name}`);
    return { ok: true, remaining: Infinity, retryAfterS: 0 };
  }
}

/** Clears the hits of `name` for `key` (e.g. after a successful sign-in). */
export async function reset(env: Env, name: RuleName, key: string): Promise<void> {
  const ns = env.LIMITER;
  if (!ns) return;
  try {
    await ns.get(ns.idFromName(`${name}:${key.slice(0, 200)}`)).clear();
  } catch {
    // Best effort.
  }
}

export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterS: number) {
    super(429, "rate_limited", `Bạn thao tác quá nhanh. Bạn vui lòng thử lại sau ${retryText(retryAfterS)}.`);
  }
}

export function retryText(seconds: number): string {
  if (seconds < 90) return `${seconds} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}

/** In a route: counts a hit and throws 429 (with Retry-After) when over the limit. */
export async function enforce(c: Context<AppEnv>, name: RuleName, key: string, cost = 1): Promise<void> {
  const r = await hit(c.env, name, key, cost);
  if (!r.ok) throw new RateLimitedError(r.retryAfterS);
}

/** The client's address as Cloudflare saw it (set by the edge, not spoofable there). */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip") ?? "local";
}
