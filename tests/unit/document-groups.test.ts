import { describe, expect, it } from "vitest";
import { readRecords } from "../../scripts/lib/catalog-file";
import { composeAnswer } from "../../worker/src/ask/compose";
import { catalogRows } from "../../worker/src/catalog/catalog-rows";
import { checklistText, groupDocuments, headline, specialCase } from "../../worker/src/catalog/document-groups";
import { parseRecord } from "../../worker/src/catalog/portal-parser";
import { procedureDto } from "../../worker/src/catalog/procedure-dto";
import { cleanProcedure } from "../../worker/src/catalog/text-cleanup";

const records = new Map(readRecords().map((r) => [r.ma_thu_tuc, r]));
/** The record as the API serves it: parsed, cleaned, mapped to rows, read back. */
function dto(code: string) {
  const rows = catalogRows(cleanProcedure(parseRecord(records.get(code)!)).procedure, "test");
  type Any = never;
  return procedureDto(rows.procedure as Any, rows.methods as Any, rows.documents as Any, rows.steps as Any, rows.legalBases as Any);
}
const groups = (code: string) => groupDocuments(dto(code).documents);
const names = (items: { name: string }[]) => items.map((i) => i.name);

describe("documents everybody needs vs special cases, on real records", () => {
  it("1.001193 khai sinh: Giấy chứng sinh and the form first; abandoned child, surrogacy, proxy under special cases", () => {
    const g = groups("1.001193");
    expect(names(g.common)).toEqual(["Giấy chứng sinh", "Tờ khai đăng ký khai sinh theo mẫu"]);
    expect(g.common[0].detail).toMatch(/trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng/);
    expect(names(g.show)).toHaveLength(1);
    expect(g.show[0].name).toMatch(/^Hộ chiếu\/Thẻ căn cước công dân/);
    const special = g.special.flatMap((s) => names(s.items)).join(" | ");
    expect(special).toMatch(/bị bỏ rơi/);
    expect(special).toMatch(/mang thai hộ/);
    expect(special).toMatch(/Văn bản ủy quyền \(được chứng thực\)/);
    expect(g.special.find((s) => s.title === "Khi nộp hồ sơ trực tuyến")?.items.map((i) => i.name)).toEqual(["Mẫu hộ tịch điện tử tương tác đăng ký khai sinh"]);
    // One quantity for the everyday documents, not one per row.
    expect(g.sharedQuantity).toBe("1 bản chính");
    expect([...g.common, ...g.show, ...g.special.flatMap((s) => s.items)].every((i) => i.quantity === null)).toBe(true);
    // The portal's zero-quantity rows are notes, never documents to bring.
    expect(g.notes.some((n) => n.startsWith("Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh"))).toBe(true);
  });

  it("1.000656 khai tử: the death notice and the form; proof for a court-declared death is a special case", () => {
    const g = groups("1.000656");
    expect(names(g.common)).toEqual(["Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp", "Tờ khai đăng ký khai tử theo mẫu"]);
    expect(g.special.flatMap((s) => names(s.items)).some((n) => /chứng minh sự kiện chết đối với trường hợp/.test(n))).toBe(true);
  });

  it("1.004194 tạm trú: the usual file first; lists and barracks are cases titled by the record's sections", () => {
    const g = groups("1.004194");
    expect(names(g.common)).toContain("Tờ khai thay đổi thông tin cư trú");
    expect(g.special.map((s) => s.title)).toEqual([
      "Đăng ký tạm trú theo danh sách, hồ sơ gồm",
      expect.stringMatching(/^Đăng ký tạm trú tại nơi đơn vị đóng quân/),
    ]);
    // "Tờ khai … (của từng người).1": the glued list number is not part of the name.
    expect(g.special[0].items[0].name).toBe("Tờ khai thay đổi thông tin cư trú (của từng người)");
  });

  it("1.013225 giấy phép xây dựng: every document belongs to a kind of building, so the cases are the list", () => {
    const g = groups("1.013225");
    expect(g.common).toEqual([]);
    expect(g.special.map((s) => s.title)).toContain("(1.7) Đối với công trình nhà ở riêng lẻ");
  });

  it("2.000815 chứng thực bản sao: one document, with its own quantity", () => {
    const g = groups("2.000815");
    expect(g.common).toHaveLength(1);
    expect(g.common[0].quantity).toBe("1 bản chính");
    expect(g.sharedQuantity).toBeNull();
  });

  it("reads conditions from the wording, not from asides about filing in person", () => {
    expect(specialCase("Tờ khai đăng ký khai tử theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp);")).toBe(false);
    expect(specialCase("- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản")).toBe(true);
    expect(specialCase("Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký")).toBe(true);
    expect(specialCase("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng")).toBe(false);
    expect(headline("Hộ chiếu hoặc giấy tờ khác còn giá trị sử dụng (sau đây gọi tắt là giấy tờ tùy thân) để chứng minh về nhân thân.")).toBe(
      "Hộ chiếu hoặc giấy tờ khác còn giá trị sử dụng để chứng minh về nhân thân",
    );
  });

  it("writes a checklist to share, ticks included", () => {
    const g = groups("1.001193");
    const text = checklistText("Đăng ký khai sinh", g, new Set(["submit:Giấy chứng sinh"]));
    expect(text.split("\n").slice(0, 3)).toEqual(["Đăng ký khai sinh: giấy tờ cần mang", "Giấy tờ nộp (mỗi loại 1 bản chính):", "☑ Giấy chứng sinh"]);
    expect(text).toContain("Trường hợp đặc biệt (nếu đúng với bạn):");
  });
});

describe("the answer's facts", () => {
  it("chứng thực bản sao: the fee comes with the record's note (from the 3rd page, the cap, USD only at embassies)", () => {
    const a = composeAnswer(dto("2.000815"), ["fees"], null);
    const fees = a.facts.find((f) => f.field === "fees")!;
    expect(fees.lines).toHaveLength(2);
    expect(fees.lines[0]).toMatch(/^2\.000 đồng\/trang — .*từ trang thứ 3 trở lên thu 1\.000 đồng\/trang, tối đa thu không quá 200\.000 đồng\/bản/);
    expect(fees.lines[1]).toMatch(/^10 USD\/bản — Tại cơ quan đại diện/);
  });

  it("khai sinh: one fee line and one time line in plain words, special cases after the everyday documents", () => {
    const a = composeAnswer(dto("1.001193"), [], null);
    expect(a.facts.find((f) => f.field === "fees")!.lines).toEqual(["Miễn phí"]);
    expect(a.facts.find((f) => f.field === "processing_time")!.lines).toEqual(["Hồ sơ chỉ ghi “1”, không rõ là ngày hay giờ; bạn hỏi cán bộ nhé"]);
    const docs = a.facts.find((f) => f.field === "components")!;
    expect(docs.label).toBe("Giấy tờ cần chuẩn bị (mỗi loại 1 bản chính)");
    expect(docs.lines[0]).toBe("Giấy chứng sinh");
    expect(a.text.indexOf("Giấy chứng sinh")).toBeLessThan(a.text.indexOf("Trường hợp đặc biệt"));
  });

  it("giấy phép xây dựng: times differ by channel and say which", () => {
    const a = composeAnswer(dto("1.013225"), ["processing_time"], null);
    const lines = a.facts[0].lines;
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.find((l) => l.startsWith("Nộp trực tiếp"))).toMatch(/15 ngày/);
  });
});
