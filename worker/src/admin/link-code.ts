/** Wrong tries a one-time link code survives; the next wrong one kills it. */
export const LINK_CODE_MAX_TRIES = 5;

/** SHA-256 as hex: one-time link codes are stored hashed, like passwords but short-lived. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
