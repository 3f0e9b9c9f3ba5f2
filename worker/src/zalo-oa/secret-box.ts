/**
 * Secrets at rest: AES-256-GCM with WebCrypto, the key from the ZALO_OA_KEY Worker secret
 * (32 random bytes, base64). Each sealed value is bound to its row and column (additional
 * data), so a ciphertext copied into another ward's row or column does not open. Pure; the
 * seeding script uses it from Node too.
 */
const enc = new TextEncoder();
const dec = new TextDecoder();
const VERSION = "v1";

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = unb64(secret.trim());
    if (raw.length !== 32) throw new Error("ZALO_OA_KEY must be 32 bytes, base64");
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(secret, key);
  }
  return key;
}

export class SecretKeyMissing extends Error {}

function requireKey(secret: string | undefined): string {
  if (!secret) throw new SecretKeyMissing("ZALO_OA_KEY is not set");
  return secret;
}

/** `context` names what the value is for, e.g. "<oaId>|access_token". */
export async function seal(secret: string | undefined, plaintext: string, context: string): Promise<string> {
  const key = await importKey(requireKey(secret));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: enc.encode(context) }, key, enc.encode(plaintext));
  return `${VERSION}.${b64(iv)}.${b64(new Uint8Array(ct))}`;
}

/** The plaintext, or null when the value was sealed for another context or key, or is damaged. */
export async function open(secret: string | undefined, sealed: string | null | undefined, context: string): Promise<string | null> {
  if (!sealed) return null;
  const [version, iv, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !ct) return null;
  try {
    const key = await importKey(requireKey(secret));
    const pt = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(iv), additionalData: enc.encode(context) }, key, unb64(ct));
    return dec.decode(pt);
  } catch (err) {
    if (err instanceof SecretKeyMissing) throw err;
    return null;
  }
}

export const secretContext = (oaId: string, column: "oa_secret_key" | "app_secret_key" | "access_token" | "refresh_token" | "oauth_verifier") =>
  `${oaId}|${column}`;
