// The engine's index over the full shipped catalog, as the unit tests use it.
import { readRecords } from "../../scripts/lib/catalog-file";
import { buildIndex } from "../../worker/src/ask/engine";
import { parseLevels } from "../../worker/src/catalog/portal-parser";

export const catalogIndex = () =>
  buildIndex(
    readRecords().map((r) => ({
      code: r.ma_thu_tuc,
      name: r.ten_thu_tuc.replace(/\s+/g, " ").trim(),
      field: r.linh_vuc || null,
      levels: parseLevels(r.cap_thuc_hien),
    })),
  );
