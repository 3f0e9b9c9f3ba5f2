// A ward's own FAQ entries and procedures next to the catalog, with our own examples.
import { describe, expect, it } from "vitest";
import { extendIndex } from "../../worker/src/ask/engine";
import { askForWard, buildFaqEntries, faqFeatures, matchFaq, type FaqInput, type WardContent } from "../../worker/src/ask/ward-answer";
import { catalogIndex } from "./catalog-index";

const index = catalogIndex();

const faq = (id: string, question: string, keywords = "", procedureCode: string | null = null): FaqInput => ({
  id,
  question,
  keywords,
  procedureCode,
  answer: `Trả lời ${id}`,
  updatedAt: 0,
});

const ward: WardContent = {
  procedures: extendIndex(index, [{ code: "L00001-aaaaaa", name: "Đăng ký sử dụng nhà văn hóa khu phố", field: "Văn hóa cơ sở", levels: ["xa"] }]),
  faqs: buildFaqEntries(index, [
    faq("saturday", "Bộ phận một cửa phường có làm việc sáng thứ Bảy không?", "nghỉ thứ bảy, cuối tuần có làm không"),
    faq("birth-fee", "Lệ phí đăng ký khai sinh ở phường là bao nhiêu?", "", "1.001193"),
    faq("parking", "Gửi xe ở đâu khi đến phường nộp hồ sơ?"),
  ]),
  notices: [],
};

const outcome = (q: string, content: WardContent | null = ward) => {
  const r = askForWard(index, q, content);
  return r.faq ? `faq:${r.faq.entry.id}` : r.kind === "answer" ? r.matches[0].code : r.kind;
};

describe("ward FAQ in the answer", () => {
  it("answers the ward's own questions, however they are typed", () => {
    expect(outcome("phuong co lam viec sang thu bay ko")).toBe("faq:saturday");
    expect(outcome("cuối tuần có làm không ạ")).toBe("faq:saturday");
    expect(outcome("gui xe o dau")).toBe("faq:parking");
    expect(outcome("thu 7 phuong co lam ko")).toBe("faq:saturday");
    expect(outcome("t7 có làm việc không ad")).toBe("faq:saturday");
  });

  it("answers a field the entry is about, and leaves other fields to the catalog", () => {
    expect(outcome("phi dang ky khai sinh bn")).toBe("faq:birth-fee");
    expect(outcome("làm giấy khai sinh cần giấy tờ gì")).toBe("1.001193");
    expect(outcome("dang ky ket hon can gi")).toBe("1.000894");
  });

  it("never answers greetings or unrelated questions with an entry", () => {
    expect(outcome("xin chào")).toBe("none");
    expect(outcome("giá vàng hôm nay")).toBe("none");
    expect(outcome("đăng ký xe máy ở đâu")).not.toBe("faq:parking");
    expect(outcome("nộp hồ sơ khai sinh ở đâu")).toBe("1.001193");
    expect(outcome("thứ bảy có làm khai sinh không")).not.toBe("faq:saturday");
  });

  it("ranks the ward's own procedures for its citizens only", () => {
    expect(outcome("muốn mượn nhà văn hóa khu phố tổ chức đám cưới thì đăng ký thế nào")).toBe("L00001-aaaaaa");
    expect(outcome("muốn mượn nhà văn hóa khu phố tổ chức đám cưới thì đăng ký thế nào", null)).not.toBe("L00001-aaaaaa");
  });
});

describe("stored FAQ features", () => {
  const entry = faq("hours", "Phường mở cửa mấy giờ?", "giờ làm việc");
  const question = "may gio phuong mo cua";

  it("match like a fresh analysis, and are redone when the rules changed", () => {
    const fresh = matchFaq(index, buildFaqEntries(index, [entry]), question);
    expect(fresh?.entry.id).toBe("hours");
    const stored = JSON.stringify(faqFeatures(index, entry));
    expect(matchFaq(index, buildFaqEntries(index, [{ ...entry, features: stored }]), question)).toEqual(fresh);
    // Features from older rules (or garbage) are not trusted.
    const stale = JSON.stringify({ ...JSON.parse(stored), v: "0-old", variants: [] });
    expect(matchFaq(index, buildFaqEntries(index, [{ ...entry, features: stale }]), question)?.entry.id).toBe("hours");
    expect(matchFaq(index, buildFaqEntries(index, [{ ...entry, features: "{" }]), question)?.entry.id).toBe("hours");
  });
});
