import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** Windows longer than this survive the object being evicted (kept in its storage). */
const PERSIST_ABOVE_MS = 60_000;

export interface HitResult {
  ok: boolean;
  /** Hits left in the window after this one (0 when refused). */
  remaining: number;
  /** Seconds until the oldest counted hit leaves the window (when refused). */
  retryAfterS: number;
}

/**
 * One object per limited thing (rule + key, e.g. "ask_ip:203.0.113.9"): an exact sliding
 * window of hit times. A Durable Object runs one call at a time, so parallel requests are
 * counted exactly, unlike a counter read and written from the worker.
 */
export class RateLimiter extends DurableObject<Env> {
  private hits: number[] | null = null;

  async hit(limit: number, periodMs: number, now = Date.now(), cost = 1): Promise<HitResult> {
    const persist = periodMs > PERSIST_ABOVE_MS;
    if (this.hits === null) this.hits = persist ? ((await this.ctx.storage.get<number[]>("hits")) ?? []) : [];
    const since = now - periodMs;
    let drop = 0;
    while (drop < this.hits.length && this.hits[drop] <= since) drop++;
    if (drop) this.hits.splice(0, drop);
    if (this.hits.length + cost > limit) {
      const oldest = this.hits[Math.max(0, this.hits.length + cost - limit - 1)] ?? now;
      return { ok: false, remaining: 0, retryAfterS: Math.max(1, Math.ceil((oldest + periodMs - now) / 1000)) };
    }
    for (let i = 0; i < cost; i++) this.hits.push(now);
    if (persist) await this.ctx.storage.put("hits", this.hits);
    return { ok: true, remaining: limit - this.hits.length, retryAfterS: 0 };
  }

  /** Forget the hits (e.g. a successful login clears the per-account failures). */
  async clear(): Promise<void> {
    this.hits = [];
    await this.ctx.storage.delete("hits");
  }
}
