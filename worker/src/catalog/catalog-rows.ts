/**
 * Maps a parsed portal record to the rows of the catalog tables. Pure; shared by the
 * importer (which turns rows into SQL for wrangler) and the worker tests (which insert
 * them with Drizzle), so both write exactly the same data.
 */
import type {
  procedureDocuments,
  procedureLegalBases,
  procedureMethods,
  procedures,
  procedureSources,
  procedureSteps,
} from "../db/schema";
import { nameFeatures } from "../ask/engine";
import { searchKey } from "../text/fold";
import type { StoredEveryday } from "./everyday";
import type { ParsedProcedure } from "./portal-parser";

export interface CatalogRows {
  procedure: typeof procedures.$inferInsert;
  methods: (typeof procedureMethods.$inferInsert)[];
  documents: (typeof procedureDocuments.$inferInsert)[];
  steps: (typeof procedureSteps.$inferInsert)[];
  legalBases: (typeof procedureLegalBases.$inferInsert)[];
  sources: (typeof procedureSources.$inferInsert)[];
}

/** Small source chunks keep import statements small (see scripts/lib/sql.ts). */
export const SOURCE_CHUNK_CHARS = 2_000;

export function catalogRows(p: ParsedProcedure, importBatch: string, everyday: StoredEveryday | null = null): CatalogRows {
  const procedureCode = p.code;
  const sources: CatalogRows["sources"] = [];
  for (const [field, value] of Object.entries(p.raw)) {
    if (typeof value !== "string" || value === "") continue;
    for (let i = 0, chunk = 0; i < value.length; i += SOURCE_CHUNK_CHARS, chunk++) {
      sources.push({ procedureCode, field, chunk, value: value.slice(i, i + SOURCE_CHUNK_CHARS) });
    }
  }
  return {
    procedure: {
      code: p.code,
      name: p.name,
      field: p.field,
      levels: `,${p.levels.join(",")},`,
      levelsText: p.levelsText,
      type: p.type,
      audience: p.audience,
      agencies: p.agencies,
      decision: p.decision,
      conditions: p.conditions,
      result: p.result,
      address: p.address,
      sourceUrl: p.sourceUrl,
      ministry: p.ministry,
      origin: "portal",
      status: "active",
      importBatch,
      searchKey: searchKey(`${p.code} ${p.name} ${p.field ?? ""}`),
      sortKey: searchKey(p.name),
      nameFeatures: JSON.stringify(nameFeatures(p.name)),
      everyday: everyday ? JSON.stringify(everyday) : null,
    },
    methods: p.methods.map((m, position) => ({
      procedureCode,
      position,
      channel: m.channel,
      timeText: m.time.text,
      timeValue: m.time.value,
      timeUnit: m.time.unit,
      feeText: m.fee.text,
      feeAmount: m.fee.amount,
      feeCurrency: m.fee.currency,
      feeUnit: m.fee.unit,
      feeStatus: m.fee.status,
      feeNote: m.fee.note,
      note: m.note,
    })),
    documents: p.documents.map((d, position) => ({
      procedureCode,
      position,
      section: d.section,
      name: d.name,
      form: d.form,
      quantityText: d.quantityText,
      original: d.original,
      copy: d.copy,
      kind: d.kind,
      submit: d.submit,
    })),
    steps: p.steps.map((text, position) => ({ procedureCode, position, text })),
    legalBases: p.legalBases.map((l, position) => ({ procedureCode, position, number: l.number, title: l.title })),
    sources,
  };
}
