/**
 * The engine's index of the national catalog, built once per isolate from D1 and reused by
 * every request; rebuilt after INDEX_TTL_MS so catalog re-imports show up. Wards' own
 * procedures are not in it (see ward-content-cache): each ward's citizens see only theirs.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { indexSnapshots, meta, procedures } from "../db/schema";
import { levelsOf } from "../catalog/procedure-dto";
import { buildIndex, type AskIndex, type NameFeatures } from "./engine";
import { gunzipBase64, indexFromSnapshot } from "./index-snapshot";
import { everydayTexts, withEveryday } from "./everyday-index";
import { readStoredEveryday } from "../catalog/everyday";

const INDEX_TTL_MS = 10 * 60 * 1000;
const PORTAL_ACTIVE = and(eq(procedures.status, "active"), eq(procedures.origin, "portal"));
let cached: { index: Promise<AskIndex>; builtAt: number } | null = null;

/** Development timing of the last load (read from D1, build), for Server-Timing. */
export const lastLoad: { readMs: number; buildMs: number; from: "snapshot" | "rows" } = { readMs: 0, buildMs: 0, from: "rows" };

/**
 * The snapshot written by the importer, if it still describes the catalog: built from the
 * current import (`catalog_seed`) and from as many active portal procedures as there are now.
 * Otherwise null, and the index is built from rows.
 */
async function loadSnapshot(db: Db): Promise<AskIndex | null> {
  const [metaRows, [active], parts] = await db.batch([
    db.select().from(meta).where(inArray(meta.key, ["catalog_seed", "ask_snapshot"])),
    db.select({ n: count() }).from(procedures).where(PORTAL_ACTIVE),
    db.select({ data: indexSnapshots.data }).from(indexSnapshots).orderBy(asc(indexSnapshots.part)),
  ]);
  const seed = metaRows.find((m) => m.key === "catalog_seed")?.value;
  const info = metaRows.find((m) => m.key === "ask_snapshot")?.value;
  if (!seed || !info || !parts.length) return null;
  try {
    const { catalogSeed, procedures: n } = JSON.parse(info) as { catalogSeed: string; procedures: number };
    if (catalogSeed !== seed || n !== active.n) return null;
    return indexFromSnapshot(await gunzipBase64(parts.map((p) => p.data).join("")));
  } catch {
    return null;
  }
}

async function load(db: Db): Promise<AskIndex> {
  const t0 = performance.now();
  const snapshot = await loadSnapshot(db);
  if (snapshot) {
    lastLoad.readMs = performance.now() - t0;
    lastLoad.buildMs = 0;
    lastLoad.from = "snapshot";
    return snapshot;
  }
  const rows = await db
    .select({
      code: procedures.code,
      name: procedures.name,
      field: procedures.field,
      levels: procedures.levels,
      nameFeatures: procedures.nameFeatures,
      everyday: procedures.everyday,
    })
    .from(procedures)
    .where(PORTAL_ACTIVE);
  const t1 = performance.now();
  const names = buildIndex(
    rows.map((r) => ({ code: r.code, name: r.name, field: r.field, levels: levelsOf(r.levels), features: parseFeatures(r.nameFeatures) })),
  );
  const knowledge = new Map(rows.map((r) => [r.code, readStoredEveryday(r.everyday)]));
  const texts = everydayTexts(names, (code) => knowledge.get(code) ?? null);
  const index = texts.length ? withEveryday(names, texts) : names;
  lastLoad.readMs = t1 - t0;
  lastLoad.buildMs = performance.now() - t1;
  lastLoad.from = "rows";
  return index;
}

function parseFeatures(json: string | null): NameFeatures | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as NameFeatures;
  } catch {
    return null;
  }
}

export function getIndex(db: Db, now = Date.now()): Promise<AskIndex> {
  if (!cached || now - cached.builtAt > INDEX_TTL_MS) {
    const index = load(db);
    cached = { index, builtAt: now };
    // A failed load must not stay cached.
    index.catch(() => {
      if (cached?.index === index) cached = null;
    });
  }
  return cached.index;
}

/** Starts building the index if this isolate has none yet, without waiting for it. */
export function warmIndex(db: Db, waitUntil: (p: Promise<unknown>) => void) {
  if (cached) return;
  try {
    waitUntil(getIndex(db).catch(() => undefined));
  } catch {
    // No execution context (e.g. called outside a request): nothing to warm.
  }
}

/** For tests that change the catalog mid-file. */
export function resetIndexCache() {
  cached = null;
}
