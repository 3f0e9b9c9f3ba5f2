// Inserts the test fixtures (real portal records and wards) through the same row mapping
// the importer uses, so tests see exactly what `npm start` seeds.
import { env } from "cloudflare:workers";
import { catalogRows } from "../../worker/src/catalog/catalog-rows";
import { parseRecord, type PortalRecord } from "../../worker/src/catalog/portal-parser";
import { createDb } from "../../worker/src/db/client";
import {
  procedureDocuments,
  procedureLegalBases,
  procedureMethods,
  procedures,
  procedureSources,
  procedureSteps,
  provinces,
  wards,
} from "../../worker/src/db/schema";
import proceduresJsonl from "../fixtures/procedures.jsonl?raw";
import wardFixtures from "../fixtures/wards.json";

export const fixtureRecords: PortalRecord[] = proceduresJsonl
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

/** D1 caps bound parameters per statement at 100. */
async function insertChunked<T extends Record<string, unknown>>(table: Parameters<ReturnType<typeof createDb>["insert"]>[0], rows: T[]) {
  if (!rows.length) return;
  const db = createDb(env.DB);
  const perRow = Object.keys(rows[0]).length;
  const size = Math.max(1, Math.floor(99 / perRow));
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

export async function seedWards() {
  await insertChunked(provinces, wardFixtures.provinces);
  await insertChunked(wards, wardFixtures.wards);
}

export async function seedCatalog(records: PortalRecord[] = fixtureRecords) {
  for (const r of records) {
    const rows = catalogRows(parseRecord(r), "test");
    await insertChunked(procedures, [rows.procedure]);
    await insertChunked(procedureMethods, rows.methods);
    await insertChunked(procedureDocuments, rows.documents);
    await insertChunked(procedureSteps, rows.steps);
    await insertChunked(procedureLegalBases, rows.legalBases);
    await insertChunked(procedureSources, rows.sources);
  }
}

export async function api(path: string, init?: RequestInit) {
  const { exports } = await import("cloudflare:workers");
  const res = await (exports as unknown as { default: Fetcher }).default.fetch(`http://test${path}`, init);
  const body = (await res.json()) as any;
  return { status: res.status, body };
}
