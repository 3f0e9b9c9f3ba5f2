/**
 * The retention job (Cron Trigger, nightly). Personal data is kept only as long as each ward
 * set (default 12 months; ward_settings.retention_months): past it, a conversation is
 * anonymized: its messages deleted, and its citizen id, subject, context, rating comment and
 * call-back data erased. What stays (ward, field, procedure, status, times, the 1–5 rating)
 * feeds the ward's statistics and names no one. Resolved threads go first; open threads
 * untouched for the whole period go after them. Question logs ("cải thiện trợ lý") go after
 * 90 days, staff access logs after the ward's period.
 */
import { and, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { accessLog, askLogs, conversations, messages, wardSettings } from "../db/schema";

/**
 * The nightly schedule in wrangler.toml (02:00 Vietnam time); the scheduled handler runs the
 * retention job for it and the Zalo OA sweep for every other cron. (Not exported from the
 * worker's entry module: workerd accepts only handlers and classes there.)
 */
export const RETENTION_CRON = "0 19 * * *";
export const DEFAULT_RETENTION_MONTHS = 12;
export const ASK_LOG_DAYS = 90;
/** Conversations handled per batch; the job loops until done or MAX_PER_RUN. */
const BATCH = 50;
const MAX_PER_RUN = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const ANONYMIZED = "anonymized";

/** `months` before `now` (calendar months, UTC). */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/** Erases one set of conversations in one batch (one transaction): never half-anonymized. */
export async function anonymizeConversations(db: Db, ids: string[]) {
  if (!ids.length) return;
  await db.batch([
    db.delete(messages).where(inArray(messages.conversationId, ids)),
    db
      .update(conversations)
      .set({
        citizenId: ANONYMIZED,
        subject: "",
        searchText: "",
        context: null,
        ratingComment: null,
        callbackPhone: null,
        callbackConsentAt: null,
        clientMessageId: null,
        unreadByCitizen: 0,
        unreadByStaff: 0,
      })
      .where(inArray(conversations.id, ids)),
  ]);
}

export interface RetentionReport {
  conversations: number;
  askLogs: number;
  accessLogs: number;
}

export async function runRetention(db: Db, now = Date.now()): Promise<RetentionReport> {
  const report: RetentionReport = { conversations: 0, askLogs: 0, accessLogs: 0 };
  // One pass per retention period in force; wards without a setting keep the default.
  const periods = await db.selectDistinct({ months: wardSettings.retentionMonths }).from(wardSettings);
  const groups = [...new Set([DEFAULT_RETENTION_MONTHS, ...periods.map((p) => p.months)])];
  for (const months of groups) {
    const cutoff = monthsBefore(now, months);
    const inGroup =
      months === DEFAULT_RETENTION_MONTHS
        ? sql`${conversations.wardCode} NOT IN (SELECT ward_code FROM ward_settings WHERE retention_months <> ${DEFAULT_RETENTION_MONTHS})`
        : sql`${conversations.wardCode} IN (SELECT ward_code FROM ward_settings WHERE retention_months = ${months})`;
    // Resolved threads first; then open ones nobody touched for the whole period.
    for (const resolved of [true, false]) {
      while (report.conversations < MAX_PER_RUN) {
        const rows = await db
          .select({ id: conversations.id })
          .from(conversations)
          .where(
            and(
              ne(conversations.citizenId, ANONYMIZED),
              lt(conversations.updatedAt, cutoff),
              resolved ? eq(conversations.status, "resolved") : ne(conversations.status, "resolved"),
              inGroup,
            ),
          )
          .orderBy(conversations.updatedAt)
          .limit(BATCH);
        if (!rows.length) break;
        await anonymizeConversations(db, rows.map((r) => r.id));
        report.conversations += rows.length;
      }
    }
    const logs = await db
      .delete(accessLog)
      .where(and(lt(accessLog.at, cutoff), sql`${accessLog.wardCode} ${months === DEFAULT_RETENTION_MONTHS ? sql`NOT IN (SELECT ward_code FROM ward_settings WHERE retention_months <> ${DEFAULT_RETENTION_MONTHS})` : sql`IN (SELECT ward_code FROM ward_settings WHERE retention_months = ${months})`}`))
      .returning({ id: accessLog.id });
    report.accessLogs += logs.length;
  }
  const asks = await db.delete(askLogs).where(lt(askLogs.at, now - ASK_LOG_DAYS * DAY_MS)).returning({ id: askLogs.id });
  report.askLogs = asks.length;
  return report;
}
