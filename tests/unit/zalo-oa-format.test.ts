// The bot's Zalo text (pure): what was asked first, documents as a short list, fee and time
// with their notes, a mini-app link, never more than 2,000 characters; numbered choices;
// the offer of an officer; officers' replies and the closing-window notice.
import { describe, expect, it } from "vitest";
import {
  clarifyChoices,
  closingNotice,
  fitZalo,
  formatAnswer,
  formatClarify,
  formatNone,
  handoffText,
  miniAppLinks,
  officerReplyText,
  orderFacts,
  type ReplyLike,
  ZALO_TEXT_MAX,
} from "../../worker/src/zalo-oa/format-reply";

const links = miniAppLinks("https://zalo.me/s/123456/");

const fact = (field: string, label: string, lines: string[]) => ({ field, label, lines });
const answer = (over: Partial<NonNullable<ReplyLike["answer"]>> = {}, fields: string[] = []): ReplyLike => ({
  kind: "answer",
  intent: { fields },
  matches: [{ code: "1.001193", name: "Thủ tục đăng ký khai sinh", levels: ["xa"] }],
  answer: {
    source: "catalog",
    code: "1.001193",
    name: "Thủ tục đăng ký khai sinh",
    shortName: "Đăng ký khai sinh",
    atWard: true,
    text: "…",
    sourceUrl: "https://dichvucong.gov.vn/p/1",
    wardName: "Phường An Hải",
    facts: [
      fact("components", "Giấy tờ cần chuẩn bị", ["Tờ khai đăng ký khai sinh (1 bản chính)", "Giấy chứng sinh (1 bản chính)", "Căn cước của người đi đăng ký (xuất trình)"]),
      fact("fees", "Phí, lệ phí", ["Nộp trực tiếp: Miễn phí", "Nộp trực tuyến: Miễn phí — Miễn lệ phí đăng ký khai sinh đúng hạn"]),
      fact("processing_time", "Thời hạn giải quyết", ["Nộp trực tiếp: 1 (hồ sơ gốc không ghi đơn vị)"]),
      fact("address", "Nộp ở đâu", ["Nộp trực tiếp tại Trung tâm phục vụ hành chính công Phường An Hải nơi bạn cư trú."]),
    ],
    ...over,
  },
});

describe("answers", () => {
  it("names the procedure, lists documents by number, gives fee and time with notes, and links the mini app", () => {
    const text = formatAnswer(answer(), links);
    expect(text.startsWith("Đăng ký khai sinh\n\n")).toBe(true);
    expect(text).toContain("Giấy tờ cần chuẩn bị:\n1. Tờ khai đăng ký khai sinh (1 bản chính)\n2. Giấy chứng sinh (1 bản chính)\n3. Căn cước");
    expect(text).toContain("• Nộp trực tuyến: Miễn phí — Miễn lệ phí đăng ký khai sinh đúng hạn");
    expect(text).toContain("Thời hạn giải quyết:\n• Nộp trực tiếp: 1 (hồ sơ gốc không ghi đơn vị)");
    expect(text).toContain("Xem đầy đủ trong mini app Một Cửa: https://zalo.me/s/123456/procedures/1.001193");
    expect(text).toContain('nhắn "gặp cán bộ"');
  });

  it("puts what was asked first", () => {
    const text = formatAnswer(answer({}, ["processing_time", "fees"]), links);
    const order = ["Thời hạn giải quyết", "Phí, lệ phí", "Giấy tờ cần chuẩn bị"].map((l) => text.indexOf(l));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(orderFacts(answer().answer!.facts, ["files"]).map((f) => f.field)[0]).toBe("components");
  });

  it("keeps the document list short and says how many more there are", () => {
    const docs = Array.from({ length: 8 }, (_, i) => `Giấy tờ số ${i + 1}`).concat("… và 4 giấy tờ khác (xem chi tiết).");
    const text = formatAnswer(answer({ facts: [fact("components", "Giấy tờ cần chuẩn bị", docs)] }), links);
    expect(text).toContain("5. Giấy tờ số 5\n… và 7 giấy tờ khác (xem trong mini app)");
    expect(text).not.toContain("6. ");
  });

  it("never exceeds 2,000 characters, and keeps the link, however long the record", () => {
    const long = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w} ${i} `.repeat(40));
    const reply = answer({
      shortName: "Rất dài ".repeat(60),
      facts: [
        fact("components", "Giấy tờ cần chuẩn bị", long(30, "giấy")),
        fact("fees", "Phí, lệ phí", long(6, "phí")),
        fact("processing_time", "Thời hạn giải quyết", long(6, "ngày")),
        fact("address", "Nộp ở đâu", long(4, "nơi")),
        fact("steps", "Các bước", long(6, "bước")),
      ],
      wardNotes: [{ question: "Hỏi ".repeat(100), answer: "Đáp ".repeat(200) }],
      notices: [{ title: "Thông báo ".repeat(50), body: "x" }],
    });
    const text = formatAnswer(reply, links);
    expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_MAX);
    expect(text).toContain("https://zalo.me/s/123456/procedures/1.001193");
    expect(text).toContain("Phí, lệ phí:");
    expect(text).toContain("Thời hạn giải quyết:");
  });

  it("says first when the procedure is not done at a ward", () => {
    const text = formatAnswer(answer({ atWard: false }), links);
    expect(text.split("\n\n")[1]).toContain("không nộp tại xã, phường");
  });

  it("shows the ward's own answer as written", () => {
    const text = formatAnswer(
      answer({ source: "ward_faq", code: null, name: "Phường có làm thứ Bảy không?", shortName: "Phường có làm thứ Bảy không?", facts: [], text: "Có, sáng thứ Bảy.\n\nNguồn: Phường An Hải trả lời." }),
      links,
    );
    expect(text).toContain("Có, sáng thứ Bảy.");
    expect(text).toContain("https://zalo.me/s/123456/");
    expect(text).not.toContain("Cổng Dịch vụ công");
  });

  it("ward notes and notices come along when they fit", () => {
    const text = formatAnswer(answer({ wardNotes: [{ question: "Nộp ở đâu?", answer: "Quầy số 3." }], notices: [{ title: "Nghỉ lễ 2/9", body: "…" }] }), links);
    expect(text).toContain("Phường An Hải lưu ý: Nộp ở đâu? Quầy số 3.");
    expect(text).toContain("Thông báo: Nghỉ lễ 2/9");
  });
});

describe("clarify and none", () => {
  const clarify: ReplyLike = {
    kind: "clarify",
    matches: [
      { code: "a", name: "Khai sinh A", levels: ["xa"] },
      { code: "b", name: "Khai sinh B", levels: ["tinh"] },
    ],
    suggestions: [
      { action: "choose", code: "a", label: "Khai sinh A" },
      { action: "choose", code: "c", label: "Khai sinh C" },
      { action: "choose", code: "d", label: "Khai sinh D" },
      { action: "choose", code: "e", label: "Khai sinh E" },
    ],
  };

  it("offers at most three numbered choices, from the commune-level suggestions", () => {
    const choices = clarifyChoices(clarify);
    expect(choices.map((c) => c.code)).toEqual(["a", "c", "d"]);
    const text = formatClarify(choices);
    expect(text).toContain("1. Khai sinh A\n2. Khai sinh C\n3. Khai sinh D");
    expect(text).toContain("Nhắn 1, 2 hoặc 3");
    expect(formatClarify(choices.slice(0, 2))).toContain("Nhắn 1 hoặc 2");
  });

  it("falls back to the matches when no suggestion is given", () => {
    expect(clarifyChoices({ ...clarify, suggestions: [] }).map((c) => c.code)).toEqual(["a", "b"]);
  });

  it("'none' explains and offers an officer, answered with 1 or có", () => {
    const text = formatNone({ kind: "none", matches: [], message: "Việc này không làm tại xã, phường." }, "Phường An Hải");
    expect(text).toContain("Việc này không làm tại xã, phường.");
    expect(text).toContain("Bạn có muốn hỏi trực tiếp cán bộ Phường An Hải không?\n1. Có, gặp cán bộ\n2. Không");
  });
});

describe("officers' replies", () => {
  it("are labelled, and never cut: the label and then the notice give way", () => {
    expect(officerReplyText("Dạ vâng.", null)).toBe("Cán bộ trả lời:\nDạ vâng.");
    const notice = closingNotice({ remainingAfter: 0, timeLeft: "40 giờ", linked: true, links });
    expect(notice).toContain("Đây là tin trả lời cuối cùng");
    expect(notice).toContain('"Tin nhắn của tôi"');
    expect(notice).toContain("https://zalo.me/s/123456/chat");
    const long = "a".repeat(1990);
    expect(officerReplyText(long, notice)).toBe(long);
    expect(officerReplyText("b".repeat(1890), "n".repeat(100))).toBe(`${"b".repeat(1890)}\n\n${"n".repeat(100)}`);
    expect(officerReplyText("b".repeat(1500), "n".repeat(100))).toBe(`Cán bộ trả lời:\n${"b".repeat(1500)}\n\n${"n".repeat(100)}`);
  });

  it("the notice for a citizen not linked to the mini app tells them to write again instead", () => {
    const n = closingNotice({ remainingAfter: 2, timeLeft: "3 giờ", linked: false, links });
    expect(n).toContain("Zalo chỉ cho phép gửi thêm 2 tin trong khoảng 3 giờ nữa.");
    expect(n).not.toContain("mini app");
  });

  it("the handoff confirmation names the field and where late answers go", () => {
    const t = handoffText({ wardName: "Phường An Hải", field: "Hộ tịch", linked: true, outOfHours: null, links });
    expect(t).toContain("cán bộ Phường An Hải (lĩnh vực Hộ tịch)");
    expect(t).toContain("48 giờ");
    expect(t).toContain("https://zalo.me/s/123456/chat");
  });

  it("fitZalo cuts at a line and keeps the tail", () => {
    const out = fitZalo(`${"x".repeat(1000)}\n${"y".repeat(1500)}`, "TAIL");
    expect(out.length).toBeLessThanOrEqual(ZALO_TEXT_MAX);
    expect(out.endsWith("\n\nTAIL")).toBe(true);
  });
});

describe("fee and time per channel", () => {
  it("merge channels that say the same, keep them apart where they differ", async () => {
    const { mergeChannels } = await import("../../worker/src/zalo-oa/format-reply");
    expect(mergeChannels(["Nộp trực tiếp: Miễn phí", "Nộp trực tuyến: Miễn phí"])).toEqual(["Miễn phí"]);
    expect(mergeChannels(["Nộp trực tiếp: 8.000 đồng", "Nộp trực tuyến: 4.000 đồng", "Gửi qua bưu chính: 8.000 đồng"])).toEqual([
      "Nộp trực tiếp, gửi qua bưu chính: 8.000 đồng",
      "Nộp trực tuyến: 4.000 đồng",
    ]);
    expect(mergeChannels(["Chưa công bố mức phí trên Cổng Dịch vụ công."])).toEqual(["Chưa công bố mức phí trên Cổng Dịch vụ công."]);
  });

  it("lists the papers everyone brings before the ones only some cases need", () => {
    const text = formatAnswer(answer({ facts: [fact("components", "Giấy tờ cần chuẩn bị", ["Trường hợp ủy quyền: văn bản ủy quyền", "Tờ khai", "Giấy chứng sinh"])] }), links);
    expect(text).toContain("1. Tờ khai\n2. Giấy chứng sinh\n3. Trường hợp ủy quyền");
  });
});
