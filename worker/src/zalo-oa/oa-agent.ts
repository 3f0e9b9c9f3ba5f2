/**
 * One Durable Object per Zalo OA (named by the OA id). It is the only place that
 *  - refreshes the OA's tokens: refreshes run one at a time, and a caller waiting behind a
 *    refresh gets the new token, so a single-use refresh token is never spent twice;
 *  - sends the OA's outbox (zalo_oa_messages with direction "out"): rows are committed to
 *    D1 first (with the message that caused them), then sent here in order per citizen,
 *    retried with backoff from the object's alarm. Before each attempt the row is marked
 *    "in doubt"; a row still in doubt on the next attempt (a timeout, a 5xx, a crash) is
 *    looked up in Zalo's chat history first, so a reply that did go out is recorded with its
 *    Zalo message_id and never sent again.
 */
import { DurableObject } from "cloudflare:workers";
import { and, asc, desc, eq, inArray, isNotNull, lt, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { createDb, type Db } from "../db/client";
import { zaloOaConfigs, zaloOaMessages, zaloOaUsers } from "../db/schema";
import type { Env } from "../env";
import { appSecretOf, configByOa, windowFor, type OaConfig, type OaMessage } from "./oa-store";
import { open, seal, secretContext } from "./secret-box";
import { exchangeCode, recentMessages, refreshTokens, sendText, userDetail, zaloUrls, type CallResult, type ZaloUrls } from "./zalo-api";

/** Refresh when less than this is left (Zalo's access tokens last about 25 hours). */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** The alarm refreshes ahead of expiry so sending never waits for a refresh. */
const PROACTIVE_REFRESH_MS = 30 * 60 * 1000;
export const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** If the object dies mid-drain, its alarm resumes the work after this. */
const SAFETY_ALARM_MS = 60 * 1000;
/** Citizens served at once; each citizen's messages still go strictly in order. */
const PARALLEL_USERS = 8;
/** How long a kick waits for the round it started. */
const KICK_WAIT_MS = 5000;
/** Rows read per pass: small, so a long queue is never read whole at each wake-up. */
const PAGE = 64;

export type TokenOutcome = { ok: true; token: string } | { ok: false; reason: string };

const REASONS = {
  notConfigured: "OA chưa được kết nối.",
  noToken: "OA chưa có mã truy cập: quản trị phường cần bấm \"Kết nối với Zalo\".",
  secret: "Không mở được khóa bí mật của OA (ZALO_OA_KEY đã đổi?): quản trị phường cần nhập lại.",
  reauth: "Zalo từ chối mã làm mới: quản trị phường cần kết nối lại OA.",
  refreshInDoubt: "Zalo chưa trả lời khi làm mới mã truy cập; sẽ thử lại.",
  badToken: "Zalo không nhận mã truy cập của OA; sẽ thử lại sau khi làm mới.",
  inDoubt: "Zalo chưa trả lời (hết thời gian chờ hoặc lỗi máy chủ Zalo); sẽ kiểm tra rồi thử lại.",
  unverified: "Chưa kiểm tra được tin đã gửi hay chưa; sẽ thử lại.",
  quota: "Zalo báo OA đã hết hạn mức gửi tin; sẽ thử lại sau.",
  window: "Ngoài thời hạn trả lời của Zalo (48 giờ, 8 tin): người dân xem trong mini app.",
  notFollower: "Người dân chưa quan tâm OA nên Zalo không cho gửi tin.",
} as const;

export class ZaloOa extends DurableObject<Env> {
  private tokenQueue: Promise<unknown> = Promise.resolve();
  /** This object is the tokens' only writer, so its copy is current until Zalo refuses it. */
  private token: { value: string; expiresAt: number } | null = null;
  private draining: Promise<void> | null = null;
  private drainAgain = false;

  private get db(): Db {
    return createDb(this.env.DB);
  }
  private get urls(): ZaloUrls {
    return zaloUrls(this.env);
  }

  private async remember(oaId: string) {
    if ((await this.ctx.storage.get<string>("oaId")) !== oaId) await this.ctx.storage.put("oaId", oaId);
  }

  /** Runs `fn` after every token operation started before it (one at a time, in order). */
  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tokenQueue.then(fn, fn);
    this.tokenQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * A live access token. `rejected`: the token Zalo just refused; it is refreshed unless a
   * refresh already replaced it while this caller waited.
   */
  async accessToken(oaId: string, rejected?: string | null): Promise<TokenOutcome> {
    await this.remember(oaId);
    const cached = this.token;
    if (cached && cached.value !== rejected && cached.expiresAt > Date.now() + REFRESH_MARGIN_MS) return { ok: true, token: cached.value };
    return this.serialized(async () => {
      const cfg = await configByOa(this.db, oaId);
      if (!cfg) return { ok: false, reason: REASONS.notConfigured };
      const token = await open(this.env.ZALO_OA_KEY, cfg.accessToken, secretContext(oaId, "access_token"));
      if (token && token !== rejected && (cfg.accessExpiresAt ?? 0) > Date.now() + REFRESH_MARGIN_MS) this.token = { value: token, expiresAt: cfg.accessExpiresAt! };
      if (token && token !== rejected && (cfg.accessExpiresAt ?? 0) > Date.now() + REFRESH_MARGIN_MS) return { ok: true, token };
      return this.refreshLocked(cfg);
    });
  }

  /** Only inside `serialized`. */
  private async refreshLocked(cfg: OaConfig): Promise<TokenOutcome> {
    const refresh = await open(this.env.ZALO_OA_KEY, cfg.refreshToken, secretContext(cfg.oaId, "refresh_token"));
    const appSecret = await appSecretOf(this.env, cfg);
    if (!refresh) return { ok: false, reason: REASONS.noToken };
    if (!appSecret) return { ok: false, reason: REASONS.secret };
    this.token = null;
    const r = await refreshTokens(this.urls, cfg.appId, appSecret, refresh);
    if (!r.ok) {
      const reason = r.kind === "refused" ? REASONS.reauth : REASONS.refreshInDoubt;
      await this.db
        .update(zaloOaConfigs)
        .set({ ...(r.kind === "refused" ? { status: "reauth" as const } : {}), lastError: reason, updatedAt: Date.now() })
        .where(eq(zaloOaConfigs.oaId, cfg.oaId));
      return { ok: false, reason };
    }
    await this.storeTokens(cfg.oaId, r.tokens);
    return { ok: true, token: r.tokens.accessToken };
  }

  private async storeTokens(oaId: string, t: { accessToken: string; refreshToken: string; expiresIn: number }) {
    const now = Date.now();
    const key = this.env.ZALO_OA_KEY;
    // Zalo's expires_in is trusted as given (seconds).
    const accessExpiresAt = now + t.expiresIn * 1000;
    await this.db
      .update(zaloOaConfigs)
      .set({
        accessToken: await seal(key, t.accessToken, secretContext(oaId, "access_token")),
        refreshToken: await seal(key, t.refreshToken, secretContext(oaId, "refresh_token")),
        accessExpiresAt,
        status: "connected",
        lastError: null,
        tokenRefreshedAt: now,
        updatedAt: now,
      })
      .where(eq(zaloOaConfigs.oaId, oaId));
    this.token = { value: t.accessToken, expiresAt: accessExpiresAt };
    await this.scheduleAlarm(oaId);
  }

  /** The OAuth consent's code → tokens (the admin's "Kết nối với Zalo"), in the same queue as refreshes. */
  async exchangeConsent(oaId: string, code: string, verifier: string): Promise<TokenOutcome> {
    await this.remember(oaId);
    return this.serialized(async () => {
      const cfg = await configByOa(this.db, oaId);
      if (!cfg) return { ok: false, reason: REASONS.notConfigured };
      const appSecret = await appSecretOf(this.env, cfg);
      if (!appSecret) return { ok: false, reason: REASONS.secret };
      const r = await exchangeCode(this.urls, cfg.appId, appSecret, code, verifier);
      if (!r.ok) return { ok: false, reason: r.kind === "refused" ? `Zalo từ chối mã ủy quyền (${r.message || r.code}).` : REASONS.refreshInDoubt };
      await this.storeTokens(oaId, r.tokens);
      return { ok: true, token: r.tokens.accessToken };
    });
  }

  /** The configuration changed (another OA or app, new consent): read the tokens from D1 again. */
  async forget(): Promise<void> {
    this.token = null;
  }

  /**
   * Something was queued: send what is due now. Returns when this round is done, or after a
   * few seconds of a long queue (the caller's waitUntil is bounded; the object keeps going).
   */
  async kick(oaId: string): Promise<void> {
    await this.remember(oaId);
    await Promise.race([this.drain(oaId), new Promise((r) => setTimeout(r, KICK_WAIT_MS))]);
  }

  async alarm(): Promise<void> {
    const oaId = await this.ctx.storage.get<string>("oaId");
    if (!oaId) return;
    const cfg = await configByOa(this.db, oaId);
    if (cfg?.accessExpiresAt && cfg.status === "connected" && cfg.accessExpiresAt - Date.now() < PROACTIVE_REFRESH_MS) {
      await this.serialized(async () => {
        const fresh = await configByOa(this.db, oaId);
        if (fresh?.accessExpiresAt && fresh.accessExpiresAt - Date.now() < PROACTIVE_REFRESH_MS) await this.refreshLocked(fresh);
      });
    }
    await this.drain(oaId);
  }

  private drain(oaId: string): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        await this.ctx.storage.setAlarm(Date.now() + SAFETY_ALARM_MS);
        let more = false;
        do {
          this.drainAgain = false;
          // Rows handled in a page are sent or rescheduled, so the next page never repeats them.
          more = await this.drainOnce(oaId);
        } while (more || this.drainAgain);
      } finally {
        this.draining = null;
        await this.scheduleAlarm(oaId);
      }
    })();
    return this.draining;
  }

  /**
   * Rows due now whose citizen has no earlier row still waiting for its retry (each citizen's
   * messages go in order), oldest first, a page at a time.
   */
  private async dueRows(oaId: string, now: number): Promise<OaMessage[]> {
    const waiting = alias(zaloOaMessages, "waiting");
    return this.db
      .select()
      .from(zaloOaMessages)
      .where(
        and(
          eq(zaloOaMessages.oaId, oaId),
          inArray(zaloOaMessages.status, ["queued", "sending"]),
          sql`COALESCE(${zaloOaMessages.nextAttemptAt}, 0) <= ${now}`,
          notExists(
            this.db
              .select({ one: sql`1` })
              .from(waiting)
              .where(
                and(
                  eq(waiting.oaId, zaloOaMessages.oaId),
                  eq(waiting.userId, zaloOaMessages.userId),
                  inArray(waiting.status, ["queued", "sending"]),
                  lt(waiting.createdAt, zaloOaMessages.createdAt),
                  sql`COALESCE(${waiting.nextAttemptAt}, 0) > ${now}`,
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(zaloOaMessages.createdAt), asc(zaloOaMessages.id))
      .limit(PAGE);
  }

  /** One page; true when it was full (more may be due). */
  private async drainOnce(oaId: string): Promise<boolean> {
    const now = Date.now();
    const rows = await this.dueRows(oaId, now);
    if (!rows.length) return false;
    // Per citizen, strictly in order: a row waiting for its retry holds back the ones after it.
    const byUser = new Map<string, OaMessage[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    const queues = [...byUser.values()];
    let next = 0;
    const worker = async () => {
      while (next < queues.length) {
        const queue = queues[next++];
        for (const row of queue) {
          if ((row.nextAttemptAt ?? 0) > now) break;
          if (!(await this.deliver(oaId, row))) break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_USERS, queues.length) }, worker));
    return rows.length === PAGE;
  }

  /** Sends one row. True when it reached a final state (sent, failed, window closed). */
  private async deliver(oaId: string, row: OaMessage): Promise<boolean> {
    const db = this.db;
    const now = Date.now();
    // A bot answer replies to the message that just opened the window; anything else is checked.
    if (row.author !== "bot") {
      const win = await windowFor(db, oaId, row.userId, now, false);
      if (!win.open) return this.finish(row.id, { status: "window_closed", reason: REASONS.window });
    }
    if (row.author === "notice") {
      // A notice about a mini-app reply goes only to citizens who follow the OA.
      const ok = await this.checkFollower(oaId, row.userId);
      if (ok === false) return this.finish(row.id, { status: "failed", reason: REASONS.notFollower });
    }
    // Every pass over a row counts as an attempt, so a broken connection ends in "failed", not a loop.
    const counted = { ...row, attempts: row.attempts + 1 };
    let tok = await this.accessToken(oaId);
    if (!tok.ok) return this.retryLater(counted, tok.reason, row.inDoubt);

    if (row.inDoubt) {
      // The last attempt may have gone out: look before sending again.
      let found = await this.findSent(oaId, tok.token, row);
      if (found.kind === "token") {
        tok = await this.accessToken(oaId, tok.token);
        if (!tok.ok) return this.retryLater(counted, tok.reason, true);
        found = await this.findSent(oaId, tok.token, row);
      }
      if (found.kind === "sent") return this.finish(row.id, { status: "sent", zaloMsgId: found.messageId, sentAt: found.time || now });
      if (found.kind !== "absent") return this.retryLater(counted, REASONS.unverified, true);
    }

    // Committed before the call: if we never learn the outcome, the next attempt checks first.
    await db
      .update(zaloOaMessages)
      .set({ status: "sending", attempts: row.attempts + 1, lastAttemptAt: now, inDoubt: true })
      .where(eq(zaloOaMessages.id, row.id));
    row = { ...row, attempts: row.attempts + 1, lastAttemptAt: now, inDoubt: true };
    let res = await sendText(this.urls, tok.token, row.userId, row.text);
    if (!res.ok && res.kind === "token") {
      // Refused as expired or invalid: nothing was sent. Refresh (once, shared) and try again.
      tok = await this.accessToken(oaId, tok.token);
      if (!tok.ok) return this.retryLater(row, tok.reason, false);
      res = await sendText(this.urls, tok.token, row.userId, row.text);
    }
    return this.settle(row, res);
  }

  private async settle(row: OaMessage, res: CallResult<{ messageId: string }>): Promise<boolean> {
    if (res.ok) return this.finish(row.id, { status: "sent", zaloMsgId: res.data.messageId, sentAt: Date.now() });
    switch (res.kind) {
      case "window":
        return this.finish(row.id, { status: "window_closed", reason: REASONS.window });
      case "quota":
        return this.retryLater(row, REASONS.quota, false, 12);
      case "token":
        return this.retryLater(row, REASONS.badToken, false);
      case "in_doubt":
        return this.retryLater(row, REASONS.inDoubt, true);
      case "refused":
        return this.finish(row.id, {
          status: "failed",
          reason: res.code === -213 ? REASONS.notFollower : `Zalo từ chối tin này (mã ${res.code}${res.message ? `: ${res.message}` : ""}).`,
        });
    }
  }

  private async finish(id: string, set: Partial<OaMessage> & { status: OaMessage["status"] }): Promise<boolean> {
    await this.db
      .update(zaloOaMessages)
      .set({ inDoubt: false, nextAttemptAt: null, ...(set.status === "sent" ? { reason: null } : {}), ...set })
      .where(eq(zaloOaMessages.id, id));
    return true;
  }

  /** Backoff: base · 2^(attempt−1), at most an hour; after MAX_ATTEMPTS the row fails. */
  private async retryLater(row: OaMessage, reason: string, inDoubt: boolean, factor = 1): Promise<boolean> {
    const attempts = Math.max(row.attempts, 1);
    if (row.attempts >= MAX_ATTEMPTS) {
      await this.finish(row.id, { status: "failed", reason: `Không gửi được sau ${row.attempts} lần thử. ${reason}` });
      return false;
    }
    const base = Number(this.env.ZALO_RETRY_BASE_MS ?? 5000) || 5000;
    const delay = Math.min(MAX_BACKOFF_MS, base * factor * 2 ** (attempts - 1));
    await this.db
      .update(zaloOaMessages)
      .set({ status: "queued", inDoubt, reason, nextAttemptAt: Date.now() + delay, attempts: row.attempts })
      .where(eq(zaloOaMessages.id, row.id));
    return false;
  }

  /** Is this row's text among the OA's latest messages to the citizen, under an id we have not recorded? */
  private async findSent(
    oaId: string,
    token: string,
    row: OaMessage,
  ): Promise<{ kind: "sent"; messageId: string; time: number } | { kind: "absent" } | { kind: "unknown" } | { kind: "token" }> {
    const r = await recentMessages(this.urls, token, row.userId, 10);
    if (!r.ok) return r.kind === "token" ? { kind: "token" } : { kind: "unknown" };
    const known = await this.db
      .select({ id: zaloOaMessages.zaloMsgId })
      .from(zaloOaMessages)
      .where(and(eq(zaloOaMessages.oaId, oaId), eq(zaloOaMessages.userId, row.userId), eq(zaloOaMessages.direction, "out"), isNotNull(zaloOaMessages.zaloMsgId)))
      .orderBy(desc(zaloOaMessages.createdAt))
      .limit(50);
    const taken = new Set(known.map((k) => k.id));
    const hit = r.data.find((m) => m.fromOa && m.text === row.text && m.messageId && !taken.has(m.messageId));
    return hit ? { kind: "sent", messageId: hit.messageId, time: hit.time } : { kind: "absent" };
  }

  /** Follow status for a notice: from follow/unfollow events, else asked once from Zalo. */
  private async checkFollower(oaId: string, userId: string): Promise<boolean | null> {
    const [u] = await this.db.select().from(zaloOaUsers).where(and(eq(zaloOaUsers.oaId, oaId), eq(zaloOaUsers.userId, userId)));
    if (u?.follows != null) return u.follows;
    const tok = await this.accessToken(oaId);
    if (!tok.ok) return null;
    const d = await userDetail(this.urls, tok.token, userId);
    if (!d.ok) return d.kind === "refused" && d.code === -213 ? false : null;
    await this.db.update(zaloOaUsers).set({ follows: d.data.follows }).where(and(eq(zaloOaUsers.oaId, oaId), eq(zaloOaUsers.userId, userId)));
    return d.data.follows;
  }

  /** Next wake-up: the earliest retry due, or the proactive token refresh, whichever comes first. */
  private async scheduleAlarm(oaId: string) {
    const [due] = await this.db
      .select({ at: zaloOaMessages.nextAttemptAt })
      .from(zaloOaMessages)
      .where(and(eq(zaloOaMessages.oaId, oaId), inArray(zaloOaMessages.status, ["queued", "sending"])))
      .orderBy(asc(zaloOaMessages.nextAttemptAt))
      .limit(1);
    const cfg = await configByOa(this.db, oaId);
    const times: number[] = [];
    if (due) times.push(due.at ?? Date.now());
    // Not sooner than a minute: a refresh that failed for a network reason is tried again calmly.
    if (cfg?.status === "connected" && cfg.accessExpiresAt) times.push(Math.max(Date.now() + 60_000, cfg.accessExpiresAt - PROACTIVE_REFRESH_MS));
    if (!times.length) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    await this.ctx.storage.setAlarm(Math.max(Date.now() + 50, Math.min(...times)));
  }
}
