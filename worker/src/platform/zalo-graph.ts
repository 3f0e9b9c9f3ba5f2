/**
 * Zalo Graph API calls, server-side only (the app secret never reaches the client).
 * The base URL comes from ZALO_GRAPH_URL so tests can point it at a local fake.
 */
import { ApiError } from "./errors";

const base = (url: string | undefined) => (url ?? "https://graph.zalo.me").replace(/\/$/, "");

async function call(url: string, headers: Record<string, string>) {
  let res: Response;
  try {
    res = await fetch(url, { headers });
  } catch {
    throw new ApiError(502, "zalo_unreachable", "Không kết nối được Zalo, bạn thử lại sau.");
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const failed = !res.ok || !body || (body.error !== undefined && body.error !== 0);
  return failed ? null : body;
}

/** Verifies a Zalo Mini App access token (`GET /v2.0/me`); returns the app-scoped user id. */
export async function zaloUserId(accessToken: string, graphUrl: string | undefined): Promise<string | null> {
  const body = await call(`${base(graphUrl)}/v2.0/me?fields=id,name`, { access_token: accessToken });
  return body?.id ? String(body.id) : null;
}

/**
 * Exchanges the token from zmp-sdk `getPhoneNumber` for the number (`GET /v2.0/me/info`
 * with the user's access token, the phone token as `code`, and the app secret key).
 */
export async function zaloPhoneNumber(accessToken: string, phoneToken: string, appSecret: string, graphUrl: string | undefined): Promise<string | null> {
  const body = await call(`${base(graphUrl)}/v2.0/me/info`, { access_token: accessToken, code: phoneToken, secret_key: appSecret });
  const number = (body?.data as { number?: unknown } | undefined)?.number;
  return typeof number === "string" || typeof number === "number" ? localPhone(String(number)) : null;
}

/** "84912345678" or "+84 912 345 678" → "0912345678"; null when it is not a Vietnamese number. */
export function localPhone(raw: string): string | null {
  const digits = raw.replace(/[^\d]/g, "");
  const local = digits.startsWith("84") ? `0${digits.slice(2)}` : digits;
  return /^0\d{9,10}$/.test(local) ? local : null;
}
