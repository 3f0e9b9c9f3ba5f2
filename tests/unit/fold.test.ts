import { describe, expect, it } from "vitest";
import { fold, hasDiacritics, normalize, searchKey, tokens } from "../../worker/src/text/fold";

describe("Vietnamese folding", () => {
  it("strips tones and vowel marks and maps đ/Đ by hand", () => {
    expect(fold("Đăng ký khai sinh")).toBe("Dang ky khai sinh");
    expect(fold("đường")).toBe("duong");
    expect(fold("Ấn Hải, Phường An Hải")).toBe("An Hai, Phuong An Hai");
  });

  it("treats composed and decomposed input alike", () => {
    const decomposed = "Hải Phòng".normalize("NFD");
    expect(searchKey(decomposed)).toBe("hai phong");
    expect(normalize(decomposed)).toBe("hải phòng");
  });

  it("builds search keys without punctuation", () => {
    expect(searchKey("  Phường An-Hải (Hải Phòng)! ")).toBe("phuong an hai hai phong");
    expect(tokens("GCN QSDĐ")).toEqual(["gcn", "qsdd"]);
    expect(tokens("%_'\"")).toEqual([]);
  });

  it("detects diacritics including đ", () => {
    expect(hasDiacritics("an hai")).toBe(false);
    expect(hasDiacritics("An Hải")).toBe(true);
    expect(hasDiacritics("dd đ")).toBe(true);
  });
});
