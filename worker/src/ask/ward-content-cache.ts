/**
 * A ward's FAQ entries and local procedures, prepared for the engine once per isolate and
 * ward. Edits made through this isolate show at once (invalidateWardContent); other isolates
 * see them within WARD_TTL_MS, which keeps asking a single D1 round trip at most a minute.
 */
import { and, eq, gt, isNotNull, isNull, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { procedures, wardFaqs, wardNotices } from "../db/schema";
import { levelsOf } from "../catalog/procedure-dto";
import { extendIndex, type AskIndex, type NameFeatures } from "./engine";
import { buildFaqEntries, type WardContent } from "./ward-answer";

const WARD_TTL_MS = 60 * 1000;
const MAX_WARDS = 200;
const cache = new Map<string, { content: Promise<WardContent | null>; at: number }>();

async function load(db: Db, indexReady: Promise<AskIndex>, wardCode: string): Promise<WardContent | null> {
  // Read while the catalog index loads (a cold isolate does both at once).
  const [[locals, faqs, notices], index] = await Promise.all([read(db, wardCode), indexReady]);
  if (!locals.length && !faqs.length && !notices.length) return null;
  return {
    procedures: locals.length
      ? extendIndex(
          index,
          locals.map((r) => ({ code: r.code, name: r.name, field: r.field, levels: levelsOf(r.levels), features: parseFeatures(r.nameFeatures) })),
        )
      : null,
    faqs: buildFaqEntries(index, faqs),
    // Which are in force is decided per answer (a notice may start or end within the minute).
    notices: notices.map((n) => ({ ...n, procedureCode: n.procedureCode! })),
  };
}

function read(db: Db, wardCode: string) {
  return db.batch([
    db
      .select({ code: procedures.code, name: procedures.name, field: procedures.field, levels: procedures.levels, nameFeatures: procedures.nameFeatures })
      .from(procedures)
      .where(and(eq(procedures.wardCode, wardCode), eq(procedures.origin, "local"), eq(procedures.status, "active"))),
    db
      .select({
        id: wardFaqs.id,
        question: wardFaqs.question,
        answer: wardFaqs.answer,
        keywords: wardFaqs.keywords,
        features: wardFaqs.features,
        procedureCode: wardFaqs.procedureCode,
        updatedAt: wardFaqs.updatedAt,
      })
      .from(wardFaqs)
      .where(and(eq(wardFaqs.wardCode, wardCode), eq(wardFaqs.published, true))),
    db
      .select({
        id: wardNotices.id,
        procedureCode: wardNotices.procedureCode,
        title: wardNotices.title,
        body: wardNotices.body,
        startsAt: wardNotices.startsAt,
        endsAt: wardNotices.endsAt,
      })
      .from(wardNotices)
      .where(
        and(eq(wardNotices.wardCode, wardCode), isNotNull(wardNotices.procedureCode), or(isNull(wardNotices.endsAt), gt(wardNotices.endsAt, Date.now()))),
      ),
  ]);
}

function parseFeatures(json: string | null): NameFeatures | null {
  try {
    return json ? (JSON.parse(json) as NameFeatures) : null;
  } catch {
    return null;
  }
}

export function getWardContent(db: Db, index: Promise<AskIndex>, wardCode: string, now = Date.now()): Promise<WardContent | null> {
  const hit = cache.get(wardCode);
  if (hit && now - hit.at <= WARD_TTL_MS) return hit.content;
  if (cache.size >= MAX_WARDS) cache.delete(cache.keys().next().value!);
  const content = load(db, index, wardCode);
  cache.set(wardCode, { content, at: now });
  content.catch(() => {
    if (cache.get(wardCode)?.content === content) cache.delete(wardCode);
  });
  return content;
}

/** After a ward's admin changes its content. */
export function invalidateWardContent(wardCode: string) {
  cache.delete(wardCode);
}

export function resetWardContentCache() {
  cache.clear();
}
