/**
 * A ward's personal-data settings (retention period, "cải thiện trợ lý"), read per isolate
 * with a short cache: the ask route consults it on every question of the ward.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { wardSettings } from "../db/schema";
import { DEFAULT_RETENTION_MONTHS } from "./retention";

export interface PrivacySettings {
  retentionMonths: number;
  improveAssistant: boolean;
}

const TTL_MS = 60_000;
const MAX = 500;
const cache = new Map<string, { value: PrivacySettings; at: number }>();

export async function wardPrivacy(db: Db, ward: string, now = Date.now()): Promise<PrivacySettings> {
  const hit = cache.get(ward);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const [row] = await db.select().from(wardSettings).where(eq(wardSettings.wardCode, ward));
  const value = { retentionMonths: row?.retentionMonths ?? DEFAULT_RETENTION_MONTHS, improveAssistant: row?.improveAssistant ?? false };
  if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  cache.set(ward, { value, at: now });
  return value;
}

export function forgetWardPrivacy(ward: string) {
  cache.delete(ward);
}
