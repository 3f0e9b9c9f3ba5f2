// Imports a National Public Service Portal export (JSON Lines, optionally gzipped) into D1.
//
//   npm run catalog:import -- data/catalog/dvc-procedures-2026-06.jsonl.gz [--remote] [--dry-run]
//
// Idempotent: procedures are upserted by national code and their details replaced; portal
// procedures missing from a newer export are marked `retired`, never deleted; local
// (ward-added) procedures are never touched.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { SNAPSHOT_VERSION, snapshotWithEveryday } from "../worker/src/ask/index-snapshot";
import { catalogRows } from "../worker/src/catalog/catalog-rows";
import { parseRecord, type ParsedProcedure } from "../worker/src/catalog/portal-parser";
import { CLEANUP_VERSION, cleanProcedure, type CleanupFix } from "../worker/src/catalog/text-cleanup";
// @ts-expect-error plain ESM helper without types
import { d1ExecuteFile, ROOT } from "./lib/wrangler.mjs";
import { DEFAULT_CATALOG, fileHash, readRecords } from "./lib/catalog-file";
import { everydayHash, readEveryday } from "./lib/knowledge-file";
import { catalogImportStatements, snapshotRows, snapshotStatements } from "../worker/src/catalog/import-sql";

interface Coverage {
  total: number;
  commune: number;
  communeOk: number;
  methods: number;
  methodsWithTime: number;
  methodsWithFeeStatus: Record<string, number>;
  documents: number;
  documentsWithKind: number;
  failures: { code: string; name: string; commune: boolean; missing: string[] }[];
}

export function coverage(parsed: ParsedProcedure[]): Coverage {
  const c: Coverage = {
    total: parsed.length,
    commune: 0,
    communeOk: 0,
    methods: 0,
    methodsWithTime: 0,
    methodsWithFeeStatus: {},
    documents: 0,
    documentsWithKind: 0,
    failures: [],
  };
  for (const p of parsed) {
    const commune = p.levels.includes("xa");
    const missing: string[] = [];
    if (p.methods.length === 0) missing.push("methods");
    if (p.documents.length === 0) missing.push("documents");
    if (commune) {
      c.commune++;
      if (missing.length === 0) c.communeOk++;
    }
    if (missing.length) c.failures.push({ code: p.code, name: p.name, commune, missing });
    for (const m of p.methods) {
      c.methods++;
      if (m.time.value != null) c.methodsWithTime++;
      c.methodsWithFeeStatus[m.fee.status] = (c.methodsWithFeeStatus[m.fee.status] ?? 0) + 1;
    }
    for (const d of p.documents) {
      c.documents++;
      if (d.kind) c.documentsWithKind++;
    }
  }
  return c;
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : "0.0");

export function coverageReport(c: Coverage, source: string, cleanups: CleanupEntry[] = []): string {
  const lines = [
    `# Catalog import report`,
    ``,
    `Source: \`${source}\``,
    ``,
    `| measure | count | share |`,
    `| --- | ---: | ---: |`,
    `| records | ${c.total} | |`,
    `| commune-level records with ≥1 method and ≥1 document | ${c.communeOk} / ${c.commune} | ${pct(c.communeOk, c.commune)} % |`,
    `| methods parsed | ${c.methods} | |`,
    `| methods with a parsed time (value) | ${c.methodsWithTime} | ${pct(c.methodsWithTime, c.methods)} % |`,
    ...Object.entries(c.methodsWithFeeStatus)
      .sort()
      .map(([k, v]) => `| methods with fee status \`${k}\` | ${v} | ${pct(v, c.methods)} % |`),
    `| document rows parsed | ${c.documents} | |`,
    `| document rows with a quantity > 0 (others are notes) | ${c.documentsWithKind} | ${pct(c.documentsWithKind, c.documents)} % |`,
    ``,
    `Times without a value ("Không có thông tin") and fees without a published amount stay as text;`,
    `they are reported, not guessed.`,
    ``,
    ...cleanupReport(cleanups),
    `## Records left as text (${c.failures.length})`,
    ``,
    ...c.failures.map((f) => `- ${f.code}${f.commune ? " (cấp xã)" : ""}: no ${f.missing.join(", ")} parsed — ${f.name}`),
    ``,
  ];
  return lines.join("\n");
}

export interface CleanupEntry {
  code: string;
  commune: boolean;
  fixes: CleanupFix[];
}

/** The text cleanup pass (worker/src/catalog/text-cleanup.ts), record by record. */
export function cleanupReport(entries: CleanupEntry[]): string[] {
  const count = (kind: CleanupFix["kind"]) => entries.reduce((n, e) => n + e.fixes.filter((f) => f.kind === kind).length, 0);
  const records = (kind: CleanupFix["kind"]) => entries.filter((e) => e.fixes.some((f) => f.kind === kind)).length;
  return [
    `## Text cleanup (${entries.length} records)`,
    ``,
    `Repairs of the portal's known text defects; the raw text stays in \`procedure_sources\`.`,
    ``,
    `| repair | rows | records |`,
    `| --- | ---: | ---: |`,
    `| legal bases glued together, split at their document numbers | ${count("legal_split")} | ${records("legal_split")} |`,
    `| step lines cut mid-sentence, joined | ${count("step_join")} | ${records("step_join")} |`,
    `| known defects (fragment moved back, exact match only) | ${count("known_defect")} | ${records("known_defect")} |`,
    ``,
    ...entries
      .slice()
      .sort((a, b) => Number(b.commune) - Number(a.commune) || a.code.localeCompare(b.code))
      .map((e) => `- ${e.code}${e.commune ? " (cấp xã)" : ""}: ${e.fixes.map((f) => `${f.kind} (${f.detail})`).join("; ")}`),
    ``,
  ];
}

/**
 * What the seed guard compares: the export's content and the version of the engine's name
 * features and index snapshot stored with it, so new engine rules re-import on the next start.
 */
export function catalogSeedKey(file: string): string {
  // The snapshot version includes the name-features version; everyday knowledge is indexed too.
  return `${fileHash(file)}:${SNAPSHOT_VERSION}:${everydayHash()}:c${CLEANUP_VERSION}`;
}

export interface ImportOptions {
  remote?: boolean;
  dryRun?: boolean;
  reportFile?: string;
  quiet?: boolean;
}

export function importCatalog(file: string, options: ImportOptions = {}): Coverage {
  const started = performance.now();
  const records = readRecords(file);
  const cleanups: CleanupEntry[] = [];
  const parsed = records.map((r) => {
    const { procedure, fixes } = cleanProcedure(parseRecord(r));
    if (fixes.length) cleanups.push({ code: procedure.code, commune: procedure.levels.includes("xa"), fixes });
    return procedure;
  });
  const c = coverage(parsed);
  const parseMs = performance.now() - started;

  const hash = catalogSeedKey(file);
  const batch = hash.slice(0, 16);
  if (!options.dryRun) {
    const everyday = readEveryday();
    const rows = parsed.map((p) => catalogRows(p, batch, everyday.get(p.code) ?? null));
    const indexed = snapshotRows(rows);
    const snapshot = Buffer.from(gzipSync(snapshotWithEveryday(indexed, (code) => everyday.get(code) ?? null))).toString("base64");
    const statements = [...catalogImportStatements(rows, batch, hash), ...snapshotStatements(snapshot, hash, indexed.length)];
    const dir = mkdtempSync(path.join(tmpdir(), "mot-cua-import-"));
    const sqlFile = path.join(dir, "catalog.sql");
    writeFileSync(sqlFile, statements.join("\n"));
    try {
      d1ExecuteFile(sqlFile, { remote: options.remote });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const totalMs = performance.now() - started;
  const report = coverageReport(c, path.relative(ROOT, file), cleanups);
  if (options.reportFile) writeFileSync(options.reportFile, report);
  if (!options.quiet) {
    console.log(report.split("\n## ")[0]);
    console.log(`${c.failures.length} records left as text, ${cleanups.length} records with text repairs (listed in the report).`);
    console.log(`Parsed ${c.total} records in ${parseMs.toFixed(0)} ms; import finished in ${(totalMs / 1000).toFixed(1)} s.`);
  }
  return c;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const reportIdx = args.indexOf("--report");
  const file = args.find((a, i) => !a.startsWith("--") && i !== reportIdx + 1) ?? DEFAULT_CATALOG;
  importCatalog(path.resolve(file), {
    remote: args.includes("--remote"),
    dryRun: args.includes("--dry-run"),
    reportFile: reportIdx >= 0 ? args[reportIdx + 1] : path.join(ROOT, "data", "catalog", "import-report.md"),
  });
}
