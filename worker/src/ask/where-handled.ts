/**
 * Who handles a procedure a ward centre does not: the record's agency and level, whether it
 * can be filed online (with the portal link), and — only when the record itself says so —
 * that the file can be handed in at the commune. Never more than the record says. Pure.
 */
import type { ProcedureDto } from "../catalog/procedure-dto";
import { NOT_AT_WARD_CENTRE } from "../catalog/ward-fields";

const LEVEL_TEXT: Record<string, string> = { tinh: "cấp tỉnh", bo: "cấp bộ, ngành trung ương", khac: "cơ quan chuyên ngành" };

/** Fields a commune lists but whose own agency handles them. */
const FIELD_AGENCY: Record<string, string> = {
  "Hải quan": "cơ quan hải quan",
  Thuế: "cơ quan thuế",
  "Hàng hải và đường thủy nội địa": "cơ quan hàng hải, đường thủy nội địa",
  "Kho bạc Nhà nước": "Kho bạc Nhà nước",
};

/** "… nộp hồ sơ đến Ủy ban nhân dân cấp xã nơi có đất …": the record's own sentence. */
const FILED_AT_COMMUNE =
  /[^.;\n]*(?:nộp|tiếp nhận|gửi)[^.;\n]{0,60}(?:cho|tại|đến|qua)\s+(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Bộ phận (?:tiếp nhận và trả kết quả|một cửa)|Trung tâm [Pp]hục vụ hành chính công)(?: cấp)? (?:xã|phường)[^.;\n]*/i;

export interface WhereHandled {
  lines: string[];
  online: boolean;
}

export function whereHandled(p: ProcedureDto): WhereHandled {
  const lines: string[] = [];
  const fieldAgency = p.field ? FIELD_AGENCY[p.field] : undefined;
  const level = ["tinh", "bo", "khac"].filter((l) => p.levels.includes(l as never)).map((l) => LEVEL_TEXT[l]);
  const who = p.agencies?.trim() || fieldAgency || (level.length ? `cơ quan ${level.join(" hoặc ")}` : null);
  lines.push(
    who
      ? `Thủ tục này không làm tại xã, phường. Cơ quan giải quyết: ${who}${level.length && p.agencies ? ` (${level.join(", ")})` : ""}.`
      : "Thủ tục này không làm tại xã, phường; hồ sơ gốc không ghi rõ cơ quan giải quyết.",
  );
  const online = p.methods.some((m) => m.channel === "online");
  if (online) lines.push(`Có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia${p.sourceUrl ? `: ${p.sourceUrl}` : "."}`);
  const filed = [p.address ?? "", ...p.steps].map((t) => FILED_AT_COMMUNE.exec(t)?.[0]?.trim()).find(Boolean);
  if (filed) lines.push(`Theo hồ sơ thủ tục: "${filed}."`);
  lines.push("Cán bộ xã, phường có thể hướng dẫn bạn nơi nộp và giấy tờ cần chuẩn bị.");
  return { lines, online };
}

/** Done at a commune or ward centre (the record's level, minus fields those centres never handle). */
export function isAtWard(p: { levels: readonly string[]; field: string | null }): boolean {
  return p.levels.includes("xa") && !(p.field && NOT_AT_WARD_CENTRE.has(p.field));
}
