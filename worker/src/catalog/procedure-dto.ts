/** The procedure record as the API returns it (shared with the mini app through AppType). */
import type {
  procedureDocuments,
  procedureLegalBases,
  procedureMethods,
  procedures,
  procedureSteps,
} from "../db/schema";
import { readStoredEveryday, shortNameOf } from "./everyday";
import type { Level } from "./portal-parser";

type Row<T extends { $inferSelect: unknown }> = T["$inferSelect"];

export function levelsOf(column: string): Level[] {
  return column.split(",").filter(Boolean) as Level[];
}

export function procedureDto(
  p: Row<typeof procedures>,
  methods: Row<typeof procedureMethods>[],
  documents: Row<typeof procedureDocuments>[],
  steps: Row<typeof procedureSteps>[],
  legalBases: Row<typeof procedureLegalBases>[],
) {
  return {
    code: p.code,
    name: p.name,
    /** Everyday title ("Đăng ký khai sinh"); the legal name stays in `name`. */
    shortName: shortNameOf(p.name, readStoredEveryday(p.everyday)),
    field: p.field,
    levels: levelsOf(p.levels),
    type: p.type,
    audience: p.audience,
    agencies: p.agencies,
    decision: p.decision,
    conditions: p.conditions,
    result: p.result,
    address: p.address,
    sourceUrl: p.sourceUrl,
    origin: p.origin,
    /** Local procedures: the ward that publishes it. */
    wardCode: p.wardCode,
    status: p.status,
    methods: methods.map((m) => ({
      channel: m.channel,
      time: { text: m.timeText, value: m.timeValue, unit: m.timeUnit },
      fee: {
        text: m.feeText,
        amount: m.feeAmount,
        currency: m.feeCurrency,
        unit: m.feeUnit,
        status: m.feeStatus,
        note: m.feeNote,
      },
      note: m.note,
    })),
    documents: documents.map((d) => ({
      name: d.name,
      quantity: { text: d.quantityText, original: d.original, copy: d.copy },
      kind: d.kind,
      submit: d.submit,
      form: d.form,
      section: d.section,
    })),
    steps: steps.map((s) => s.text),
    legalBases: legalBases.map((l) => ({ number: l.number, title: l.title })),
  };
}

export type ProcedureDto = ReturnType<typeof procedureDto>;
