/**
 * Procedure records and ward names the ask route composes answers from, kept per isolate:
 * the same few hundred procedures answer most questions, and D1 need not be asked each time.
 * Entries expire with the index (10 minutes), so re-imports show up.
 */
import { eq } from "drizzle-orm";
import { getProcedure } from "../catalog/procedure-queries";
import type { ProcedureDto } from "../catalog/procedure-dto";
import type { Db } from "../db/client";
import { wards } from "../db/schema";

const TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 300;

class TtlCache<V> {
  private map = new Map<string, { value: V; at: number }>();
  async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.map.get(key);
    if (hit && now - hit.at < TTL_MS) {
      // Map order is insertion order: re-inserting keeps recently used entries last.
      this.map.delete(key);
      this.map.set(key, hit);
      return hit.value;
    }
    const value = await load();
    this.map.set(key, { value, at: now });
    if (this.map.size > MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
    return value;
  }
  delete(key: string) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
}

const records = new TtlCache<ProcedureDto | null>();
const wardNames = new TtlCache<string | null>();

export const cachedProcedure = (db: Db, code: string) => records.get(code, () => getProcedure(db, code));

export const cachedWardName = (db: Db, code: string) =>
  wardNames.get(code, async () => (await db.select({ name: wards.name }).from(wards).where(eq(wards.code, code)))[0]?.name ?? null);

/** After a ward edits its own procedure (other isolates catch up within TTL_MS). */
export function forgetProcedure(code: string) {
  records.delete(code);
}

/** For tests that change the catalog mid-file. */
export function resetRecordCache() {
  records.clear();
  wardNames.clear();
}
