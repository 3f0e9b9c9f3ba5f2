/**
 * The engine's index, built once per isolate from D1 and reused by every request; rebuilt
 * after INDEX_TTL_MS so catalog re-imports and ward-added procedures show up.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { procedures } from "../db/schema";
import { levelsOf } from "../catalog/procedure-dto";
import { buildIndex, type AskIndex, type NameFeatures } from "./engine";

const INDEX_TTL_MS = 10 * 60 * 1000;
let cached: { index: Promise<AskIndex>; builtAt: number } | null = null;

async function load(db: Db): Promise<AskIndex> {
  const rows = await db
    .select({
      code: procedures.code,
      name: procedures.name,
      field: procedures.field,
      levels: procedures.levels,
      nameFeatures: procedures.nameFeatures,
    })
    .from(procedures)
    .where(eq(procedures.status, "active"));
  return buildIndex(
    rows.map((r) => ({ code: r.code, name: r.name, field: r.field, levels: levelsOf(r.levels), features: parseFeatures(r.nameFeatures) })),
  );
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
