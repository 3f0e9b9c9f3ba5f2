/**
 * One accepted webhook event → its effects, written in one D1 batch: the citizen's message,
 * the bot's answer queued in the outbox, the bot's memory, a handoff to the inbox, and the
 * event marked done. Every row id comes from the event (its msg_id), so running an event
 * twice (a resend, the cron sweep after a crash) writes nothing new and sends nothing twice.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { cachedWardName } from "../ask/record-cache";
import { createDb, type Db } from "../db/client";
import { conversations, messages, zaloOaEvents, zaloOaMessages, zaloOaUsers } from "../db/schema";
import type { Env } from "../env";
import { notifyWard } from "../live/notify";
import { decide, parsePending, parseTurns, type AskFn, type BotPlan, type Pending, type Turn } from "./bot";
import type { OaEvent } from "./events";
import { eventKey } from "./events";
import { nonTextForOfficer, nonTextReply, welcomeText } from "./format-reply";
import { handoffStatements } from "./handoff";
import { cachedConfigByOa, kickOutbox, linkedCitizenId, linksFor, oaUser, type OaConfig, type OaUser } from "./oa-store";

export type AcceptedEvent = Exclude<OaEvent, { type: "ignored" }>;
type Q = BatchItem<"sqlite">;

/** Deterministic ids: one row per cause, however often the cause repeats. */
export const rowIds = (oaId: string, key: string) => ({
  inbound: `in:${oaId}:${key}`,
  reply: `bot:${oaId}:${key}`,
  inboxMessage: `zin:${oaId}:${key}`,
});

function outRow(id: string, cfg: OaConfig, userId: string, text: string, now: number, conversationId: string | null = null) {
  return {
    id,
    oaId: cfg.oaId,
    userId,
    direction: "out" as const,
    author: "bot" as const,
    kind: "text",
    text,
    conversationId,
    status: "queued" as const,
    nextAttemptAt: now,
    createdAt: now,
  };
}

/** The conversation an OA user's messages go to while a handoff is open. */
async function openConversation(db: Db, user: OaUser | null) {
  if (!user?.conversationId) return null;
  const [conv] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, user.conversationId), ne(conversations.status, "resolved")));
  return conv ?? null;
}

/** A citizen's Zalo message added to their open inbox conversation (counted unread once). */
function forwardStatements(db: Db, convId: string, messageId: string, citizenId: string, text: string, now: number): Q[] {
  return [
    db
      .update(conversations)
      .set({ status: "open", updatedAt: now, unreadByStaff: sql`${conversations.unreadByStaff} + 1` })
      .where(and(eq(conversations.id, convId), sql`NOT EXISTS (SELECT 1 FROM messages WHERE id = ${messageId})`)),
    db
      .insert(messages)
      .values({ id: messageId, conversationId: convId, authorRole: "citizen", authorId: citizenId, kind: "message", text, clientMessageId: null, createdAt: now })
      .onConflictDoNothing(),
  ];
}

export interface Processed {
  reply: string | null;
  conversationId: string | null;
  plan?: BotPlan;
}

/**
 * `dryRun` ("Gửi thử"): decide and return the reply without writing or sending anything.
 */
export async function processEvent(env: Env, ev: AcceptedEvent, opts: { dryRun?: boolean; ask?: AskFn } = {}): Promise<Processed> {
  const db = createDb(env.DB);
  const key = eventKey(ev);
  const ids = rowIds(ev.oaId, key);
  const cfg = await cachedConfigByOa(db, ev.oaId);
  const now = Date.now();
  const done = db.update(zaloOaEvents).set({ status: "done", body: null, processedAt: now }).where(and(eq(zaloOaEvents.oaId, ev.oaId), eq(zaloOaEvents.eventKey, key)));
  if (!cfg) {
    if (!opts.dryRun) await done;
    return { reply: null, conversationId: null };
  }
  const user = opts.dryRun ? null : await oaUser(db, cfg.oaId, ev.userId);
  const wardName = await cachedWardName(db, cfg.wardCode).catch(() => null);
  const links = linksFor(env);
  const byApp = ev.userIdByApp ?? user?.userIdByApp ?? null;
  const citizenId = linkedCitizenId(env, cfg, byApp);
  // Zalo's window opens with the citizen's own action; never later than now.
  const inboundAt = Math.min(Number.isFinite(ev.timestamp) ? ev.timestamp : now, now);

  let turns: Turn[] = parseTurns(user?.turns);
  let pending: Pending | null = parsePending(user?.pending);
  let lastCode = user?.lastCode ?? null;
  // Kept across follow events; otherwise set below only while a conversation is open.
  let conversationId = ev.type === "follow" || ev.type === "unfollow" ? (user?.conversationId ?? null) : null;
  let follows: boolean | null = user?.follows ?? null;
  let reply: string | null = null;
  let plan: BotPlan | undefined;
  const writes: Q[] = [];

  if (ev.type === "follow" || ev.type === "unfollow") {
    follows = ev.type === "follow";
    if (ev.type === "follow") reply = welcomeText(wardName, links);
  } else {
    const text = ev.type === "text" ? ev.text : `[${ev.kind}]`;
    writes.push(
      db
        .insert(zaloOaMessages)
        .values({ id: ids.inbound, oaId: cfg.oaId, userId: ev.userId, direction: "in", author: "citizen", kind: ev.type === "text" ? "text" : ev.kind, text, zaloMsgId: ev.msgId, status: "received", createdAt: now })
        .onConflictDoNothing(),
    );
    const conv = opts.dryRun ? null : await openConversation(db, user);
    if (conv) {
      // A person is on it: the message goes to the officer, the bot stays quiet.
      conversationId = conv.id;
      writes.push(...forwardStatements(db, conv.id, ids.inboxMessage, conv.citizenId, ev.type === "text" ? ev.text : nonTextForOfficer(ev.kind), now));
    } else if (ev.type === "attachment") {
      reply = nonTextReply(ev.kind, wardName);
      pending = { kind: "offer_officer" };
    } else {
      plan = await decide(db, { wardCode: cfg.wardCode, wardName, turns, pending, lastCode }, ev.text, links, opts.ask);
      ({ turns, pending, lastCode } = plan);
      reply = plan.reply;
      if (plan.handoff && !opts.dryRun) {
        const h = await handoffStatements(db, env, {
          cfg,
          userId: ev.userId,
          citizenId,
          key,
          text: ev.text,
          inboundId: ids.inbound,
          lastCode,
          wardName,
          now,
        });
        writes.push(...h.statements);
        conversationId = h.conversationId;
        reply = h.reply;
      }
    }
  }
  if (opts.dryRun) return { reply, conversationId: null, plan };

  if (reply) writes.push(db.insert(zaloOaMessages).values(outRow(ids.reply, cfg, ev.userId, reply, now + 1, conversationId)).onConflictDoNothing());
  const state = {
    wardCode: cfg.wardCode,
    userIdByApp: byApp,
    citizenId,
    follows,
    pending: pending ? JSON.stringify(pending) : null,
    turns: JSON.stringify(turns),
    lastCode,
    conversationId,
    updatedAt: now,
  };
  const opensWindow = ev.type !== "unfollow";
  writes.push(
    db
      .insert(zaloOaUsers)
      .values({ oaId: cfg.oaId, userId: ev.userId, ...state, lastInboundAt: opensWindow ? inboundAt : null, createdAt: now })
      .onConflictDoUpdate({
        target: [zaloOaUsers.oaId, zaloOaUsers.userId],
        set: {
          ...state,
          ...(opensWindow ? { lastInboundAt: sql`MAX(COALESCE(${zaloOaUsers.lastInboundAt}, 0), ${inboundAt})` } : {}),
        },
      }),
    done,
  );
  await db.batch(writes as [Q, ...Q[]]);
  if (reply) await kickOutbox(env, cfg.oaId);
  if (conversationId && ev.type !== "follow" && ev.type !== "unfollow") {
    const [conv] = await db.select({ citizenId: conversations.citizenId }).from(conversations).where(eq(conversations.id, conversationId));
    if (conv) await notifyWard(env, cfg.wardCode, { type: "conversation", conversationId, citizenId: conv.citizenId, staffOnly: false });
  }
  return { reply, conversationId, plan };
}
