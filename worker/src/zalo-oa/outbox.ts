/**
 * Officers' replies into the OA outbox, in the same D1 batch as the inbox message (the
 * conversation store calls this), and what officers see of Zalo in a thread: the reply
 * window and each reply's delivery status.
 */
import { and, eq, gt, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { cachedWardName } from "../ask/record-cache";
import type { Db } from "../db/client";
import { conversations, zaloOaMessages, zaloOaUsers } from "../db/schema";
import type { Env } from "../env";
import { closingNotice, miniAppReplyNotice, officerReplyText } from "./format-reply";
import { configByWard, linksFor, oaUser, windowFor } from "./oa-store";
import { timeLeftText, WARN_MS, type ReplyWindow } from "./reply-window";

type Conversation = typeof conversations.$inferSelect;

/** A mini-app reply notifies in Zalo at most this often per conversation. */
const NOTIFY_EVERY_MS = 10 * 60 * 1000;
const WINDOW_CLOSED_REASON = "Ngoài thời hạn trả lời của Zalo (48 giờ, 8 tin): người dân xem trong mini app.";

export interface ZaloDelivery {
  statements: BatchItem<"sqlite">[];
  /** The OA whose Durable Object sends it, after the batch commits (null: nothing to send). */
  kickOa: string | null;
}

/**
 * Statements that deliver an officer's message through Zalo, or null when the
 * conversation has no Zalo side: an OA conversation's reply itself, or, for a mini-app
 * conversation whose citizen also chats with the ward's OA (same Zalo app), a notice that
 * the officer replied, while Zalo's window is open.
 */
export async function zaloDeliveryFor(db: Db, env: Env, conv: Conversation, message: { id: string; text: string }, now: number): Promise<ZaloDelivery | null> {
  if (conv.channel === "zalo_oa" && conv.oaId && conv.oaUserId) {
    const user = await oaUser(db, conv.oaId, conv.oaUserId);
    const win = await windowFor(db, conv.oaId, conv.oaUserId, now, true);
    const base = { id: `reply:${message.id}`, oaId: conv.oaId, userId: conv.oaUserId, direction: "out" as const, author: "officer" as const, conversationId: conv.id, inboxMessageId: message.id, createdAt: now };
    if (!win.open) {
      // Kept in the inbox and in the mini app; Zalo would refuse it (or charge for it).
      return {
        statements: [db.insert(zaloOaMessages).values({ ...base, kind: "text", text: message.text, status: "window_closed", reason: WINDOW_CLOSED_REASON }).onConflictDoNothing()],
        kickOa: null,
      };
    }
    const remainingAfter = win.remaining - 1;
    const lateInWindow = win.closesAt != null && win.closesAt - now <= WARN_MS;
    const toldAlready = lateInWindow && (await noticeSentSince(db, conv.oaId, conv.oaUserId, win.lastInboundAt ?? now));
    const notice =
      remainingAfter === 0 || (lateInWindow && !toldAlready)
        ? closingNotice({ remainingAfter, timeLeft: timeLeftText((win.closesAt ?? now) - now), linked: !!user?.citizenId, links: linksFor(env) })
        : null;
    return {
      statements: [
        db
          .insert(zaloOaMessages)
          .values({ ...base, kind: notice ? "text+notice" : "text", text: officerReplyText(message.text, notice), status: "queued", nextAttemptAt: now })
          .onConflictDoNothing(),
      ],
      kickOa: conv.oaId,
    };
  }
  if (conv.channel !== "miniapp" || !/^(zalo|dev):/.test(conv.citizenId)) return null;
  const cfg = await configByWard(db, conv.wardCode);
  if (!cfg || cfg.status !== "connected") return null;
  const [user] = await db
    .select()
    .from(zaloOaUsers)
    .where(and(eq(zaloOaUsers.oaId, cfg.oaId), eq(zaloOaUsers.citizenId, conv.citizenId)))
    .limit(1);
  if (!user || user.follows === false) return null;
  const win = await windowFor(db, cfg.oaId, user.userId, now, true);
  if (!win.open) return null;
  const [recent] = await db
    .select({ id: zaloOaMessages.id })
    .from(zaloOaMessages)
    .where(and(eq(zaloOaMessages.conversationId, conv.id), eq(zaloOaMessages.author, "notice"), gt(zaloOaMessages.createdAt, now - NOTIFY_EVERY_MS)))
    .limit(1);
  if (recent) return null;
  const wardName = await cachedWardName(db, conv.wardCode).catch(() => null);
  return {
    statements: [
      db
        .insert(zaloOaMessages)
        .values({
          id: `notify:${message.id}`,
          oaId: cfg.oaId,
          userId: user.userId,
          direction: "out",
          author: "notice",
          kind: "text",
          text: miniAppReplyNotice(wardName, conv.id, linksFor(env)),
          conversationId: conv.id,
          inboxMessageId: message.id,
          status: "queued",
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing(),
    ],
    kickOa: cfg.oaId,
  };
}

async function noticeSentSince(db: Db, oaId: string, userId: string, since: number) {
  const [row] = await db
    .select({ id: zaloOaMessages.id })
    .from(zaloOaMessages)
    .where(and(eq(zaloOaMessages.oaId, oaId), eq(zaloOaMessages.userId, userId), eq(zaloOaMessages.kind, "text+notice"), gt(zaloOaMessages.createdAt, since - 1)))
    .limit(1);
  return !!row;
}

export type DeliveryStatus = "queued" | "sending" | "sent" | "failed" | "window_closed";

/** Each officer message's Zalo delivery, by inbox message id (staff only). */
export async function deliveriesFor(db: Db, messageIds: string[]): Promise<Map<string, { status: DeliveryStatus; reason: string | null; sentAt: number | null }>> {
  const out = new Map<string, { status: DeliveryStatus; reason: string | null; sentAt: number | null }>();
  for (let i = 0; i < messageIds.length; i += 90) {
    const rows = await db
      .select({ id: zaloOaMessages.inboxMessageId, status: zaloOaMessages.status, reason: zaloOaMessages.reason, sentAt: zaloOaMessages.sentAt, author: zaloOaMessages.author })
      .from(zaloOaMessages)
      .where(inArray(zaloOaMessages.inboxMessageId, messageIds.slice(i, i + 90)));
    for (const r of rows) if (r.id && r.author === "officer" && r.status !== "received") out.set(r.id, { status: r.status as DeliveryStatus, reason: r.reason, sentAt: r.sentAt });
  }
  return out;
}

/** What the thread shows officers about Zalo's window for an OA conversation. */
export async function zaloThreadInfo(db: Db, conv: Conversation, now: number): Promise<(ReplyWindow & { follows: boolean | null; linked: boolean }) | null> {
  if (conv.channel !== "zalo_oa" || !conv.oaId || !conv.oaUserId) return null;
  const user = await oaUser(db, conv.oaId, conv.oaUserId);
  const { lastInboundAt: _ignored, ...win } = await windowFor(db, conv.oaId, conv.oaUserId, now, true);
  return { ...win, follows: user?.follows ?? null, linked: !!user?.citizenId };
}
