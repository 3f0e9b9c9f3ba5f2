import { describe, expect, it } from "vitest";
import { readRecords } from "../../scripts/lib/catalog-file";
import { parseRecord } from "../../worker/src/catalog/portal-parser";
import { cleanProcedure, joinBrokenSteps, KNOWN_DEFECTS, splitLegalBases } from "../../worker/src/catalog/text-cleanup";

const records = new Map(readRecords().map((r) => [r.ma_thu_tuc, r]));
const parsed = (code: string) => parseRecord(records.get(code)!);

describe("legal bases on real records", () => {
  it("1.001193 khai sinh: the glued rows come apart at their document numbers", () => {
    const { procedure, fixes } = cleanProcedure(parsed("1.001193"));
    const numbers = procedure.legalBases.map((l) => l.number);
    // "…của Bộ Tư pháp18/2026/NĐ-CP Nghị định quy định về Cơ sở dữ liệu hộ tịch…87/2020/NĐ-CP"
    expect(procedure.legalBases).toContainEqual({
      title: "Nghị định sửa đổi, bổ sung một số nghị định để cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh thuộc phạm vi quản lý của Bộ Tư pháp",
      number: "18/2026/NĐ-CP",
    });
    expect(procedure.legalBases).toContainEqual({
      title: "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến",
      number: "87/2020/NĐ-CP",
    });
    // "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư phápThông tư số 03/2023/TT-BTPThông tư sửa đổi…106/2021/TT-BTC"
    expect(procedure.legalBases).toContainEqual({ title: "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp", number: "03/2023/TT-BTP" });
    expect(procedure.legalBases.find((l) => l.number === "106/2021/TT-BTC")?.title).toMatch(/^Thông tư sửa đổi, bổ sung một số điều của Thông tư số 85\/2019\/TT-BTC/);
    // No title keeps a number glued to a word, and nothing is lost.
    for (const l of procedure.legalBases) expect(l.title).not.toMatch(/\p{Ll}\d{1,4}\/\d{4}\//u);
    expect(numbers).toContain("60/2014/QH13");
    expect(procedure.legalBases.find((l) => l.number === "60/2014/QH13")?.title).toBe("Luật 60/2014/QH13");
    expect(fixes.filter((f) => f.kind === "legal_split")).toHaveLength(1);
  });

  it("a title followed by a glued law name and its number column", () => {
    const { rows } = splitLegalBases([
      { title: "Luật Các tổ chức tín dụngLuật số 32/2024/QH15Thông tư quy định về mạng lưới hoạt động của tổ chức tín dụng là hợp tác xã", number: "53/2025/TT-NHNN" },
    ]);
    expect(rows).toEqual([
      { title: "Luật Các tổ chức tín dụng", number: "32/2024/QH15" },
      { title: "Thông tư quy định về mạng lưới hoạt động của tổ chức tín dụng là hợp tác xã", number: "53/2025/TT-NHNN" },
    ]);
  });

  it("a number glued to the year it names, and Thủ tướng's TTg", () => {
    const { rows } = splitLegalBases([{ title: "Luật Đấu giá tài sản năm 201601/2016/QH14Quyết định số 19/2018/QĐ-TTgThông tư số 08/2025/TT-BTP ngày 12/6/2025", number: "08/2025/TT-BTP" }]);
    expect(rows).toEqual([
      { title: "Luật Đấu giá tài sản năm 2016", number: "01/2016/QH14" },
      { title: "Quyết định số 19/2018/QĐ-TTg", number: "19/2018/QĐ-TTg" },
      { title: "Thông tư số 08/2025/TT-BTP ngày 12/6/2025", number: "08/2025/TT-BTP" },
    ]);
  });

  it("leaves a normal title alone, numbers inside it included", () => {
    const row = { title: "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch", number: "123/2015/NĐ-CP" };
    expect(splitLegalBases([row])).toEqual({ rows: [row], fixes: [] });
  });
});

describe("steps on real records", () => {
  it("1.001193 khai sinh: the line cut mid-sentence is joined and the moved fragment goes back", () => {
    const before = parsed("1.001193").steps;
    expect(before).toContain("nộp hồ sơ.");
    const { procedure, fixes } = cleanProcedure(parsed("1.001193"));
    expect(procedure.steps).toHaveLength(before.length - 1);
    expect(procedure.steps[0]).toContain("nộp hồ sơ đăng ký khai sinh tại Trung tâm Phục vụ hành chính công có thẩm quyền");
    expect(procedure.steps[2]).toMatch(/hoàn tất việc nộp hồ sơ\.$/);
    expect(procedure.steps.join(" ")).not.toMatch(/khai tâm|sinh tại Trung nộp/);
    expect(fixes.map((f) => f.kind)).toEqual(["legal_split", "step_join", "known_defect"]);
  });

  it("2.001428: a procedure whose steps were hard-wrapped comes back as whole sentences", () => {
    const before = parsed("2.001428").steps;
    const { procedure } = cleanProcedure(parsed("2.001428"));
    expect(procedure.steps.length).toBeLessThan(before.length);
    for (const s of procedure.steps) expect(s).not.toMatch(/^(?!https?:)\p{Ll}/u);
    // Same words, same order: only line breaks became spaces.
    expect(procedure.steps.join(" ").replace(/\s+/g, " ")).toBe(before.join(" ").replace(/\s+/g, " "));
  });

  it("keeps sub-items that open with a letter on purpose", () => {
    const steps = ["b) Trách nhiệm của cơ quan:", "b.1) Trường hợp hủy tờ khai;", "d1) Trong thời hạn 02 ngày làm việc", "ii) lần thứ hai"];
    expect(joinBrokenSteps(steps).steps).toEqual(steps);
  });

  it("applies a known defect only when every fragment matches exactly", () => {
    const defect = KNOWN_DEFECTS[0];
    const p = parsed(defect.code);
    const tampered = { ...p, steps: p.steps.map((s) => s.replace("khai tâm Phục vụ", "khai  tâm Phục vụ")) };
    const { procedure, fixes } = cleanProcedure(tampered);
    expect(fixes.some((f) => f.kind === "known_defect")).toBe(false);
    expect(procedure.steps.join(" ")).toContain("khai  tâm Phục vụ");
  });
});

describe("whole export", () => {
  it("keeps every raw field and never adds text to a legal basis", () => {
    let changed = 0;
    for (const r of records.values()) {
      const p = parseRecord(r);
      const { procedure, fixes } = cleanProcedure(p);
      expect(procedure.raw).toBe(r);
      if (!fixes.some((f) => f.kind === "legal_split")) continue;
      changed++;
      const squash = (t: string) => t.replace(/\s+/g, "");
      const source = squash(p.legalBases.map((l) => `${l.title}${l.number ?? ""}`).join(""));
      for (const l of procedure.legalBases) {
        expect(source).toContain(squash(l.title));
        if (l.number) expect(source).toContain(l.number);
      }
    }
    expect(changed).toBeGreaterThan(500);
  });
});
