import type { Env } from "../env";
import type { LiveEvent } from "./ward-inbox";

/**
 * Tells a ward's live sockets that a conversation changed. Best effort: the change is already
 * committed, and clients also poll, so a failed notification only delays delivery.
 */
export async function notifyWard(env: Env, wardCode: string, event: LiveEvent): Promise<void> {
  if (!env.INBOX) return;
  try {
    await env.INBOX.get(env.INBOX.idFromName(wardCode)).broadcast(event);
  } catch {
    // Swallowed on purpose: see above. Nothing about the message is logged.
  }
}
