// Turns Drizzle row objects into plain SQL text for `wrangler d1 execute --file`, which is
// how seeds reach both local and remote D1 without a Worker in between.
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";

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
    const bytes = Buffer.byteLength(tuple) + 2;
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
