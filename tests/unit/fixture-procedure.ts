// A procedure as the API returns it (ProcedureDto), built from the shipped portal record by the
// importer's own parser and row mapping, for pure modules that take a record.
import { readRecords } from "../../scripts/lib/catalog-file";
import { catalogRows } from "../../worker/src/catalog/catalog-rows";
import { parseRecord } from "../../worker/src/catalog/portal-parser";
import { procedureDto, type ProcedureDto } from "../../worker/src/catalog/procedure-dto";

let records: ReturnType<typeof readRecords> | null = null;

export function fixtureProcedure(code: string): ProcedureDto {
  records ??= readRecords();
  const record = records.find((r) => r.ma_thu_tuc === code);
  if (!record) throw new Error(`no record ${code}`);
  const rows = catalogRows(parseRecord(record), "test");
  type Rows = Parameters<typeof procedureDto>;
  return procedureDto(
    { updatedAt: "", wardCode: null, everyday: null, ...rows.procedure } as Rows[0],
    rows.methods as Rows[1],
    rows.documents as Rows[2],
    rows.steps as Rows[3],
    rows.legalBases as Rows[4],
  );
}
