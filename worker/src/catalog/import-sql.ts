/**
 * Turns catalog rows into plain SQL text for `wrangler d1 execute --file`, which is how
 * seeds reach both local and remote D1 without a Worker in between. Pure (no Node APIs), so
 * the worker tests can run the exact statements the importer sends.
 */
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  procedureDocuments,
  procedureLegalBases,
  procedureMethods,
  procedures,
  procedureSources,
  procedureSteps,
} from "../db/schema";
import type { CatalogRows } from "./catalog-rows";
import { snapshotParts } from "../ask/index-snapshot";
import { levelsOf } from "./procedure-dto";

/**
 * D1 rejects statements over 100 kB. Smaller is also much faster locally: wrangler splits
 * `--file` input with a regex test per character over the statement so far (quadratic in
 * statement length), so 8 kB statements import an order of magnitude faster than 90 kB ones.
 */
const MAX_STATEMENT_BYTES = 8_000;

export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * Multi-row INSERT statements for `rows`, split so each statement stays under the D1 limit.
 * `suffix` is appended to each statement (e.g. an ON CONFLICT clause).
 */
export function insertStatements(
  table: SQLiteTable,
  rows: Record<string, unknown>[],
  suffix = "",
): string[] {
  if (rows.length === 0) return [];
  const config = getTableConfig(table);
  const columns = config.columns.filter((c) => rows.some((r) => r[keyOf(table, c.name)] !== undefined));
  const head = `INSERT INTO ${config.name} (${columns.map((c) => c.name).join(", ")}) VALUES `;
  const statements: string[] = [];
  let values: string[] = [];
  let size = head.length + suffix.length;
  const flush = () => {
    if (values.length) statements.push(`${head}${values.join(", ")}${suffix};`);
    values = [];
    size = head.length + suffix.length;
  };
  for (const row of rows) {
    const tuple = `(${columns.map((c) => literal(row[keyOf(table, c.name)])).join(", ")})`;
    const bytes = utf8Length(tuple) + 2;
    if (values.length && size + bytes > MAX_STATEMENT_BYTES) flush();
    values.push(tuple);
    size += bytes;
  }
  flush();
  return statements;
}

/** Upsert suffix that replaces every non-key column. */
export function upsertSuffix(table: SQLiteTable, keyColumns: string[], where?: string): string {
  const cols = getTableConfig(table).columns.map((c) => c.name).filter((n) => !keyColumns.includes(n));
  const set = cols.map((c) => `${c} = excluded.${c}`).join(", ");
  return ` ON CONFLICT(${keyColumns.join(", ")}) DO UPDATE SET ${set}${where ? ` WHERE ${where}` : ""}`;
}

const keyCache = new WeakMap<SQLiteTable, Map<string, string>>();
/** Property key of the Drizzle column whose SQL name is `columnName`. */
function keyOf(table: SQLiteTable, columnName: string): string {
  let map = keyCache.get(table);
  if (!map) {
    map = new Map();
    for (const [key, col] of Object.entries(table)) {
      if (col && typeof col === "object" && "name" in col && "columnType" in col) {
        map.set((col as { name: string }).name, key);
      }
    }
    keyCache.set(table, map);
  }
  return map.get(columnName) ?? columnName;
}

const encoder = new TextEncoder();
const utf8Length = (s: string) => encoder.encode(s).length;

const CHILD_TABLES = [procedureMethods, procedureDocuments, procedureSteps, procedureLegalBases, procedureSources];

function tableName(t: SQLiteTable): string {
  return getTableConfig(t).name;
}

/**
 * The import as SQL: upsert portal procedures, replace their details, retire portal
 * procedures missing from this batch, record the seed hash. Local (ward-added) procedures
 * are never updated or deleted; their codes are namespaced by the ward so they cannot
 * collide with national codes.
 * Statements are grouped by table across procedures: a few thousand 8 kB statements import
 * far faster through `wrangler d1 execute` than tens of thousands of tiny ones.
 */
export function catalogImportStatements(all: CatalogRows[], batch: string, seedHash: string): string[] {
  const statements = insertStatements(
    procedures,
    all.map((r) => r.procedure),
    upsertSuffix(procedures, ["code"], "procedures.origin = 'portal'"),
  );
  for (let i = 0; i < all.length; i += 500) {
    const codes = all.slice(i, i + 500).map((r) => literal(r.procedure.code)).join(", ");
    // The subquery keeps a local procedure's details even if its code appears in the export.
    for (const t of CHILD_TABLES) {
      statements.push(
        `DELETE FROM ${tableName(t)} WHERE procedure_code IN (SELECT code FROM procedures WHERE origin = 'portal' AND code IN (${codes}));`,
      );
    }
  }
  statements.push(
    ...insertStatements(procedureMethods, all.flatMap((r) => r.methods)),
    ...insertStatements(procedureDocuments, all.flatMap((r) => r.documents)),
    ...insertStatements(procedureSteps, all.flatMap((r) => r.steps)),
    ...insertStatements(procedureLegalBases, all.flatMap((r) => r.legalBases)),
    ...insertStatements(procedureSources, all.flatMap((r) => r.sources)),
    `UPDATE procedures SET status = 'retired' WHERE origin = 'portal' AND (import_batch IS NULL OR import_batch <> ${literal(batch)});`,
    `UPDATE procedures SET status = 'active' WHERE origin = 'portal' AND import_batch = ${literal(batch)};`,
    `INSERT INTO meta (key, value) VALUES ('catalog_seed', ${literal(seedHash)}) ON CONFLICT(key) DO UPDATE SET value = excluded.value;`,
  );
  return statements;
}

/**
 * The rows the answer engine indexes, as the worker reads them back (see ask/index-cache).
 * Duplicate codes collapse as the upsert does (last wins).
 */
export function snapshotRows(all: CatalogRows[]) {
  const byCode = new Map(all.map((r) => [r.procedure.code, r.procedure]));
  return [...byCode.values()].map((p) => ({
    code: p.code,
    name: p.name,
    field: p.field ?? null,
    levels: levelsOf(p.levels),
    features: p.nameFeatures ? JSON.parse(p.nameFeatures) : null,
  }));
}

/**
 * Stores the engine's index snapshot (gzipped, base64; see ask/index-snapshot) with the
 * catalog import it describes and how many procedures it holds.
 */
export function snapshotStatements(payload: string, seedHash: string, procedures: number): string[] {
  const info = JSON.stringify({ catalogSeed: seedHash, procedures });
  return [
    "DELETE FROM index_snapshots;",
    ...snapshotParts(payload).map((data, i) => `INSERT INTO index_snapshots (part, data) VALUES (${i}, ${literal(data)});`),
    `INSERT INTO meta (key, value) VALUES ('ask_snapshot', ${literal(info)}) ON CONFLICT(key) DO UPDATE SET value = excluded.value;`,
  ];
}
