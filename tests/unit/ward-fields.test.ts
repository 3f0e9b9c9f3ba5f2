import { describe, expect, it } from "vitest";
import { NOT_AT_WARD_CENTRE, orderFields } from "../../worker/src/catalog/ward-fields";

const f = (name: string, communeProcedures: number, procedures = communeProcedures) => ({ name, communeProcedures, procedures });

describe("field order on the home screen", () => {
  const fields = [f("Hải quan", 124, 192), f("Thuế", 111, 140), f("Thủy lợi", 17, 37), f("Hộ tịch", 41), f("Chứng thực", 12, 14), f("Xuất bản", 0, 5)];

  it("ward-centre fields first, then others by count, customs and tax last; none without commune procedures", () => {
    expect(orderFields(fields).map((x) => [x.name, x.atWard])).toEqual([
      ["Hộ tịch", true],
      ["Chứng thực", true],
      ["Thủy lợi", true],
      ["Hải quan", false],
      ["Thuế", false],
    ]);
  });

  it("matches names the export writes decomposed", () => {
    const decomposed = "Cấp, quản lý căn cước".normalize("NFD");
    expect(orderFields([f("Thủy lợi", 17), f(decomposed, 17), f("Hộ tịch", 41)]).map((x) => x.name)).toEqual(["Hộ tịch", decomposed, "Thủy lợi"]);
  });

  it("the ward admin's pins lead, in their order", () => {
    expect(orderFields(fields, ["Thủy lợi", "Chứng thực"]).map((x) => [x.name, x.pinned])).toEqual([
      ["Thủy lợi", true],
      ["Chứng thực", true],
      ["Hộ tịch", false],
      ["Hải quan", false],
      ["Thuế", false],
    ]);
  });

  it("is the engine's list of fields not done at a ward centre", () => {
    expect([...NOT_AT_WARD_CENTRE]).toEqual(["Hải quan", "Thuế", "Hàng hải và đường thủy nội địa", "Kho bạc Nhà nước"]);
  });
});
