import { describe, expect, it } from "vitest";
import { readRecords } from "../../scripts/lib/catalog-file";
import {
  classifyFreeNote,
  parseDocuments,
  parseLegalBases,
  parseMethods,
  parseRecord,
  parseResult,
} from "../../worker/src/catalog/portal-parser";

const records = new Map(readRecords().map((r) => [r.ma_thu_tuc, r]));
const parsed = (code: string) => {
  const r = records.get(code);
  if (!r) throw new Error(`missing ${code}`);
  return parseRecord(r);
};

describe("real records", () => {
  it("1.001193 khai sinh: documents to hand in and to show, three channels, free", () => {
    const p = parsed("1.001193");
    expect(p.levels).toEqual(["xa"]);
    expect(p.methods.map((m) => m.channel)).toEqual(["online", "post", "in_person"]);
    for (const m of p.methods) {
      expect(m.fee.status).toBe("free");
      // The record gives a bare "1" with no unit: keep it, do not invent a unit.
      expect(m.time).toEqual({ text: "1", value: 1, unit: null });
    }
    const submit = p.documents.filter((d) => d.submit === "submit" && d.kind);
    const show = p.documents.filter((d) => d.submit === "show" && d.kind);
    expect(submit.some((d) => d.name.startsWith("Giấy chứng sinh"))).toBe(true);
    expect(show.some((d) => d.name.startsWith("Hộ chiếu/Thẻ căn cước công dân"))).toBe(true);
    // Rows with quantity 0 are the portal's notes, kept but marked.
    const notes = p.documents.filter((d) => d.kind === null);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((d) => d.original === 0 && d.copy === 0)).toBe(true);
    expect(p.result).toBe("Giấy khai sinh");
    expect(p.legalBases.find((l) => l.number === "60/2014/QH13")).toBeDefined();
  });

  it("1.000894 kết hôn: free, with the note about copy fees kept", () => {
    const p = parsed("1.000894");
    expect(p.methods).toHaveLength(3);
    for (const m of p.methods) {
      expect(m.fee.status).toBe("free");
      expect(m.fee.note).toContain("Miễn lệ phí");
    }
    expect(p.documents.some((d) => d.submit === "show")).toBe(true);
  });

  it("2.000815 chứng thực bản sao: 2.000 đồng/trang with the 200.000 cap, and 10 USD abroad", () => {
    const p = parsed("2.000815");
    const [local, abroad] = p.methods;
    expect(local.channel).toBe("in_person");
    expect(local.time).toEqual({ text: "Không có thông tin", value: null, unit: null });
    expect(local.fee).toMatchObject({ amount: 2000, currency: "VND", unit: "/trang", status: "amount" });
    expect(local.note).toContain("tối đa thu không quá 200.000 đồng/bản");
    expect(abroad.fee).toMatchObject({ amount: 10, currency: "USD", unit: "/bản", status: "amount" });
    expect(p.documents).toHaveLength(1);
    expect(p.documents[0]).toMatchObject({ kind: "original", original: 1, submit: "submit" });
  });

  it("1.014064 cấp lại thẻ căn cước: 70.000 đồng, 7 working days, and a form", () => {
    const p = parsed("1.014064");
    const inPerson = p.methods.find((m) => m.channel === "in_person")!;
    expect(inPerson.time).toEqual({ text: "7 Ngày làm việc", value: 7, unit: "working_days" });
    expect(inPerson.fee).toMatchObject({ amount: 70000, currency: "VND", status: "amount" });
    // The description mentions "Trực tiếp tại trụ sở…": not a new row.
    expect(p.methods.map((m) => m.channel)).toEqual(["in_person", "online", "post"]);
    expect(p.methods[2].fee.status).toBe("not_published");
    const dc02 = p.documents.find((d) => d.name.startsWith("Phiếu đề nghị giải quyết thủ tục về căn cước"))!;
    expect(dc02.form).toBe("Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc");
    expect(dc02.name).not.toContain(".doc");
  });

  it("1.013225 giấy phép xây dựng: 15 days in person, 20 online, fee set by the province", () => {
    const p = parsed("1.013225");
    const by = Object.fromEntries(p.methods.map((m) => [m.channel, m]));
    expect(by.in_person.time).toEqual({ text: "15 Ngày", value: 15, unit: "days" });
    expect(by.online.time).toEqual({ text: "20 Ngày", value: 20, unit: "days" });
    for (const m of p.methods) expect(m.fee.status).toBe("set_by_province");
    expect(p.documents[0].section).toContain("Đối với công trình không theo tuyến");
    expect(p.documents[0].kind).toBe("both");
  });

  it("1.000253: fees the record does not give are not_published", () => {
    const p = parsed("1.000253");
    expect(p.methods.length).toBeGreaterThan(0);
    for (const m of p.methods) expect(m.fee).toMatchObject({ status: "not_published", amount: null });
  });

  it("keeps every source field verbatim", () => {
    const r = records.get("1.001193")!;
    expect(parseRecord(r).raw).toEqual(r);
  });
});

describe("methods", () => {
  const head = "Hình thức nộpThời gianPhí, lệ phíMô tả";

  it("a zero amount is not published, not free", () => {
    const [m] = parseMethods(`${head}Trực tiếp5 Ngày làm việc0 đồng`);
    expect(m.fee).toMatchObject({ amount: 0, status: "not_published" });
  });

  it("an empty fee cell is not published", () => {
    const [m] = parseMethods(`${head}Trực tuyến3 Ngày`);
    expect(m.time).toEqual({ text: "3 Ngày", value: 3, unit: "days" });
    expect(m.fee.status).toBe("not_published");
  });

  it("a fee glued to the channel without a time is still a fee", () => {
    const [m] = parseMethods(`${head}Trực tuyến120,000 VNĐ(Theo khoản 1 Điều 3)`);
    expect(m.time.value).toBeNull();
    expect(m.fee).toMatchObject({ amount: 120000, status: "amount", note: "Theo khoản 1 Điều 3" });
  });

  it("classifies 'Miễn phí' notes without guessing", () => {
    expect(classifyFreeNote(null)).toBe("free");
    expect(classifyFreeNote("Không có.")).toBe("free");
    expect(classifyFreeNote("Theo quy định của Hội đồng nhân dân cấp tỉnh")).toBe("set_by_province");
    expect(classifyFreeNote("Mức lệ phí cụ thể do HĐND tỉnh quy định")).toBe("set_by_province");
    expect(classifyFreeNote("Chưa quy định.")).toBe("not_published");
    expect(classifyFreeNote("- Phí kiểm dịch: 50.000 đồng/lần")).toBe("see_note");
    expect(classifyFreeNote("Theo quy định của Luật phí và lệ phí")).toBe("see_note");
  });

  it("returns nothing for an empty field", () => {
    expect(parseMethods("")).toEqual([]);
    expect(parseMethods(undefined)).toEqual([]);
  });
});

describe("documents, legal bases, results", () => {
  it("splits glued form file names", () => {
    const docs = parseDocuments(
      "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai theo Mẫu 07 Phụ lục I, Nghị định số 23/2026/NĐ-CPMau05.docxMau07.docx1 bản chính,1 bản sao",
    );
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ form: "Mau05.docx; Mau07.docx", kind: "both", original: 1, copy: 1 });
    expect(docs[0].name).toBe("Tờ khai theo Mẫu 07 Phụ lục I, Nghị định số 23/2026/NĐ-CP");
  });

  it("reads legal bases as title + number", () => {
    expect(
      parseLegalBases("Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ123/2015/NĐ-CP"),
    ).toEqual([
      { title: "Luật Hộ tịch", number: "60/2014/QH13" },
      { title: "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ", number: "123/2015/NĐ-CP" },
    ]);
  });

  it("drops the portal's agency picker from results", () => {
    expect(parseResult("Thẻ căn cướcMã: KQ.G15.1Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh")).toBe(
      "Thẻ căn cước",
    );
  });
});

describe("whole export", () => {
  it("parses ≥ 95 % of commune-level records into methods and documents", () => {
    const commune = [...records.values()].map(parseRecord).filter((p) => p.levels.includes("xa"));
    const ok = commune.filter((p) => p.methods.length > 0 && p.documents.length > 0);
    expect(commune.length).toBe(588);
    expect(ok.length / commune.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe("document sections", () => {
  it("an untitled section after 'xuất trình' is handed in, not shown", () => {
    const p = parseRecord(records.get("1.001193")!);
    const form = p.documents.find((d) => d.name.startsWith("Tờ khai đăng ký khai sinh"))!;
    expect(form.submit).toBe("submit");
  });
});
