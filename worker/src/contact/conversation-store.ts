import { and, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { conversations, messages, officers, wardProfiles } from "../db/schema";
import type { AppEnv } from "../env";
import { notifyWard } from "../live/notify";
import { isStaff } from "../platform/auth";
import { notFound } from "../platform/errors";
import type { SessionUser } from "../platform/session";
import { fold } from "../text/fold";
import { kickOutbox } from "../zalo-oa/oa-store";
import { zaloDeliveryFor } from "../zalo-oa/outbox";
import { outOfHoursReply } from "./auto-reply";
import type { WeeklyHours } from "./hours";

export type Conversation = typeof conversations.$inferSelect;

export const newId = () => crypto.randomUUID();

export function searchTextOf(subject: string, field: string | null, procedureCode: string | null): string {
  return fold([subject, field ?? "", procedureCode ?? ""].join(" ")).replace(/\s+/g, " ").trim();
}

/** The conversation if this user may see it; 404 otherwise, so ids of others stay unknowable. */
export async function loadVisible(db: Db, user: SessionUser, id: string): Promise<Conversation> {
  const [conv] = await db.select().from(conversations).where(eq(conversations.id, id));
  const visible =
    conv &&
    ((user.role === "citizen" && conv.citizenId === user.sub) ||
      ((user.role === "officer" || user.role === "ward_admin") && conv.wardCode === user.ward) ||
      user.role === "system_admin");
  if (!visible) throw notFound("Không tìm thấy cuộc trò chuyện này.");
  return conv;
}

/**
 * Least-loaded on-duty officer handling the field (ties by id): round-robin in effect.
 * Without a field nobody is responsible yet: the thread waits in "Unassigned" for triage.
 */
export async function pickOfficer(db: Db, wardCode: string, field: string | null): Promise<string | null> {
  if (!field) return null;
  const staff = await db.select().from(officers).where(and(eq(officers.wardCode, wardCode), eq(officers.onDuty, true)));
  const fitting = staff.filter((o) => (JSON.parse(o.fields) as string[]).includes(field));
  if (!fitting.length) return null;
  const load = await db
    .select({ officer: conversations.assignedOfficerId, n: sql<number>`COUNT(*)` })
    .from(conversations)
    .where(and(eq(conversations.wardCode, wardCode), inArray(conversations.status, ["open", "pending"]), inArray(conversations.assignedOfficerId, fitting.map((o) => o.id))))
    .groupBy(conversations.assignedOfficerId);
  const count = new Map(load.map((l) => [l.officer, Number(l.n)]));
  fitting.sort((a, b) => (count.get(a.id) ?? 0) - (count.get(b.id) ?? 0) || a.id.localeCompare(b.id));
  return fitting[0].id;
}

export function toDto(conv: Conversation, viewer: SessionUser) {
  return {
    id: conv.id,
    wardCode: conv.wardCode,
    field: conv.field,
    procedureCode: conv.procedureCode,
    status: conv.status,
    assignedOfficerId: conv.assignedOfficerId,
    subject: conv.subject,
    context: conv.context ? (JSON.parse(conv.context) as unknown) : null,
    createdAt: conv.createdAt,
    updatedAt: conv.updatedAt,
    firstResponseAt: conv.firstResponseAt,
    rating: conv.rating,
    ratingComment: conv.ratingComment,
    /** Messages from the other side this viewer has not opened. */
    unread: isStaff(viewer) ? conv.unreadByStaff : conv.unreadByCitizen,
    callbackRequested: conv.callbackConsentAt != null,
    /** "zalo_oa": the citizen wrote from the ward's Zalo Official Account chat. */
    channel: conv.channel,
    // The number itself is for the ward's staff only.
    callbackPhone: isStaff(viewer) ? conv.callbackPhone : null,
  };
}

/** The automatic reply due now if the ward's centre is closed (null when open or already sent). */
export async function dueAutoReply(db: Db, wardCode: string, lastAutoReplyAt: number | null, now: number): Promise<string | null> {
  const [profile] = await db.select().from(wardProfiles).where(eq(wardProfiles.wardCode, wardCode));
  if (!profile) return null; // no published hours: nothing honest to say about opening times
  let hours: WeeklyHours;
  let closed: string[];
  try {
    hours = JSON.parse(profile.hours) as WeeklyHours;
    closed = JSON.parse(profile.closedDays) as string[];
  } catch {
    return null;
  }
  return outOfHoursReply(hours, closed, new Date(now), lastAutoReplyAt);
}

export function systemMessage(conversationId: string, text: string, at: number) {
  return { id: newId(), conversationId, authorRole: "system" as const, authorId: null, kind: "message" as const, text, clientMessageId: null, createdAt: at };
}

/** Runs after the response where the platform allows it (tests without a context await it). */
export function afterResponse(c: Context<AppEnv>, work: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    return work;
  }
}

export function announce(c: Context<AppEnv>, conv: Conversation, staffOnly: boolean) {
  return afterResponse(c, notifyWard(c.env, conv.wardCode, { type: "conversation", conversationId: conv.id, citizenId: conv.citizenId, staffOnly }));
}

/** Adds a message or note; the message, counters and any automatic reply commit together. */
export async function addMessage(
  c: Context<AppEnv>,
  conv: Conversation,
  user: SessionUser,
  body: { text: string; clientMessageId?: string },
  kind: "message" | "note",
) {
  const db = c.get("db");
  if (body.clientMessageId) {
    const [existing] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conv.id), eq(messages.clientMessageId, body.clientMessageId)));
    if (existing) return existing; // sent twice: one message
  }
  const now = Date.now();
  const staff = isStaff(user);
  const message = {
    id: newId(),
    conversationId: conv.id,
    authorRole: staff ? ("officer" as const) : ("citizen" as const),
    authorId: user.sub,
    kind,
    text: body.text,
    clientMessageId: body.clientMessageId ?? null,
    createdAt: now,
  };
  if (kind === "note") {
    await db.batch([db.insert(messages).values(message), db.update(conversations).set({ updatedAt: now }).where(eq(conversations.id, conv.id))]);
    await announce(c, conv, true);
    return message;
  }
  const autoReply = staff ? null : await dueAutoReply(db, conv.wardCode, conv.autoReplyAt, now);
  const update = staff
    ? {
        status: "pending" as const,
        updatedAt: now,
        unreadByCitizen: sql`${conversations.unreadByCitizen} + 1`,
        ...(conv.firstResponseAt ? {} : { firstResponseAt: now }),
      }
    : {
        status: "open" as const,
        updatedAt: now,
        unreadByStaff: sql`${conversations.unreadByStaff} + 1`,
        ...(autoReply ? { autoReplyAt: now, unreadByCitizen: sql`${conversations.unreadByCitizen} + 1` } : {}),
      };
  // An officer's reply that also goes out through Zalo is queued in the same batch (outbox).
  const zalo = staff ? await zaloDeliveryFor(db, c.env, conv, message, now) : null;
  // Committed before we acknowledge: the message, the counters and the automatic reply.
  await db.batch([
    db.insert(messages).values(message),
    db.update(conversations).set(update).where(eq(conversations.id, conv.id)),
    ...(autoReply ? [db.insert(messages).values(systemMessage(conv.id, autoReply, now + 1))] : []),
    ...(zalo?.statements ?? []),
  ]);
  if (zalo?.kickOa) await afterResponse(c, kickOutbox(c.env, zalo.kickOa));
  await announce(c, conv, false);
  return message;
}

/** Opening a thread clears the viewer's unread counter. */
export async function markRead(db: Db, conv: Conversation, user: SessionUser) {
  if (isStaff(user) && conv.unreadByStaff > 0) {
    await db.update(conversations).set({ unreadByStaff: 0 }).where(eq(conversations.id, conv.id));
    conv.unreadByStaff = 0;
  } else if (user.role === "citizen" && conv.unreadByCitizen > 0) {
    await db.update(conversations).set({ unreadByCitizen: 0 }).where(eq(conversations.id, conv.id));
    conv.unreadByCitizen = 0;
  }
}
