/**
 * The once-a-minute backstop (Cron Trigger). Normal delivery never waits for it: events are
 * processed right after the acknowledgement and the OA's Durable Object is told at once.
 * It covers the gaps between two systems: an isolate that died after storing an event but
 * before processing it, and outbox rows committed while telling the Durable Object failed.
 */
import { and, inArray, lt, eq, or, isNull, lte } from "drizzle-orm";
import { createDb } from "../db/client";
import { zaloOaEvents, zaloOaMessages } from "../db/schema";
import type { Env } from "../env";
import { parseEvent } from "./events";
import { kickOutbox } from "./oa-store";
import { processEvent } from "./process-event";

/** Younger work is still in the hands of whoever started it. */
const GRACE_MS = 30 * 1000;
const EVENT_KEYS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export async function sweep(env: Env, now = Date.now()): Promise<{ events: number; outboxes: number }> {
  const db = createDb(env.DB);
  const stuck = await db
    .select()
    .from(zaloOaEvents)
    .where(and(eq(zaloOaEvents.status, "received"), lt(zaloOaEvents.receivedAt, now - GRACE_MS)))
    .limit(50);
  for (const row of stuck) {
    let ev;
    try {
      ev = parseEvent(JSON.parse(row.body ?? "null"));
    } catch {
      ev = null;
    }
    if (!ev || ev.type === "ignored") {
      await db.update(zaloOaEvents).set({ status: "done", body: null, processedAt: now }).where(and(eq(zaloOaEvents.oaId, row.oaId), eq(zaloOaEvents.eventKey, row.eventKey)));
      continue;
    }
    // Signed when it arrived; processing is idempotent, so a second run writes nothing new.
    await processEvent(env, ev).catch((err: Error) => console.error(`zalo-oa sweep: event failed: ${err.name}`));
  }
  const due = await db
    .selectDistinct({ oaId: zaloOaMessages.oaId })
    .from(zaloOaMessages)
    .where(
      and(
        inArray(zaloOaMessages.status, ["queued", "sending"]),
        lt(zaloOaMessages.createdAt, now - GRACE_MS),
        or(isNull(zaloOaMessages.nextAttemptAt), lte(zaloOaMessages.nextAttemptAt, now)),
      ),
    );
  for (const { oaId } of due) await kickOutbox(env, oaId);
  // Zalo resends an event for about two hours; a week of keys is plenty to recognize resends.
  await db.delete(zaloOaEvents).where(and(eq(zaloOaEvents.status, "done"), lt(zaloOaEvents.receivedAt, now - EVENT_KEYS_KEPT_MS)));
  return { events: stuck.length, outboxes: due.length };
}
