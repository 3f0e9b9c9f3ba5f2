// The robustness suite's generator: seeded, each perturbation does what it says, accept sets
// span the same act at other levels. On the shipped catalog.
import { describe, expect, it } from "vitest";
import { catalogRows } from "../../scripts/lib/eval-peers";
import {
  PERTURBATIONS,
  ROBUST_FIELDS,
  TYPO_MIN_LETTERS,
  WRONG_DIACRITIC_SHARE,
  acceptSets,
  cleanName,
  fold,
  keyboardNeighbours,
  makeQuestion,
  misaccentSyllable,
  nameKey,
  questionName,
  rngFor,
  robustQuestions,
  teencode,
  typo,
  typos,
  wrongDiacritics,
  type CatalogName,
} from "../../scripts/lib/robust-questions";

const catalog = catalogRows();
const questions = robustQuestions(catalog);
const byId = new Map(questions.map((q) => [q.id, q]));
const communeCount = catalog.filter((p) => p.levels.includes("xa")).length;
const words = (s: string) => s.match(/\p{L}+/gu) ?? [];
const hasMarks = (s: string) => /\p{M}/u.test(s.normalize("NFD")) || /[đĐ]/.test(s);

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function osa(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[x.length][y.length];
}

describe("robust question set", () => {
  it("has, for every commune-level procedure, each perturbation bare and with a field question", () => {
    expect(communeCount).toBe(588);
    expect(questions).toHaveLength(communeCount * PERTURBATIONS.length * 2);
    for (const q of questions.filter((q) => q.code === "1.001193")) expect(q.accept).toEqual(["1.001193"]);
    const fieldOnes = questions.filter((q) => q.variant === "field");
    expect(fieldOnes.every((q) => q.fields.length === 1 && ROBUST_FIELDS.includes(q.fields[0]))).toBe(true);
    // The seeded choice of field spreads over all five.
    for (const f of ROBUST_FIELDS) expect(fieldOnes.filter((q) => q.fields[0] === f).length).toBeGreaterThan(fieldOnes.length / 10);
    expect(questions.filter((q) => q.variant === "plain").every((q) => q.fields.length === 0)).toBe(true);
  });

  it("is the same for the same seed and different for another", () => {
    const again = robustQuestions(catalog);
    expect(again).toEqual(questions);
    const other = robustQuestions(catalog, { seed: 7 });
    const changed = other.filter((q, i) => q.q !== questions[i].q).length;
    // no_diacritics plain questions do not depend on the seed; most others do.
    expect(changed).toBeGreaterThan(questions.length * 0.6);
    expect(other.filter((q) => q.perturbation === "no_diacritics" && q.variant === "plain").map((q) => q.q)).toEqual(
      questions.filter((q) => q.perturbation === "no_diacritics" && q.variant === "plain").map((q) => q.q),
    );
  });

  it("does not change a procedure's questions when other procedures are added or removed", () => {
    const few = robustQuestions(catalog.filter((p) => ["1.001193", "1.000656", "1.004222"].includes(p.code)));
    for (const q of few) expect(q.q).toBe(byId.get(q.id)!.q);
  });
});

describe("names", () => {
  it("drops a leading 'Thủ tục', the level parenthetical and trailing dots", () => {
    expect(cleanName("Thủ tục đăng ký khai sinh")).toBe("đăng ký khai sinh");
    expect(cleanName("Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp xã)")).toBe("Trình báo mất hộ chiếu phổ thông");
    expect(cleanName("Thủ tục công nhận hòa giải viên (cấp xã)")).toBe("công nhận hòa giải viên");
    expect(cleanName("Hỗ trợ phát triển sản xuất cộng đồng.")).toBe("Hỗ trợ phát triển sản xuất cộng đồng");
    expect(cleanName("Thủ tục đối với hàng hóa nhập khẩu")).toBe("Thủ tục đối với hàng hóa nhập khẩu");
    expect(cleanName("Tham vấn trong đánh giá tác động môi trường (cấp xã) (1.010736)")).toBe("Tham vấn trong đánh giá tác động môi trường");
    // Other parentheticals say what the procedure is about and stay.
    expect(cleanName("Hỗ trợ cơ sở sản xuất bị thiệt hại do dịch bệnh động vật (cơ sở sản xuất không thuộc lực lượng vũ trang nhân dân)")).toContain("(cơ sở");
  });

  it("accepts the same act at another level, and only that", () => {
    const accepts = acceptSets(catalog);
    expect(accepts.get("1.010386")!.sort()).toEqual(["1.001445", "1.010385", "1.010386", "2.000539"]);
    expect(accepts.get("1.014062")!.sort()).toEqual(["1.012543", "1.012549", "1.014062"]);
    expect(accepts.get("1.001193")).toEqual(["1.001193"]);
    // A longer name is another procedure, not the same act.
    expect(accepts.get("1.001193")).not.toContain("1.003583");
    for (const [code, codes] of accepts) {
      expect(codes).toContain(code);
      const key = nameKey(catalog.find((p) => p.code === code)!.name);
      for (const c of codes) expect(nameKey(catalog.find((p) => p.code === c)!.name)).toBe(key);
    }
  });

  it("shortens a long name to the first clause prefix no other procedure's name begins with", () => {
    const keys = new Map(catalog.map((p) => [p.code, nameKey(p.name)]));
    const accepts = acceptSets(catalog);
    const nameOf = (code: string) => questionName(catalog.find((p) => p.code === code)!.name, accepts.get(code)!, keys);
    // "…mà di sản là động sản, quyền sử dụng đất, nhà ở" has 19 words: kept whole.
    expect(nameOf("2.001406")).toBe("Chứng thực văn bản phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở");
    expect(nameOf("2.000815")).toBe("Chứng thực bản sao từ bản chính giấy tờ");
    expect(nameOf("1.013225")).toBe("Cấp giấy phép xây dựng mới đối với công trình cấp III");
    for (const p of catalog.filter((p) => p.levels.includes("xa"))) {
      const name = nameOf(p.code);
      const k = nameKey(name);
      const others = [...keys].filter(([c, other]) => !accepts.get(p.code)!.includes(c) && (other === k || other.startsWith(`${k} `)));
      // Shortened names always identify the procedure; a whole name may be a prefix of a longer one.
      if (name !== cleanName(p.name)) expect(others).toEqual([]);
      expect(name).not.toMatch(/^thủ tục (?!đối với)/i);
      expect(name).not.toMatch(/\(thực hiện tại cấp/);
    }
  });
});

describe("perturbations", () => {
  const rng = () => rngFor(1, "test");
  const base = "Đăng ký khai sinh có yếu tố nước ngoài cho người đã có hồ sơ, giấy tờ cá nhân";

  it("no diacritics: no marks left, nothing else changed", () => {
    for (const q of questions.filter((q) => q.perturbation === "no_diacritics")) {
      expect(hasMarks(q.q)).toBe(false);
      expect(q.q.startsWith(fold(q.name).slice(0, 20))).toBe(true);
    }
  });

  it("wrong diacritics: most syllables carry other marks, the folded text is the same", () => {
    const out = wrongDiacritics(base, rng());
    expect(fold(out)).toBe(fold(base));
    const changed = words(out).filter((w, i) => w !== words(base)[i]).length;
    expect(changed).toBeGreaterThanOrEqual(Math.floor(words(base).length * WRONG_DIACRITIC_SHARE));
    for (const q of questions.filter((q) => q.perturbation === "wrong_diacritics")) {
      const original = q.variant === "plain" ? q.name : null;
      if (!original) continue;
      expect(fold(q.q)).toBe(fold(original));
      const ws = words(original);
      const voweled = ws.filter((w) => /[aăâeêioôơuưy]/i.test(fold(w).replace(/d/g, ""))).length;
      const diff = words(q.q).filter((w, i) => w !== ws[i]).length;
      expect(diff).toBeGreaterThanOrEqual(Math.ceil(voweled * WRONG_DIACRITIC_SHARE));
    }
  });

  it("a misaccented syllable always differs and keeps its letters", () => {
    const r = rng();
    for (const s of ["đăng", "ký", "khai", "sinh", "người", "nước", "quyền", "Ủy", "hộ", "a"]) {
      for (let i = 0; i < 20; i++) {
        const out = misaccentSyllable(s, r);
        expect(out).not.toBe(s);
        expect(fold(out)).toBe(fold(s));
      }
    }
    expect(misaccentSyllable("đ", r)).toBe("đ");
  });

  it("typos: one typo in every word of at least four letters, shorter words untouched", () => {
    const out = typos(base, rng());
    const [a, b] = [words(base), words(out)];
    // A deletion can shorten a word, never remove one: words line up.
    expect(b).toHaveLength(a.length);
    a.forEach((w, i) => {
      if ([...w].length >= TYPO_MIN_LETTERS) {
        expect(b[i]).not.toBe(w);
        expect(osa(w, b[i])).toBe(1);
      } else expect(b[i]).toBe(w);
    });
  });

  it("typos of each kind do what their name says", () => {
    const r = rng();
    for (let i = 0; i < 50; i++) {
      const del = typo("khai", "deletion", r);
      expect(del).toHaveLength(3);
      const swap = typo("khai", "swap", r);
      expect([...swap].sort().join("")).toBe([..."khai"].sort().join(""));
      expect(swap).not.toBe("khai");
      const sub = typo("sinh", "substitution", r);
      expect(sub).toHaveLength(4);
      expect(osa(sub, "sinh")).toBe(1);
      const key = typo("sinh", "keyboard", r);
      const at = [...key].findIndex((c, j) => c !== "sinh"[j]);
      expect(keyboardNeighbours("sinh"[at])).toContain(key[at]);
    }
    expect(keyboardNeighbours("g").sort()).toEqual(["b", "f", "h", "t", "v", "y"]);
    expect(keyboardNeighbours("q").sort()).toEqual(["a", "w"]);
    expect(keyboardNeighbours("m").sort()).toEqual(["j", "k", "n"]);
  });

  it("teencode: known phrases become abbreviations, and the text always changes", () => {
    const r = rng();
    for (let i = 0; i < 30; i++) {
      const out = teencode("Đăng ký khai sinh không cần giấy tờ gì được không", r);
      expect(out).toMatch(/^(dk|đk|dky|đăng kí|dang ki) (ks) /);
      expect(out).toMatch(/ (j|gi|zì) /);
      expect(out).not.toContain("không");
      expect(out).not.toContain("được");
    }
    expect(teencode("căn cước công dân", r)).toBe("cccd");
    expect(teencode("chứng minh nhân dân", r)).toMatch(/^(cmnd|cmt)$/);
    for (const q of questions.filter((q) => q.perturbation === "teencode")) expect(q.q).not.toBe(q.name.toLowerCase());
  });

  it("context: a context sentence first, the name, then a second question", () => {
    for (const q of questions.filter((q) => q.perturbation === "context")) {
      const sentences = q.q.split(/(?<=[.?])\s+/);
      expect(sentences.length).toBeGreaterThanOrEqual(3);
      expect(q.q).toContain(q.name.slice(1));
      expect(sentences.at(-1)).toMatch(/\?$/);
      expect(q.q.indexOf(q.name.slice(1))).toBeGreaterThan(sentences[0].length);
    }
  });

  it("shuffled: the field or 'how' clause comes before the name", () => {
    for (const q of questions.filter((q) => q.perturbation === "shuffled")) {
      const at = q.q.indexOf(q.name.slice(1));
      expect(at).toBeGreaterThan(5);
      expect(q.q.endsWith(q.name.slice(1))).toBe(true);
    }
    const q = makeQuestion("Đăng ký khai sinh", "shuffled", "components", rngFor(1, "x"));
    expect(q).toMatch(/^cần (chuẩn bị những )?giấy tờ gì (để|khi) đăng ký khai sinh$/);
  });

  it("field variants add the field question after the name in the other perturbations", () => {
    const q = byId.get("1.001193:no_diacritics:field")!;
    expect(q.q.startsWith("dang ky khai sinh ")).toBe(true);
    expect(q.q.length).toBeGreaterThan("dang ky khai sinh ".length + 5);
  });
});

describe("accept sets on a small catalog", () => {
  it("spans levels through folding, and ignores procedures that are not at commune level as questions", () => {
    const small: CatalogName[] = [
      { code: "9.000001", name: "Thủ tục cấp bản sao từ sổ gốc (thực hiện tại cấp xã)", levels: ["xa"] },
      { code: "9.000002", name: "Cấp bản sao từ sổ gốc (thực hiện tại cấp tỉnh)", levels: ["tinh"] },
      { code: "9.000003", name: "Cấp bản sao từ sổ gốc cho tổ chức", levels: ["xa"] },
    ];
    const qs = robustQuestions(small);
    expect(new Set(qs.map((q) => q.code))).toEqual(new Set(["9.000001", "9.000003"]));
    expect(qs.find((q) => q.code === "9.000001")!.accept).toEqual(["9.000001", "9.000002"]);
    expect(qs.find((q) => q.code === "9.000003")!.accept).toEqual(["9.000003"]);
  });
});
