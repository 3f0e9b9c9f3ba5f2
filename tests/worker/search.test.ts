// Catalog search uses the answer engine's normalization and ranking, so the search box and the
// ask box agree; the ward picker ranks by every word typed, the province's included.
import { beforeAll, describe, expect, it } from "vitest";
import { api, seedCatalog, seedWards } from "./seed";

beforeAll(async () => {
  await seedWards();
  await seedCatalog();
});

const search = async (q: string, extra = "") => (await api(`/api/procedures?q=${encodeURIComponent(q)}${extra}`)).body;
const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);

describe("GET /api/procedures?q=", () => {
  it("understands what the ask box understands: teencode, abbreviations, missing diacritics", async () => {
    expect(codes(await search("cccd"))).toContain("1.014064"); // Cấp lại thẻ căn cước
    expect(codes(await search("dk ks"))[0]).toBe("1.001193"); // đăng ký khai sinh
    expect(codes(await search("dang ky ket hon"))[0]).toBe("1.000894");
    expect(codes(await search("Thủ tục đăng ký khai tử"))[0]).toBe("1.000656");
  });

  it("returns nothing, not unrelated names, when nothing fits", async () => {
    expect((await search("xyz qwerty")).items).toEqual([]);
    expect((await search("bán vé máy bay giá rẻ")).items).toEqual([]);
    expect((await search("!!!")).items).toEqual([]);
  });

  it("keeps the response shape, filters by level and field, and pages the ranked list", async () => {
    const all = await search("khai sinh");
    expect(all.items[0]).toEqual({ code: "1.001193", name: "Thủ tục đăng ký khai sinh", field: "Hộ tịch", levels: ["xa"] });
    expect(all.items.length).toBeGreaterThan(3);
    const first = await search("khai sinh", "&limit=2");
    expect(codes(first)).toEqual(codes(all).slice(0, 2));
    const second = await search("khai sinh", `&limit=2&cursor=${first.nextCursor}`);
    expect(codes(second)).toEqual(codes(all).slice(2, 4));
    expect((await search("khai sinh", "&level=tinh")).items.every((i: { levels: string[] }) => i.levels.includes("tinh"))).toBe(true);
    expect((await search("khai sinh", "&field=Hải%20quan")).items).toEqual([]);
    // A browsing cursor is not a search cursor.
    expect((await api(`/api/procedures?q=khai%20sinh&cursor=${encodeURIComponent(btoa(JSON.stringify({ r: 0, s: "a", c: "b" })))}`)).status).toBe(400);
  });

  it("a pasted procedure code opens that record", async () => {
    expect(codes(await search("1.000894"))[0]).toBe("1.000894");
  });
});

describe("GET /api/wards?q=", () => {
  it("ranks by the words typed including the province", async () => {
    const hp = (await api(`/api/wards?q=${encodeURIComponent("an hai hai phong")}`)).body.items;
    expect(hp[0]).toMatchObject({ code: "11617", provinceName: "Thành phố Hải Phòng" });
    expect(hp.map((w: { code: string }) => w.code)).not.toContain("20275");
    const dn = (await api(`/api/wards?q=${encodeURIComponent("an hai da nang")}`)).body.items;
    expect(dn[0]).toMatchObject({ code: "20275" });
    const both = (await api(`/api/wards?q=${encodeURIComponent("an hai")}`)).body.items.map((w: { code: string }) => w.code);
    expect(both).toEqual(expect.arrayContaining(["11617", "20275"]));
  });
});
