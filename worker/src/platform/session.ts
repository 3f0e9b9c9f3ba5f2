/**
 * Signed, expiring session tokens (HMAC-SHA256 over a small JSON payload), sent as
 * `Authorization: Bearer <token>`. Revocable: a token carries its subject's session version
 * (`v`), checked against `session_versions` on each request (platform/auth.ts).
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
  /** Session version of `sub` when signed; a bumped version revokes the token. */
  v?: number;
  /** Live tickets: a one-time id, so a ticket opens one socket only. */
  jti?: string;
  exp: number;
}

const enc = new TextEncoder();
/** Citizens sign in again silently through Zalo; a week keeps their threads a tap away. */
export const CITIZEN_TTL_S = 7 * 24 * 60 * 60;
/** Staff sessions last a working day: a lost phone stops opening the inbox by night. */
export const STAFF_TTL_S = 8 * 60 * 60;

export const ttlFor = (role: Role) => (role === "citizen" ? CITIZEN_TTL_S : STAFF_TTL_S);

/** The value committed to wrangler.toml for development; never accepted elsewhere. */
export const DEV_SESSION_SECRET = "dev-only-session-secret-not-for-production";

function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Strict base64url: the alphabet only, no padding, and the canonical form (unused trailing
 * bits zero), so one signature has exactly one spelling.
 */
function fromB64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  let bin: string;
  try {
    bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return b64url(bytes) === text ? bytes : null;
}

async function key(secret: string) {
  return crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signSession(user: Omit<SessionUser, "exp">, secret: string, now = Date.now(), ttlSeconds = ttlFor(user.role)): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify({ ...user, exp: Math.floor(now / 1000) + ttlSeconds })));
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret), enc.encode(payload)));
  return `${payload}.${b64url(sig)}`;
}

const ROLES = new Set<Role>(["citizen", "officer", "ward_admin", "system_admin"]);

/** The session's user, or null when the token is malformed, forged or expired. */
export async function verifySession(token: string, secret: string, now = Date.now()): Promise<SessionUser | null> {
  if (token.length > 4096) return null;
  const [payload, sigText, extra] = token.split(".");
  if (!payload || !sigText || extra !== undefined) return null;
  const sig = fromB64url(sigText);
  // HMAC-SHA256: 32 bytes, 43 characters.
  if (!sig || sig.length !== 32) return null;
  try {
    // crypto.subtle.verify compares in constant time.
    const ok = await crypto.subtle.verify("HMAC", await key(secret), sig, enc.encode(payload));
    if (!ok) return null;
    const bytes = fromB64url(payload);
    if (!bytes) return null;
    const user = JSON.parse(new TextDecoder().decode(bytes)) as SessionUser;
    if (typeof user !== "object" || user === null || typeof user.exp !== "number" || user.exp * 1000 < now) return null;
    if (typeof user.sub !== "string" || !ROLES.has(user.role)) return null;
    return user;
  } catch {
    return null;
  }
}
