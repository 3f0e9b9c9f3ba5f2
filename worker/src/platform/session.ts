/**
 * Signed, expiring session tokens (HMAC-SHA256 over a small JSON payload), sent as
 * `Authorization: Bearer <token>`. Stateless: nothing to store per session.
 */
export type Role = "citizen" | "officer" | "ward_admin" | "system_admin";

export interface SessionUser {
  /** Citizen: "zalo:<id>" (or "dev:<id>" in development); staff: account id. */
  sub: string;
  role: Role;
  /** Staff: their ward. */
  ward?: string;
  /** Officers: their officer record. */
  officer?: string;
  /** "live": a short-lived ticket that only opens a live socket (it travels in a URL). */
  use?: "live";
  exp: number;
}

const enc = new TextEncoder();
const SESSION_TTL_S = 12 * 60 * 60;

function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function key(secret: string) {
  return crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signSession(user: Omit<SessionUser, "exp">, secret: string, now = Date.now(), ttlSeconds = SESSION_TTL_S): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify({ ...user, exp: Math.floor(now / 1000) + ttlSeconds })));
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret), enc.encode(payload)));
  return `${payload}.${b64url(sig)}`;
}

/** The session's user, or null when the token is malformed, forged or expired. */
export async function verifySession(token: string, secret: string, now = Date.now()): Promise<SessionUser | null> {
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  try {
    // crypto.subtle.verify compares in constant time.
    const ok = await crypto.subtle.verify("HMAC", await key(secret), fromB64url(sig), enc.encode(payload));
    if (!ok) return null;
    const user = JSON.parse(new TextDecoder().decode(fromB64url(payload))) as SessionUser;
    if (typeof user.exp !== "number" || user.exp * 1000 < now) return null;
    return user;
  } catch {
    return null;
  }
}
