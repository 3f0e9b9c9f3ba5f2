/**
 * Procedures a ward publishes itself (local rules, steps the national portal does not list):
 * stored like portal records with origin "local", so the procedure page, the answer composer
 * and the engine (for that ward's citizens only) treat them alike.
 */
import { and, asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { nameFeatures } from "../ask/engine";
import { forgetProcedure } from "../ask/record-cache";
import { invalidateWardContent } from "../ask/ward-content-cache";
import { levelsOf } from "../catalog/procedure-dto";
import { getProcedure } from "../catalog/procedure-queries";
import type { Db } from "../db/client";
import { procedureDocuments, procedureLegalBases, procedureMethods, procedures, procedureSteps, wards } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { searchKey } from "../text/fold";
import { managedWard } from "./ward-scope";

const line = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => v || null);

export const localProcedureBody = z.object({
  name: z.string().trim().min(5).max(300),
  field: optionalText(200),
  documents: z
    .array(
      z.object({
        name: line(500),
        kind: z.enum(["original", "copy", "both"]).default("original"),
        quantity: z.number().int().min(1).max(20).default(1),
        submit: z.enum(["submit", "show"]).default("submit"),
      }),
    )
    .max(40)
    .default([]),
  /** unknown: the ward has not set it; shown as not published, never as free. */
  fee: z
    .object({ kind: z.enum(["free", "amount", "unknown"]), amount: z.number().int().min(0).max(1_000_000_000).nullable().default(null), note: optionalText(300) })
    .refine((f) => f.kind !== "amount" || f.amount != null, { message: "amount" }),
  time: z.object({
    value: z.number().min(0).max(365).nullable().default(null),
    unit: z.enum(["working_days", "days", "hours"]).nullable().default(null),
  }),
  online: z.boolean().default(false),
  address: optionalText(500),
  steps: z.array(line(1000)).max(30).default([]),
  conditions: optionalText(3000),
  result: optionalText(500),
  legalBases: z.array(line(500)).max(20).default([]),
});
type LocalProcedureBody = z.infer<typeof localProcedureBody>;

const codeParam = z.object({ code: z.string().regex(/^L\d{5}-[a-z0-9]{6}$/) });

const UNIT_TEXT = { working_days: "ngày làm việc", days: "ngày", hours: "giờ" } as const;
const KIND_TEXT = { original: "bản chính", copy: "bản sao" } as const;

function quantityText(d: LocalProcedureBody["documents"][number]): string {
  if (d.kind === "both") return `${d.quantity} bản chính và ${d.quantity} bản sao`;
  return `${d.quantity} ${KIND_TEXT[d.kind]}`;
}

/** Every row of the record, from what the admin typed. */
function recordRows(code: string, ward: { code: string; name: string }, body: LocalProcedureBody) {
  const fee =
    body.fee.kind === "free"
      ? { feeText: "Miễn phí", feeAmount: null, feeCurrency: null, feeStatus: "free" as const }
      : body.fee.kind === "amount"
        ? { feeText: `${body.fee.amount} đồng`, feeAmount: body.fee.amount, feeCurrency: "VND" as const, feeStatus: "amount" as const }
        : { feeText: "", feeAmount: null, feeCurrency: null, feeStatus: "not_published" as const };
  const time = {
    timeText: body.time.value != null && body.time.unit ? `${body.time.value} ${UNIT_TEXT[body.time.unit]}` : "",
    timeValue: body.time.unit ? body.time.value : null,
    timeUnit: body.time.value != null ? body.time.unit : null,
  };
  const channels = body.online ? (["in_person", "online"] as const) : (["in_person"] as const);
  return {
    procedure: {
      code,
      name: body.name,
      field: body.field,
      levels: ",xa,",
      levelsText: "Cấp Xã",
      agencies: `Ủy ban nhân dân ${ward.name}`,
      conditions: body.conditions,
      result: body.result,
      address: body.address,
      origin: "local" as const,
      wardCode: ward.code,
      status: "active" as const,
      searchKey: searchKey(`${code} ${body.name} ${body.field ?? ""}`),
      sortKey: searchKey(body.name),
      nameFeatures: JSON.stringify(nameFeatures(body.name)),
      updatedAt: new Date().toISOString().slice(0, 19).replace("T", " "),
    },
    methods: channels.map((channel, position) => ({ procedureCode: code, position, channel, ...time, ...fee, feeNote: body.fee.note })),
    documents: body.documents.map((d, position) => ({
      procedureCode: code,
      position,
      name: d.name,
      quantityText: quantityText(d),
      original: d.kind === "copy" ? 0 : d.quantity,
      copy: d.kind === "original" ? 0 : d.quantity,
      kind: d.kind,
      submit: d.submit,
    })),
    steps: body.steps.map((text, position) => ({ procedureCode: code, position, text })),
    legalBases: body.legalBases.map((title, position) => ({ procedureCode: code, position, title })),
  };
}

async function wardOf(db: Db, code: string) {
  const [ward] = await db.select({ code: wards.code, name: wards.name }).from(wards).where(eq(wards.code, code));
  if (!ward) throw notFound("Không tìm thấy xã, phường.");
  return ward;
}

/** Two active procedures of one ward with the same name would only make citizens choose. */
async function checkUniqueName(db: Db, ward: string, name: string, except?: string) {
  const same = await db
    .select({ code: procedures.code })
    .from(procedures)
    .where(and(eq(procedures.wardCode, ward), eq(procedures.origin, "local"), eq(procedures.status, "active"), eq(procedures.sortKey, searchKey(name))));
  if (same.some((p) => p.code !== except)) throw new ApiError(409, "duplicate", "Xã, phường đã có thủ tục cùng tên đang áp dụng.");
}

async function ownProcedure(db: Db, ward: string, code: string) {
  const [found] = await db
    .select({ code: procedures.code })
    .from(procedures)
    .where(and(eq(procedures.code, code), eq(procedures.wardCode, ward), eq(procedures.origin, "local")));
  if (!found) throw notFound("Không tìm thấy thủ tục của xã, phường này.");
}

/** Writes the record and its parts in one batch (replacing the parts on edit). */
async function save(db: Db, rows: ReturnType<typeof recordRows>, isNew: boolean) {
  const code = rows.procedure.code;
  const { code: _c, ...changes } = rows.procedure;
  const children = [
    [procedureMethods, rows.methods],
    [procedureDocuments, rows.documents],
    [procedureSteps, rows.steps],
    [procedureLegalBases, rows.legalBases],
  ] as const;
  await db.batch([
    isNew ? db.insert(procedures).values(rows.procedure) : db.update(procedures).set(changes).where(eq(procedures.code, code)),
    db.delete(procedureMethods).where(eq(procedureMethods.procedureCode, code)),
    db.delete(procedureDocuments).where(eq(procedureDocuments.procedureCode, code)),
    db.delete(procedureSteps).where(eq(procedureSteps.procedureCode, code)),
    db.delete(procedureLegalBases).where(eq(procedureLegalBases.procedureCode, code)),
    // D1 binds at most 100 parameters a statement: rows go in chunks that stay under it.
    ...children.flatMap(([table, list]) => chunked(list as Record<string, unknown>[]).map((part) => db.insert(table).values(part as never))),
  ]);
}

/** Rows per INSERT so that rows × columns ≤ 99 bound parameters. */
function chunked<T extends Record<string, unknown>>(rows: T[]): T[][] {
  if (!rows.length) return [];
  const per = Math.max(1, Math.floor(99 / Object.keys(rows[0]).length));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

function newCode(ward: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `L${ward}-${[...bytes].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("")}`;
}

export const localProcedureRoutes = new Hono<AppEnv>()
  .get("/local-procedures", async (c) => {
    const { ward } = managedWard(c);
    const rows = await c
      .get("db")
      .select({ code: procedures.code, name: procedures.name, field: procedures.field, levels: procedures.levels, status: procedures.status, updatedAt: procedures.updatedAt })
      .from(procedures)
      .where(and(eq(procedures.wardCode, ward), eq(procedures.origin, "local")))
      .orderBy(asc(procedures.status), asc(procedures.sortKey));
    return c.json({ items: rows.map((r) => ({ ...r, levels: levelsOf(r.levels) })) });
  })
  .post("/local-procedures", validate("json", localProcedureBody), async (c) => {
    const { ward } = managedWard(c);
    const db = c.get("db");
    const code = newCode(ward);
    await checkUniqueName(db, ward, c.req.valid("json").name);
    await save(db, recordRows(code, await wardOf(db, ward), c.req.valid("json")), true);
    invalidateWardContent(ward);
    return c.json(await getProcedure(db, code), 201);
  })
  .put("/local-procedures/:code", validate("param", codeParam), validate("json", localProcedureBody), async (c) => {
    const { ward } = managedWard(c);
    const db = c.get("db");
    const { code } = c.req.valid("param");
    await ownProcedure(db, ward, code);
    await checkUniqueName(db, ward, c.req.valid("json").name, code);
    await save(db, recordRows(code, await wardOf(db, ward), c.req.valid("json")), false);
    invalidateWardContent(ward);
    forgetProcedure(code);
    return c.json(await getProcedure(db, code));
  })
  .delete("/local-procedures/:code", validate("param", codeParam), async (c) => {
    const { ward } = managedWard(c);
    const db = c.get("db");
    const { code } = c.req.valid("param");
    await ownProcedure(db, ward, code);
    // Retired, not deleted: links in old answers and conversations keep working.
    await db.update(procedures).set({ status: "retired" }).where(eq(procedures.code, code));
    invalidateWardContent(ward);
    forgetProcedure(code);
    return c.json({ ok: true as const });
  });
