/**
 * "Gặp cán bộ" in Zalo chat → a conversation in the ward's inbox, made by the same rules as
 * one from the mini app (the field from the procedure last discussed, auto-assigned to the
 * least-loaded on-duty officer of that field, the out-of-hours reply), marked channel
 * "zalo_oa", carrying the chat the bot saw including the request itself.
 */
import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { sha256Hex } from "../admin/link-code";
import { dueAutoReply, leastLoadedOfficer, searchTextOf, systemMessage } from "../contact/conversation-store";
import type { Db } from "../db/client";
import { conversations, messages, procedures } from "../db/schema";
import type { Env } from "../env";
import { asksForOfficer, choiceNumber, yesNo } from "./chat-commands";
import { handoffText, nonTextForOfficer } from "./format-reply";
import { linksFor, oaCitizenId, recentChat, type OaConfig } from "./oa-store";

/** How far back the chat the officer receives goes, and how many messages at most. */
const HISTORY_MS = 24 * 60 * 60 * 1000;
const HISTORY_MAX = 20;

export interface HandoffInput {
  cfg: OaConfig;
  userId: string;
  citizenId: string | null;
  key: string;
  text: string;
  inboundId: string;
  lastCode: string | null;
  wardName: string | null;
  now: number;
}

/** A short reply like "1", "có" or the request itself says nothing about the topic. */
const isTopic = (t: string) => !asksForOfficer(t) && choiceNumber(t) === null && yesNo(t) === null && t.trim().length >= 8;

export async function handoffStatements(db: Db, env: Env, h: HandoffInput): Promise<{ statements: BatchItem<"sqlite">[]; conversationId: string; reply: string }> {
  const { cfg, now } = h;
  const conversationId = `oa-${(await sha256Hex(`${cfg.oaId}:${h.key}`)).slice(0, 32)}`;
  const earlier = (await recentChat(db, cfg.oaId, h.userId, now - HISTORY_MS, HISTORY_MAX)).filter((m) => m.id !== h.inboundId);
  const history = [
    ...earlier.map((m) => ({
      role: m.author === "citizen" ? ("citizen" as const) : ("system" as const),
      text: m.author === "citizen" && m.kind !== "text" ? nonTextForOfficer(m.kind) : m.text,
      at: m.createdAt,
    })),
    { role: "citizen" as const, text: h.text, at: now },
  ];
  // Strictly increasing times keep the order the chat had.
  for (let i = 1; i < history.length; i++) history[i].at = Math.max(history[i].at, history[i - 1].at + 1);

  const [proc] = h.lastCode
    ? await db.select({ field: procedures.field, name: procedures.name }).from(procedures).where(eq(procedures.code, h.lastCode))
    : [];
  const field = proc?.field ?? null;
  const procedureCode = proc ? h.lastCode : null;
  const topic = [...history].reverse().find((m) => m.role === "citizen" && isTopic(m.text))?.text ?? h.text;
  const subject = topic.slice(0, 200);
  const citizenId = h.citizenId ?? oaCitizenId(cfg.oaId, h.userId);
  const last = history[history.length - 1].at;
  const autoReply = await dueAutoReply(db, cfg.wardCode, null, now);

  const conv = {
    id: conversationId,
    wardCode: cfg.wardCode,
    citizenId,
    field,
    procedureCode,
    status: "open" as const,
    // Chosen inside the INSERT: parallel handoffs each see the others (contact/conversation-store).
    assignedOfficerId: leastLoadedOfficer(cfg.wardCode, field),
    context: JSON.stringify({ question: topic.slice(0, 1000), matches: proc && procedureCode ? [{ code: procedureCode, name: proc.name }] : [] }),
    createdAt: now,
    updatedAt: last + 1,
    subject,
    searchText: searchTextOf(subject, field, procedureCode),
    unreadByStaff: 1,
    unreadByCitizen: autoReply ? 1 : 0,
    autoReplyAt: autoReply ? now : null,
    channel: "zalo_oa" as const,
    oaId: cfg.oaId,
    oaUserId: h.userId,
  };
  const statements: BatchItem<"sqlite">[] = [
    db.insert(conversations).values(conv).onConflictDoNothing(),
    ...history.map((m, i) =>
      db
        .insert(messages)
        .values({
          id: `${conversationId}-${i}`,
          conversationId,
          authorRole: m.role,
          authorId: m.role === "citizen" ? citizenId : null,
          kind: "message",
          text: m.text,
          clientMessageId: null,
          createdAt: m.at,
        })
        .onConflictDoNothing(),
    ),
  ];
  if (autoReply) statements.push(db.insert(messages).values({ ...systemMessage(conversationId, autoReply, last + 1), id: `${conversationId}-auto` }).onConflictDoNothing());
  const reply = handoffText({ wardName: h.wardName, field, linked: h.citizenId != null, outOfHours: autoReply, links: linksFor(env) });
  return { statements, conversationId, reply };
}
