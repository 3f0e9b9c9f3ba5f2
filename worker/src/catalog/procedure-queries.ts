import { and, eq, or } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  procedureDocuments,
  procedureLegalBases,
  procedureMethods,
  procedures,
  procedureSteps,
} from "../db/schema";
import { ApiError } from "../platform/errors";
import { procedureDto, type ProcedureDto } from "./procedure-dto";

/** The full record of one procedure, in one round trip to D1. */
export async function getProcedure(db: Db, code: string): Promise<ProcedureDto | null> {
  const [found, methods, documents, steps, legalBases] = await db.batch([
    db.select().from(procedures).where(eq(procedures.code, code)),
    db.select().from(procedureMethods).where(eq(procedureMethods.procedureCode, code)).orderBy(procedureMethods.position),
    db.select().from(procedureDocuments).where(eq(procedureDocuments.procedureCode, code)).orderBy(procedureDocuments.position),
    db.select().from(procedureSteps).where(eq(procedureSteps.procedureCode, code)).orderBy(procedureSteps.position),
    db.select().from(procedureLegalBases).where(eq(procedureLegalBases.procedureCode, code)).orderBy(procedureLegalBases.position),
  ]);
  const p = found[0];
  return p ? procedureDto(p, methods, documents, steps, legalBases) : null;
}

/**
 * A procedure a ward links its content to must be one its citizens can see: active, and
 * national or the ward's own. Throws 400 `invalid_procedure` otherwise.
 */
export async function checkLinkedProcedure(db: Db, ward: string, code: string | null) {
  if (!code) return;
  const [found] = await db
    .select({ code: procedures.code })
    .from(procedures)
    .where(and(eq(procedures.code, code), eq(procedures.status, "active"), or(eq(procedures.origin, "portal"), eq(procedures.wardCode, ward))));
  if (!found) throw new ApiError(400, "invalid_procedure", "Không tìm thấy thủ tục được liên kết.");
}
