// The engine's index over the shipped catalog and everyday knowledge, built in-process the way
// the importer builds the snapshot (for eval, fitting and unit tests).
import { buildIndex, type IndexInput } from "../../worker/src/ask/engine";
import { everydayTexts, withEveryday } from "../../worker/src/ask/everyday-index";
import { parseLevels } from "../../worker/src/catalog/portal-parser";
import { readRecords } from "./catalog-file";
import { readEveryday } from "./knowledge-file";

export function catalogInputs(): IndexInput[] {
  return readRecords().map((r) => ({
    code: r.ma_thu_tuc,
    name: r.ten_thu_tuc.replace(/\s+/g, " ").trim(),
    field: r.linh_vuc || null,
    levels: parseLevels(r.cap_thuc_hien),
  }));
}

export function fullIndex(rows: IndexInput[] = catalogInputs()) {
  const names = buildIndex(rows);
  const knowledge = readEveryday();
  return withEveryday(names, everydayTexts(names, (code) => knowledge.get(code) ?? null));
}
