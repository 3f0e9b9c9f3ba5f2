/**
 * Zalo OA webhook signatures. Zalo sends `X-ZEvent-Signature: mac=<hex>` where the hex is
 * SHA-256 of app_id + the raw request body + the event's timestamp + the OA secret key (the
 * OA's webhook secret, not the app secret). Pure (WebCrypto only).
 */
const enc = new TextEncoder();

/** Events older or newer than this are replays (or a clock far off) and are refused. */
export const MAX_EVENT_SKEW_MS = 5 * 60 * 1000;

export async function zaloMac(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", enc.encode(appId + rawBody + timestamp + oaSecretKey));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares every character, whatever differs first, so timing reveals nothing. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing_signature" | "bad_signature" | "stale_event" };

/**
 * Checks the header against the raw body. `timestamp` is the event's own field (ms, as
 * sent, string or number). Staleness is checked after the signature so a forger learns
 * nothing from the answer.
 */
export async function checkSignature(input: {
  header: string | null | undefined;
  appId: string;
  rawBody: string;
  timestamp: string | number | null | undefined;
  oaSecretKey: string;
  now: number;
}): Promise<SignatureCheck> {
  const header = input.header?.trim();
  if (!header) return { ok: false, reason: "missing_signature" };
  const given = header.replace(/^mac=/i, "").trim().toLowerCase();
  const ts = input.timestamp == null ? "" : String(input.timestamp);
  const expected = await zaloMac(input.appId, input.rawBody, ts, input.oaSecretKey);
  if (!constantTimeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  const at = Number(ts);
  if (!Number.isFinite(at) || Math.abs(input.now - at) > MAX_EVENT_SKEW_MS) return { ok: false, reason: "stale_event" };
  return { ok: true };
}
