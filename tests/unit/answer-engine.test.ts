// The second-generation engine with our own examples (not the evaluation sets): the fitted
// scorer, the three-tier decision, families of level variants, not-at-ward answers, noisy
// diacritics and follow-up turns, on the full shipped catalog and everyday knowledge.
import { describe, expect, it } from "vitest";
import { ask } from "../../worker/src/ask/answer";
import { decide, familyKey, scoreQuestion, type Scored } from "../../worker/src/ask/answer-engine";
import { probability, sigmoid, WEIGHTS, type ScorerWeights } from "../../worker/src/ask/scorer";
import { siblingFor, stripDiscourse } from "../../worker/src/ask/follow-up";
import { isAtWard, whereHandled } from "../../worker/src/ask/where-handled";
import { deliberateAccents, plausibleSyllable } from "../../worker/src/text/accents";
import { catalogIndex } from "./catalog-index";
import { pooledCoverage } from "../../worker/src/ask/everyday-index";
import { analyzeQuestion } from "../../worker/src/ask/engine";
import { fixtureProcedure } from "./fixture-procedure";

const index = catalogIndex();
const top = (q: string, previous?: { question: string; code?: string | null }[]) => {
  const r = ask(index, q, undefined, previous ? { previous } : undefined);
  return { kind: r.kind, code: r.matches[0]?.code, fields: r.fields, related: r.related?.map((m) => m.code) ?? [] };
};

describe("fitted scorer", () => {
  it("evaluates standardized logistic models", () => {
    const model = { features: ["a", "b"], mean: [1, 0], scale: [2, 1], weights: [2, -1], bias: 0.5 };
    // z = 0.5 + 2·(3−1)/2 − 1·(1−0)/1 = 1.5
    expect(probability(model, [3, 1])).toBeCloseTo(sigmoid(1.5), 10);
  });

  it("ships weights fitted with cross-validation, for every feature", () => {
    expect(WEIGHTS.rank.weights.length).toBe(WEIGHTS.rank.features.length);
    expect(WEIGHTS.confidence.weights.length).toBe(WEIGHTS.confidence.features.length);
    expect(WEIGHTS.thresholds.answer).toBeGreaterThan(WEIGHTS.thresholds.clarify);
    expect(Number(WEIGHTS.fit.questions)).toBeGreaterThan(500);
  });
});

describe("pooled everyday evidence", () => {
  const pooled = (q: string) => {
    const p = pooledCoverage(index, analyzeQuestion(index, q).qf, index.docs.map((_, i) => i));
    return (code: string) => p.get(index.docs.findIndex((d) => d.code === code)) ?? 0;
  };
  it("credits a story whose words are spread over one procedure's situations", () => {
    const inherit = pooled("ông tôi mất để lại mảnh đất, mấy anh em muốn chia");
    // Dividing an estate, not registering a death or splitting a plot.
    expect(inherit("2.001406")).toBeGreaterThan(0.6);
    expect(inherit("2.001406")).toBeGreaterThan(2 * inherit("1.012784"));
    expect(inherit("1.000656")).toBeLessThan(0.5);
  });
  it("stays a share of the question", () => {
    const p = pooledCoverage(index, analyzeQuestion(index, "đăng ký khai sinh cho con").qf, index.docs.map((_, i) => i));
    for (const v of p.values()) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
  });
  it("ranks the story's procedure first", () => {
    expect(top("ông tôi mất để lại mảnh đất, mấy anh em muốn chia").code).toBe("2.001406");
  });
});

describe("a message that says a whole procedure name", () => {
  it("is never refused, whatever surrounds the name", () => {
    const q = "Bà nhà tôi hay quên. Tôi cần làm hải quan đối với xăng dầu, hóa chất, khí chuyển tiêu thụ nội địa. Có cần đặt lịch hẹn trước không ạ?";
    expect(scoreQuestion(index, q).namesOne).toBe(true);
    expect(top(q).kind).not.toBe("none");
    // A floor under the clarify threshold: a low confidence still gets choices.
    const low = { ...scoreQuestion(index, q), confidence: 0, namesTop: false };
    expect(decide(low).kind).toBe("clarify");
  });
  it("is answered when the name is long and no other is named as fully", () => {
    const q = "Tôi lớn tuổi, không rành điện thoại lắm. Cho em hỏi cấp bản sao từ sổ gốc thì làm thế nào ạ? Có cần đặt lịch hẹn trước không ạ?";
    const s = scoreQuestion(index, q);
    expect(s.namesTop).toBe(true);
    const r = decide({ ...s, confidence: 0 });
    expect(r.kind).toBe("answer");
    expect(r.matches[0].name).toBe("Thủ tục cấp bản sao từ sổ gốc");
    // Siblings that share the whole head ("hải quan đối với xăng dầu, …") are not one name.
    const siblings = "Cho em hỏi hải quan đối với xăng dầu, hóa chất, khí quá cảnh thì làm thế nào ạ?";
    expect(scoreQuestion(index, siblings).namesTop).toBe(false);
  });
  it("stays with the fitted confidence for a short name said in chat", () => {
    const q = "Tuần sau tôi đi làm giấy khai sinh cho con gái, nhờ bạn đặt giúp cái tên thật hay";
    expect(scoreQuestion(index, q).namesTop).toBe(false);
    expect(scoreQuestion(index, "Tôi muốn gửi lời khen chị cán bộ hộ tịch đã làm giấy khai sinh cho con tôi").namesTop).toBe(false);
  });
  it("needs a long name: a common act said in chit-chat is not one", () => {
    expect(scoreQuestion(index, "yêu bao lâu thì cưới").namesOne).toBe(false);
    expect(top("yêu bao lâu thì cưới").kind).toBe("none");
  });
});

describe("three tiers", () => {
  const scored = (confidence: number): Scored => {
    const base = ask(index, "đăng ký khai sinh");
    return {
      fields: [],
      candidates: base.matches.map((match, i) => ({ match, ev: { alias: 0, aliasCoverage: 0, aliasQueryCoverage: 0, situation: 0, situationCoverage: 0, aliasFocus: 0, situationFocus: 0 }, hasEveryday: true, local: false, nameRank: i, x: [], p: 1 / (i + 2) })),
      topicWeight: 5,
      unknownWeight: 0,
      firstGen: base,
      cx: [],
      nullRow: [],
      confidence,
    };
  };
  const weights: ScorerWeights = { ...WEIGHTS, thresholds: { answer: 0.6, clarify: 0.3 } };

  it("answers when confident, clarifies with up to three choices, refuses when nothing fits", () => {
    expect(decide(scored(0.7), weights).kind).toBe("answer");
    const clarify = decide(scored(0.4), weights);
    expect(clarify.kind).toBe("clarify");
    expect(clarify.matches.length).toBeLessThanOrEqual(3);
    const none = decide(scored(0.1), weights);
    expect(none.kind).toBe("none");
    expect(none.matches).toEqual([]);
  });

  it("never looks a typed word up on Object.prototype", () => {
    for (const q of ["constructor", "__proto__ toString valueOf", "hasOwnProperty khai sinh", "thu constructor"]) {
      const r = ask(index, q);
      expect(["answer", "clarify", "none"]).toContain(r.kind);
      expect(r.matches.every((m) => Number.isFinite(m.score))).toBe(true);
    }
  });

  it("still refuses chit-chat and questions about no procedure", () => {
    for (const q of ["xin chào ad", "giá vàng hôm nay bao nhiêu", "thời tiết ngày mai thế nào", "viết giúp tôi một bài thơ"]) expect(top(q).kind).toBe("none");
  });

  it("answers everyday questions instead of refusing them", () => {
    expect(top("lam giay khai sinh cho con can gi")).toMatchObject({ kind: "answer", code: "1.001193" });
    expect(top("mẹ tôi vừa mất thì làm giấy tờ gì")).toMatchObject({ kind: "answer", code: "1.000656" });
    expect(top("đk tạm trú cho người thuê trọ")).toMatchObject({ kind: "answer", code: "1.004194" });
  });
});

describe("families of level and channel variants", () => {
  it("are one procedure for the decision", () => {
    expect(familyKey("Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)")).toBe(familyKey("Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)"));
    expect(familyKey("Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)")).not.toBe(familyKey("Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)"));
  });

  it("answer with one member and list the others as related, not a clarify", () => {
    const r = top("làm hộ chiếu cần những giấy tờ gì");
    expect(r.kind).toBe("answer");
    // The provincial member, closer to a citizen asking their ward than the central one.
    expect(r.code).toBe("1.001456");
    expect(r.related).toContain("1.001471");
  });
});

describe("procedures not done at the ward", () => {
  it("are answered, with who handles them and the online channel", () => {
    const passport = fixtureProcedure("1.001456");
    expect(isAtWard(passport)).toBe(false);
    const where = whereHandled(passport);
    expect(where.lines[0]).toMatch(/không làm tại xã, phường/);
    expect(where.lines[0]).toMatch(/Cơ quan giải quyết/);
    if (where.online) expect(where.lines.join(" ")).toContain("Cổng Dịch vụ công");
  });

  it("never claim the ward takes the file unless the record says so", () => {
    const passport = fixtureProcedure("1.001456");
    expect(whereHandled(passport).lines.join(" ")).not.toMatch(/Theo hồ sơ thủ tục/);
  });

  it("include commune-listed customs and tax procedures", () => {
    expect(isAtWard({ levels: ["xa"], field: "Hải quan" })).toBe(false);
    expect(isAtWard({ levels: ["xa"], field: "Hộ tịch" })).toBe(true);
  });
});

describe("noisy diacritics", () => {
  it("tell implausible syllables from real ones", () => {
    expect(plausibleSyllable("tạô")).toBe(false);
    expect(plausibleSyllable("qưỷền")).toBe(false);
    expect(plausibleSyllable("hòa")).toBe(true);
    expect(plausibleSyllable("khuyết")).toBe(true);
    expect(plausibleSyllable("giữa")).toBe(true);
  });

  it("drop every mark when most of them are written as the catalog never writes them", () => {
    const keep = deliberateAccents(["đăng", "kỷ", "khải", "sính"], (w) => ["đăng", "ký", "khai", "sinh", "kỷ"].includes(w), () => true);
    expect(keep("đăng")).toBe(false);
    const careful = deliberateAccents(["đăng", "ký", "khai", "sinh", "hỗ"], (w) => ["đăng", "ký", "khai", "sinh", "hỗ"].includes(w), () => true);
    expect(careful("hỗ")).toBe(true);
  });

  it("let the folded letters decide", () => {
    expect(top("đẳng kỳ khải sính chó con")).toMatchObject({ code: "1.001193" });
  });
});

describe("follow-ups", () => {
  const birth = [{ question: "đăng ký khai sinh cần giấy tờ gì?", code: "1.001193" }];

  it("keep the procedure when only the field changes", () => {
    for (const q of ["còn lệ phí?", "nộp ở đâu", "mất mấy ngày", "nộp online được không"]) expect(top(q, birth)).toMatchObject({ kind: "answer", code: "1.001193" });
    expect(top("còn lệ phí?", birth).fields).toContain("fees");
  });

  it("move to the variant the message names", () => {
    expect(top("thế còn với người nước ngoài?", birth).code).toBe("2.000528");
  });

  it("move to the sibling whose extra words the message says, particles included", () => {
    const marriage = [{ question: "thủ tục đăng ký kết hôn", code: "1.000894" }];
    // "lại" is a particle the ranker ignores; among the siblings it is what sets one apart.
    expect(top("nếu làm lại thì sao", marriage).code).toBe("1.004746");
    expect(siblingFor(index, "1.000894", "nếu làm lại")?.name).toBe("Thủ tục đăng ký lại kết hôn");
    // Folding makes "lái" and "lại" one word; the pair "cấp lại" still tells them apart.
    expect(siblingFor(index, "3.000347", "bị mất bằng")?.code).toBe("3.000348");
    expect(top("bố là người Hàn Quốc thì sao", birth).code).toBe("2.000528");
    // A sibling may swap the last name's qualifier for its own (by age here).
    expect(siblingFor(index, "1.014061", "làm cho trẻ dưới 14 tuổi được không")?.code).toBe("1.014062");
    // Nothing a sibling adds: no sibling.
    expect(siblingFor(index, "1.001193", "còn lệ phí?")).toBeNull();
  });

  it("start afresh on a new topic, and chit-chat stays chit-chat", () => {
    // Tied by "thì sao", but it names a procedure the sibling does not explain.
    expect(top("cho hỏi thêm đăng ký tạm trú cho người thuê trọ thì sao", birth).code).toBe("1.004194");
    expect(top("còn đăng ký kết hôn thì cần những gì", birth)).toMatchObject({ kind: "answer", code: "1.000894" });
    expect(top("cảm ơn bạn nhé", birth).kind).toBe("none");
    // A message that asks nothing and names nothing is not about the last procedure.
    expect(top("hôm nay trời nóng quá", birth).kind).toBe("none");
    expect(top("em buồn quá", birth).kind).toBe("none");
  });

  it("read a field question after a turn that got choices with that turn's question", () => {
    // The bot offered choices (no code came back); "hồ sơ gồm gì" is about the same house.
    const r = ask(index, "hồ sơ gồm gì", undefined, { previous: [{ question: "xin giấy phép xây nhà ở riêng lẻ 3 tầng" }] });
    expect(r.kind).not.toBe("none");
    expect(r.matches.map((m) => m.code)).toContain("1.013225");
    expect(r.fields).toContain("components");
    // Without an earlier question it stands alone.
    expect(ask(index, "hồ sơ gồm gì", undefined, { previous: [{ question: "" }] }).matches.map((m) => m.code)).not.toContain("1.013225");
  });

  it("ignore unknown codes in the context", () => {
    expect(top("còn lệ phí?", [{ question: "x", code: "9.999999" }]).code).not.toBe("9.999999");
  });

  it("strip the words that only tie a message to the last one", () => {
    expect(stripDiscourse("Thế còn với người nước ngoài thì sao?")).toBe("với người nước ngoài");
    expect(stripDiscourse("con le phi bao nhieu")).toBe("le phi bao nhieu");
    expect(stripDiscourse("con tôi dưới 14 tuổi")).toBe("con tôi dưới 14 tuổi");
  });
});

describe("the index snapshot with everyday knowledge", () => {
  it("answers exactly like the index built in process", async () => {
    const { snapshotWithEveryday, indexFromSnapshot } = await import("../../worker/src/ask/index-snapshot");
    const { catalogInputs } = await import("../../scripts/lib/engine-index");
    const { readEveryday } = await import("../../scripts/lib/knowledge-file");
    const knowledge = readEveryday();
    const loaded = indexFromSnapshot(snapshotWithEveryday(catalogInputs(), (c) => knowledge.get(c) ?? null))!;
    expect(loaded.everyday).toBeDefined();
    for (const q of ["vợ tôi mới sinh em bé cần làm giấy tờ gì", "lam so do lan dau", "đẳng kỳ khải sính", "mất căn cước làm lại ở đâu", "giá vàng hôm nay"]) {
      const a = ask(index, q);
      const b = ask(loaded, q);
      expect(b.kind).toBe(a.kind);
      expect(b.matches.map((m) => [m.code, m.score.toFixed(6)])).toEqual(a.matches.map((m) => [m.code, m.score.toFixed(6)]));
    }
  });
});
