/**
 * The simulator's side of Zalo (development only): the demo OA's values from .dev.vars,
 * injected by the dev server (null in builds), and Zalo's webhook signature.
 */
declare const __ZALO_SIM__: { oaId: string; appId: string; secret: string } | null;

export const ZALO_SIM = typeof __ZALO_SIM__ === "undefined" ? null : __ZALO_SIM__;

/** SHA-256 hex of app_id + raw body + timestamp + OA secret key, as Zalo signs (X-ZEvent-Signature: mac=…). */
export async function signZaloEvent(appId: string, raw: string, timestamp: string, secret: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(appId + raw + timestamp + secret));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
