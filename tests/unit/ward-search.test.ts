import { describe, expect, it } from "vitest";
import { rankWards, wardQueryPatterns } from "../../worker/src/catalog/ward-search";
import { searchKey } from "../../worker/src/text/fold";

const ward = (code: string, name: string, shortName: string, provinceName: string) => ({
  code,
  name,
  shortName,
  provinceName,
  searchKey: searchKey(`${name} ${provinceName}`),
});
const anHaiHp = ward("11617", "Phường An Hải", "An Hải", "Thành phố Hải Phòng");
const anHaiDn = ward("20275", "Phường An Hải", "An Hải", "Thành phố Đà Nẵng");
const anBien = ward("11407", "Phường An Biên", "An Biên", "Thành phố Hải Phòng");
const anHai2 = ward("99999", "Xã Ấn Hải", "Ấn Hải", "Tỉnh Thử Nghiệm");

describe("ward search", () => {
  it("builds word-prefix LIKE patterns from folded words", () => {
    expect(wardQueryPatterns("Phường An Hải")).toEqual(["% phuong%", "% an%", "% hai%"]);
  });

  it("ranks the ward named by the query, then by province when given", () => {
    expect(rankWards("phuong an hai hai phong", [anBien, anHaiDn, anHaiHp])[0]).toBe(anHaiHp);
    expect(rankWards("an hai", [anBien, anHaiHp])[0]).toBe(anHaiHp);
  });

  it("prefers the exact accented spelling when the user typed diacritics", () => {
    expect(rankWards("Ấn Hải", [anHaiHp, anHai2])[0]).toBe(anHai2);
    expect(rankWards("An Hải", [anHai2, anHaiHp])[0]).toBe(anHaiHp);
  });
});
