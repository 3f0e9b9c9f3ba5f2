/**
 * The Zalo OA calls Một Cửa makes, with configurable base URLs (ZALO_OA_API_URL,
 * ZALO_OAUTH_URL) and a timeout, each result sorted into what the caller must do: done,
 * refresh the token, wait (quota), give up (refused), or check before retrying (in doubt:
 * the request may have reached Zalo). Tokens and message text are never logged.
 */
import type { Env } from "../env";

export interface ZaloUrls {
  api: string;
  oauth: string;
  timeoutMs: number;
}

export function zaloUrls(env: Env): ZaloUrls {
  const clean = (u: string | undefined, fallback: string) => (u && u.trim() ? u.trim() : fallback).replace(/\/+$/, "");
  const t = Number(env.ZALO_TIMEOUT_MS);
  return {
    api: clean(env.ZALO_OA_API_URL, "https://openapi.zalo.me"),
    oauth: clean(env.ZALO_OAUTH_URL, "https://oauth.zaloapp.com"),
    timeoutMs: Number.isFinite(t) && t > 0 ? t : 10_000,
  };
}

/** Error codes from Zalo's OA documentation. */
export const TOKEN_ERRORS = new Set([-216, -220]);
export const QUOTA_ERRORS = new Set([-211, -32, -218]);
/** The user has not interacted recently enough for a consultation message. */
export const WINDOW_ERRORS = new Set([-230, -232]);

export type CallResult<T> =
  | { ok: true; data: T }
  | { ok: false; kind: "token"; code: number }
  | { ok: false; kind: "quota"; code: number }
  | { ok: false; kind: "window"; code: number }
  | { ok: false; kind: "refused"; code: number; message: string }
  | { ok: false; kind: "in_doubt"; why: "timeout" | "network" | "server" };

async function call<T>(urls: ZaloUrls, url: string, init: RequestInit, pick: (body: Record<string, unknown>) => T | null): Promise<CallResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(urls.timeoutMs) });
  } catch (err) {
    const name = (err as Error)?.name;
    return { ok: false, kind: "in_doubt", why: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network" };
  }
  let body: Record<string, unknown> | null = null;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = null;
  }
  // A 5xx (or an answer that is not Zalo's JSON) does not say whether the work was done.
  if (res.status >= 500 || !body) return { ok: false, kind: "in_doubt", why: "server" };
  const code = Number(body.error ?? 0);
  if (code !== 0 && Number.isFinite(code)) {
    if (TOKEN_ERRORS.has(code)) return { ok: false, kind: "token", code };
    if (QUOTA_ERRORS.has(code)) return { ok: false, kind: "quota", code };
    if (WINDOW_ERRORS.has(code)) return { ok: false, kind: "window", code };
    return { ok: false, kind: "refused", code, message: String(body.message ?? body.error_name ?? "").slice(0, 200) };
  }
  const data = pick(body);
  if (data === null) return { ok: false, kind: "refused", code: -1, message: "unexpected answer" };
  return { ok: true, data };
}

const dataParam = (data: unknown) => encodeURIComponent(JSON.stringify(data));

/** POST /v3.0/oa/message/cs: a consultation text message. */
export function sendText(urls: ZaloUrls, accessToken: string, userId: string, text: string) {
  return call(
    urls,
    `${urls.api}/v3.0/oa/message/cs`,
    {
      method: "POST",
      headers: { "content-type": "application/json", access_token: accessToken },
      body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
    },
    (b) => {
      const id = (b.data as { message_id?: unknown } | undefined)?.message_id;
      return typeof id === "string" || typeof id === "number" ? { messageId: String(id) } : null;
    },
  );
}

export interface ChatItem {
  fromOa: boolean;
  messageId: string;
  text: string;
  time: number;
}

/** GET /v2.0/oa/conversation: the latest messages with one user, newest first (at most 10). */
export function recentMessages(urls: ZaloUrls, accessToken: string, userId: string, count = 10) {
  return call(
    urls,
    `${urls.api}/v2.0/oa/conversation?data=${dataParam({ user_id: userId, offset: 0, count })}`,
    { method: "GET", headers: { access_token: accessToken } },
    (b) =>
      Array.isArray(b.data)
        ? (b.data as Record<string, unknown>[]).map((m) => ({
            fromOa: Number(m.src) === 0,
            messageId: String(m.message_id ?? ""),
            text: typeof m.message === "string" ? m.message : "",
            time: Number(m.time ?? 0),
          }))
        : null,
  );
}

/** GET /v2.0/oa/getoa: which OA the token is for (the "Gửi thử" check). */
export function getOa(urls: ZaloUrls, accessToken: string) {
  return call(urls, `${urls.api}/v2.0/oa/getoa`, { method: "GET", headers: { access_token: accessToken } }, (b) => {
    const d = b.data as { oa_id?: unknown; name?: unknown } | undefined;
    return d?.oa_id != null ? { oaId: String(d.oa_id), name: typeof d.name === "string" ? d.name : null } : null;
  });
}

/** GET /v3.0/oa/user/detail: whether the user follows the OA, and their id for the app. */
export function userDetail(urls: ZaloUrls, accessToken: string, userId: string) {
  return call(urls, `${urls.api}/v3.0/oa/user/detail?data=${dataParam({ user_id: userId })}`, { method: "GET", headers: { access_token: accessToken } }, (b) => {
    const d = b.data as { user_is_follower?: unknown; user_id_by_app?: unknown } | undefined;
    return d ? { follows: d.user_is_follower === true, userIdByApp: d.user_id_by_app != null ? String(d.user_id_by_app) : null } : null;
  });
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as Zalo says (it sends a string). */
  expiresIn: number;
}

export type TokenResult = { ok: true; tokens: TokenPair } | { ok: false; kind: "refused"; code: number; message: string } | { ok: false; kind: "in_doubt"; why: string };

/** POST /v4/oa/access_token (form body, header secret_key = the app's secret key). */
async function tokenCall(urls: ZaloUrls, appSecret: string, form: Record<string, string>): Promise<TokenResult> {
  let res: Response;
  try {
    res = await fetch(`${urls.oauth}/v4/oa/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: appSecret },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(urls.timeoutMs),
    });
  } catch (err) {
    return { ok: false, kind: "in_doubt", why: (err as Error)?.name === "TimeoutError" ? "timeout" : "network" };
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.status >= 500 || !body) return { ok: false, kind: "in_doubt", why: "server" };
  const expiresIn = Number(body.expires_in);
  if (typeof body.access_token === "string" && typeof body.refresh_token === "string" && Number.isFinite(expiresIn) && expiresIn > 0) {
    return { ok: true, tokens: { accessToken: body.access_token, refreshToken: body.refresh_token, expiresIn } };
  }
  return { ok: false, kind: "refused", code: Number(body.error ?? -1), message: String(body.error_name ?? body.error_description ?? body.message ?? "").slice(0, 200) };
}

export const refreshTokens = (urls: ZaloUrls, appId: string, appSecret: string, refreshToken: string) =>
  tokenCall(urls, appSecret, { refresh_token: refreshToken, app_id: appId, grant_type: "refresh_token" });

export const exchangeCode = (urls: ZaloUrls, appId: string, appSecret: string, code: string, codeVerifier: string) =>
  tokenCall(urls, appSecret, { code, app_id: appId, grant_type: "authorization_code", code_verifier: codeVerifier });

/** The consent page the ward admin opens (GET /v4/oa/permission). */
export function permissionUrl(urls: ZaloUrls, appId: string, redirectUri: string, challenge: string, state: string): string {
  const q = new URLSearchParams({ app_id: appId, redirect_uri: redirectUri, code_challenge: challenge, state });
  return `${urls.oauth}/v4/oa/permission?${q}`;
}
