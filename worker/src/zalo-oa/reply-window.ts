/**
 * Zalo's free reply window for an OA, as officers see it: after a citizen's message the OA
 * may send 8 consultation messages within 48 hours; the count starts again when the citizen
 * writes again. Every message the OA sends counts (bot answers too). Pure.
 */
export const FREE_REPLIES = 8;
export const WINDOW_MS = 48 * 60 * 60 * 1000;
/** Officers are warned when this little is left (time or replies). */
export const WARN_MS = 6 * 60 * 60 * 1000;
export const WARN_REPLIES = 2;

export interface ReplyWindow {
  open: boolean;
  /** Free replies left now (0 when closed). */
  remaining: number;
  /** When the 48 hours end (null: the citizen never wrote in Zalo). */
  closesAt: number | null;
  /** Little time or few replies left: tell the officer, and tell the citizen where later answers go. */
  warn: boolean;
  closedBy?: "no_message" | "expired" | "used_up";
}

/** `sentSince`: messages the OA sent (or has queued) since the citizen's last message. */
export function replyWindow(lastInboundAt: number | null | undefined, sentSince: number, now: number): ReplyWindow {
  if (lastInboundAt == null) return { open: false, remaining: 0, closesAt: null, warn: false, closedBy: "no_message" };
  const closesAt = lastInboundAt + WINDOW_MS;
  if (now >= closesAt) return { open: false, remaining: 0, closesAt, warn: false, closedBy: "expired" };
  const remaining = Math.max(0, FREE_REPLIES - sentSince);
  if (remaining === 0) return { open: false, remaining: 0, closesAt, warn: false, closedBy: "used_up" };
  return { open: true, remaining, closesAt, warn: remaining <= WARN_REPLIES || closesAt - now <= WARN_MS };
}

/** "31 giờ", "45 phút": the time left, in words an officer reads at a glance. */
export function timeLeftText(ms: number): string {
  if (ms <= 0) return "0 phút";
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} giờ`;
  return `${Math.max(1, Math.floor(ms / 60_000))} phút`;
}
