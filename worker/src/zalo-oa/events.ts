/**
 * Zalo OA webhook events: which OA an event is for, its idempotency key, and the few shapes
 * the bot acts on. Everything else is acknowledged and ignored. Pure.
 */
import { z } from "zod";

const id = z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(64));
const timestamp = z.union([z.string(), z.number()]).transform(String);

const base = z.object({
  app_id: id,
  event_name: z.string().max(64),
  timestamp,
  user_id_by_app: id.optional(),
});

const userMessage = base.extend({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  message: z.object({
    msg_id: z.string().min(1).max(200),
    text: z.string().max(20_000).optional(),
    attachments: z.array(z.object({ type: z.string().max(40).optional() }).passthrough()).max(20).optional(),
  }),
});

const followEvent = base.extend({
  oa_id: id,
  follower: z.object({ id }),
});

/** Kinds the bot recognizes besides text; any other user_send_* is "other". */
const ATTACHMENT_EVENTS: Record<string, string> = {
  user_send_image: "image",
  user_send_gif: "gif",
  user_send_sticker: "sticker",
  user_send_file: "file",
  user_send_audio: "audio",
  user_send_video: "video",
  user_send_location: "location",
  user_send_link: "link",
  user_send_business_card: "business_card",
};

export type OaEvent =
  | { type: "text"; oaId: string; userId: string; userIdByApp: string | null; msgId: string; text: string; timestamp: number }
  | { type: "attachment"; oaId: string; userId: string; userIdByApp: string | null; msgId: string; kind: string; timestamp: number }
  | { type: "follow"; oaId: string; userId: string; userIdByApp: string | null; timestamp: number }
  | { type: "unfollow"; oaId: string; userId: string; userIdByApp: string | null; timestamp: number }
  | { type: "ignored"; eventName: string };

/** Longest text the bot keeps from one message (Zalo's own limit for a chat message). */
export const INBOUND_TEXT_MAX = 2000;

/**
 * The OA an unverified body claims to be for, read only to find the secret that verifies
 * it: recipient.id for what users send, oa_id for follows, sender.id for the OA's own events.
 */
export function claimedOaId(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  const name = typeof b.event_name === "string" ? b.event_name : "";
  const pick = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);
  const idOf = (o: unknown) => (o && typeof o === "object" ? pick((o as Record<string, unknown>).id) : null);
  if (pick(b.oa_id)) return pick(b.oa_id);
  if (name.startsWith("oa_")) return idOf(b.sender);
  return idOf(b.recipient);
}

/** The verified body as an event the bot understands; shapes it does not know are "ignored". */
export function parseEvent(body: unknown): OaEvent {
  const head = base.safeParse(body);
  if (!head.success) return { type: "ignored", eventName: "malformed" };
  const name = head.data.event_name;
  const ts = Number(head.data.timestamp);
  const byApp = head.data.user_id_by_app ?? null;
  if (name === "follow" || name === "unfollow") {
    const f = followEvent.safeParse(body);
    if (!f.success) return { type: "ignored", eventName: name };
    const common = { oaId: f.data.oa_id, userId: f.data.follower.id, userIdByApp: byApp, timestamp: ts };
    return name === "follow" ? { type: "follow", ...common } : { type: "unfollow", ...common };
  }
  if (name === "user_send_text" || name in ATTACHMENT_EVENTS) {
    const m = userMessage.safeParse(body);
    if (!m.success) return { type: "ignored", eventName: name };
    const common = { oaId: m.data.recipient.id, userId: m.data.sender.id, userIdByApp: byApp, msgId: m.data.message.msg_id, timestamp: ts };
    if (name === "user_send_text") {
      const text = (m.data.message.text ?? "").trim().slice(0, INBOUND_TEXT_MAX);
      if (!text) return { type: "ignored", eventName: name };
      return { type: "text", ...common, text };
    }
    return { type: "attachment", ...common, kind: ATTACHMENT_EVENTS[name] };
  }
  return { type: "ignored", eventName: name };
}

/** One stored row per distinct event: Zalo's msg_id, or (event, user, time) for follows. */
export function eventKey(e: Exclude<OaEvent, { type: "ignored" }>): string {
  if (e.type === "follow" || e.type === "unfollow") return `${e.type}:${e.userId}:${e.timestamp}`;
  return `msg:${e.msgId}`;
}
