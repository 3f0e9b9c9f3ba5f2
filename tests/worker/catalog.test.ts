import { beforeAll, describe, expect, it } from "vitest";
import { api, fixtureRecords, seedCatalog, seedWards } from "./seed";

beforeAll(async () => {
  await seedWards();
  await seedCatalog();
});

describe("GET /api/health", () => {
  it("counts procedures and wards in D1", async () => {
    const { status, body } = await api("/api/health");
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, procedures: fixtureRecords.length, wards: expect.any(Number) });
    expect(body.wards).toBeGreaterThan(100);
  });
});

describe("GET /api/wards", () => {
  it("finds a ward without diacritics, with diacritics and with its province", async () => {
    for (const q of ["an hai", "An Hải", "phuong an hai hai phong"]) {
      const { status, body } = await api(`/api/wards?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      const codes = body.items.map((w: { code: string }) => w.code);
      expect(codes).toContain("11617");
    }
    const { body } = await api(`/api/wards?q=${encodeURIComponent("phuong an hai hai phong")}`);
    expect(body.items[0]).toEqual({
      code: "11617",
      name: "Phường An Hải",
      type: "Phường",
      provinceCode: "31",
      provinceName: "Thành phố Hải Phòng",
    });
  });

  it("filters by province and honours the limit", async () => {
    const { body } = await api("/api/wards?q=an%20hai&province=48&limit=1");
    expect(body.items).toHaveLength(1);
    expect(body.items[0].provinceCode).toBe("48");
  });

  it("returns one ward, 404 for an unknown code, 400 for a malformed one", async () => {
    expect((await api("/api/wards/11557")).body.name).toBe("Phường Thiên Hương");
    const missing = await api("/api/wards/99999");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const bad = await api("/api/wards/abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: "invalid_input", message: expect.any(String) });
  });

  it("rejects bad query parameters with 400", async () => {
    for (const qs of ["limit=0", "limit=101", "limit=x", "province=1", `q=${"a".repeat(201)}`]) {
      const { status, body } = await api(`/api/wards?${qs}`);
      expect(status, qs).toBe(400);
      expect(body.error.code).toBe("invalid_input");
    }
  });

  it("treats LIKE and SQL syntax in the query as plain text", async () => {
    for (const q of ["%", "_", "' OR 1=1 --", '"', "*"]) {
      const { status, body } = await api(`/api/wards?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(Array.isArray(body.items)).toBe(true);
    }
  });
});

describe("GET /api/fields", () => {
  it("lists fields with counts, commune-level first", async () => {
    const { status, body } = await api("/api/fields");
    expect(status).toBe(200);
    const hoTich = body.items.find((f: { name: string }) => f.name === "Hộ tịch");
    expect(hoTich.procedures).toBeGreaterThanOrEqual(8);
    expect(hoTich.communeProcedures).toBeGreaterThan(0);
    const commune = body.items.map((f: { communeProcedures: number }) => f.communeProcedures);
    expect([...commune].sort((a, b) => b - a)).toEqual(commune);
  });
});

describe("GET /api/procedures", () => {
  it("searches accent-insensitively and puts the phrase match first", async () => {
    const { body } = await api(`/api/procedures?q=${encodeURIComponent("dang ky khai sinh")}`);
    const codes = body.items.map((p: { code: string }) => p.code);
    expect(codes).toContain("1.001193");
    expect(codes).not.toContain("1.000005");
    expect(body.items[0]).toEqual({
      code: expect.any(String),
      name: expect.stringMatching(/khai sinh/i),
      field: "Hộ tịch",
      levels: expect.arrayContaining(["xa"]),
    });
  });

  it("filters by field and level", async () => {
    const { body } = await api(`/api/procedures?field=${encodeURIComponent("Hộ tịch")}&level=xa&limit=100`);
    expect(body.items.length).toBeGreaterThan(3);
    for (const p of body.items) {
      expect(p.field).toBe("Hộ tịch");
      expect(p.levels).toContain("xa");
    }
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const all = (await api("/api/procedures?limit=100")).body.items.map((p: { code: string }) => p.code);
    expect(all).toHaveLength(fixtureRecords.length);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `&cursor=${cursor}` : "";
      const { body } = await api(`/api/procedures?limit=4${qs}`);
      seen.push(...body.items.map((p: { code: string }) => p.code));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("rejects bad parameters and cursors with 400", async () => {
    for (const qs of ["level=huyen", "limit=-1", "cursor=not-a-cursor", "cursor=e30"]) {
      const { status, body } = await api(`/api/procedures?${qs}`);
      expect(status, qs).toBe(400);
      expect(body.error.code).toMatch(/invalid_/);
    }
  });
});

describe("GET /api/procedures/:code", () => {
  it("returns the full structured record of khai sinh", async () => {
    const { status, body } = await api("/api/procedures/1.001193");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: "1.001193",
      name: "Thủ tục đăng ký khai sinh",
      field: "Hộ tịch",
      levels: ["xa"],
      sourceUrl: expect.stringContaining("dichvucong.gov.vn"),
    });
    expect(body.methods.map((m: { channel: string }) => m.channel).sort()).toEqual(["in_person", "online", "post"]);
    const names = body.documents.map((d: { name: string }) => d.name).join("\n");
    expect(names).toContain("Giấy chứng sinh");
    const show = body.documents.filter((d: { submit: string }) => d.submit === "show");
    expect(show.length).toBeGreaterThan(0);
    expect(body.steps.length).toBeGreaterThan(1);
    expect(body.legalBases).toContainEqual({ number: "123/2015/NĐ-CP", title: expect.stringContaining("Luật Hộ tịch") });
  });

  it("keeps fee status honest for province-set and unpublished fees", async () => {
    const gp = (await api("/api/procedures/1.013225")).body;
    for (const m of gp.methods) expect(m.fee.status).toBe("set_by_province");
    const byChannel = Object.fromEntries(gp.methods.map((m: any) => [m.channel, m.time]));
    expect(byChannel.in_person).toEqual({ text: "15 Ngày", value: 15, unit: "days" });
    expect(byChannel.online).toEqual({ text: "20 Ngày", value: 20, unit: "days" });
    const np = (await api("/api/procedures/1.000253")).body;
    expect(np.methods.length).toBeGreaterThan(0);
    for (const m of np.methods) expect(m.fee).toMatchObject({ status: "not_published", amount: null });
  });

  it("404 for an unknown code, 400 for a malformed one", async () => {
    expect((await api("/api/procedures/9.999999")).status).toBe(404);
    const bad = await api(`/api/procedures/${encodeURIComponent("1.0 OR 1=1")}`);
    expect(bad.status).toBe(400);
  });
});

describe("unknown routes", () => {
  it("answer 404 JSON", async () => {
    const { status, body } = await api("/api/nope");
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });
});
