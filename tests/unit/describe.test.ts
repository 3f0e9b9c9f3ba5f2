import { describe, expect, it } from "vitest";
import { describeFee, describeTime } from "../../worker/src/catalog/describe";

const fee = (o: Partial<Parameters<typeof describeFee>[0]>) =>
  describeFee({ text: "", amount: null, currency: null, unit: null, status: "not_published", note: null, ...o });

describe("fee wording", () => {
  it("states amounts with Vietnamese grouping and the unit", () => {
    expect(fee({ status: "amount", amount: 2000, currency: "VND", unit: "/trang" })).toBe("2.000 đồng/trang");
    expect(fee({ status: "amount", amount: 70000, currency: "VND" })).toBe("70.000 đồng");
    expect(fee({ status: "amount", amount: 10, currency: "USD", unit: "/bản" })).toBe("10 USD/bản");
  });

  it("never says 'Miễn phí' for province-set or unpublished fees", () => {
    expect(fee({ status: "set_by_province", text: "Miễn phí(Theo quy định của Hội đồng nhân dân cấp tỉnh)" })).not.toMatch(/miễn phí/i);
    expect(fee({ status: "not_published", amount: 0 })).not.toMatch(/miễn phí/i);
    expect(fee({ status: "see_note", text: "Miễn phí(- Phí: 50.000 đồng)" })).not.toMatch(/miễn phí/i);
    expect(fee({ status: "free" })).toBe("Miễn phí");
  });
});

describe("time wording", () => {
  it("keeps unknown unknown and missing units visible, in plain words", () => {
    expect(describeTime({ text: "Không có thông tin", value: null, unit: null })).toBe("Hồ sơ không ghi rõ thời hạn, bạn hỏi cán bộ nhé");
    expect(describeTime({ text: "1", value: 1, unit: null })).toBe("Hồ sơ chỉ ghi “1”, không rõ là ngày hay giờ; bạn hỏi cán bộ nhé");
    expect(describeTime({ text: "7 Ngày làm việc", value: 7, unit: "working_days" })).toBe("7 ngày làm việc");
    expect(describeTime({ text: "15 Ngày", value: 15, unit: "days" })).toBe("15 ngày");
  });

  it("takes a bare number's unit only from the same record's other channels", () => {
    const bare = { text: "1", value: 1, unit: null };
    expect(describeTime(bare, [bare, { text: "1 Ngày làm việc", value: 1, unit: "working_days" }])).toBe("1 ngày làm việc");
    expect(describeTime(bare, [{ text: "3 Ngày làm việc", value: 3, unit: "working_days" }])).toMatch(/không rõ là ngày hay giờ/);
  });
});
