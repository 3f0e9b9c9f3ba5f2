// The home screen's fields in ward-centre order (one list with the answer engine), the ward
// admin's pins, a field's procedures most asked first, and "Chỉ đường" coordinates.
import askedPrior from "../../worker/src/catalog/asked-prior.json";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, get, json, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, officerAnHai: string, adminAnHai: string, officerThienHuong: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, officerAnHai, adminAnHai, officerThienHuong } = await seedDemo());
});

const names = (items: { name: string }[]) => items.map((f) => f.name);

describe("fields on the home screen", () => {
  it("lists ward-centre fields first, Hộ tịch on top, and customs last as not done at the ward", async () => {
    const { status, body } = await api("/api/fields");
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ name: "Hộ tịch", atWard: true, pinned: false });
    expect(names(body.items).indexOf("Chứng thực")).toBe(1);
    const last = body.items[body.items.length - 1];
    expect(last).toMatchObject({ name: "Hải quan", atWard: false });
  });

  it("puts the ward admin's pinned fields first for that ward only", async () => {
    const put = await api("/api/staff/field-order", json("PUT", { pinned: ["Đăng ký, quản lý cư trú", "Chứng thực"] }, adminAnHai));
    expect(put.status).toBe(200);
    expect(put.body.pinned).toEqual(["Đăng ký, quản lý cư trú", "Chứng thực"]);
    const mine = await api("/api/fields?ward=11617");
    expect(names(mine.body.items).slice(0, 3)).toEqual(["Đăng ký, quản lý cư trú", "Chứng thực", "Hộ tịch"]);
    expect(mine.body.items[0].pinned).toBe(true);
    expect(names((await api("/api/fields?ward=11557")).body.items)[0]).toBe("Hộ tịch");
    expect((await api("/api/staff/field-order", get(adminAnHai))).body.pinned).toEqual(["Đăng ký, quản lý cư trú", "Chứng thực"]);
  });

  it("refuses fields that do not exist and bad input", async () => {
    const bad = await api("/api/staff/field-order", json("PUT", { pinned: ["Không có lĩnh vực này"] }, adminAnHai));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_field");
    expect((await api("/api/staff/field-order", json("PUT", { pinned: "Hộ tịch" }, adminAnHai))).status).toBe(400);
    expect((await api("/api/fields?ward=abc")).status).toBe(400);
  });

  it("lets only the ward admin change the order (every role checked)", async () => {
    const body = { pinned: ["Hộ tịch"] };
    expect((await api("/api/staff/field-order", json("PUT", body))).status).toBe(401);
    expect((await api("/api/staff/field-order", json("PUT", body, citizenA))).status).toBe(403);
    expect((await api("/api/staff/field-order", json("PUT", body, officerAnHai))).status).toBe(403);
    expect((await api("/api/staff/field-order", json("PUT", body, officerThienHuong))).status).toBe(403);
    expect((await api("/api/staff/field-order", get(citizenA))).status).toBe(403);
    expect((await api("/api/staff/field-order", get())).status).toBe(401);
    // A ward admin acts on their own ward only: Thiên Hương's order is untouched.
    expect((await api("/api/staff/field-order?ward=11557", json("PUT", body, adminAnHai))).status).toBe(200);
    expect(names((await api("/api/fields?ward=11557")).body.items)[0]).toBe("Hộ tịch");
    expect(names((await api("/api/fields?ward=11617")).body.items)[0]).toBe("Hộ tịch");
  });
});

describe("a field's procedures", () => {
  const codes = async (ward?: string) =>
    (await api(`/api/fields/${encodeURIComponent("Hộ tịch")}/procedures${ward ? `?ward=${ward}` : ""}`)).body.items.map((p: { code: string }) => p.code);

  it("puts the most asked first, not the alphabet, with everyday titles", async () => {
    const { body } = await api(`/api/fields/${encodeURIComponent("Hộ tịch")}/procedures`);
    // Before anyone asked: the project's own questions (catalog/asked-prior.json), most first.
    const counts = body.items.map((p: { code: string }) => (askedPrior as Record<string, number>)[p.code] ?? 0);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    expect(body.items.find((p: { code: string }) => p.code === "1.001193").shortName).toBe("Đăng ký khai sinh");
  });

  it("learns from what the ward's citizens ask (a count, never the question)", async () => {
    for (let i = 0; i < 8; i++) {
      const r = await api("/api/ask", json("POST", { question: "xin cấp bản sao giấy khai sinh", wardCode: "11617" }));
      expect(r.body.answer.code).toBe("2.000635");
    }
    // The count is written after the answer is sent.
    await vi.waitFor(async () => expect((await codes("11617"))[0]).toBe("2.000635"), { timeout: 5000, interval: 100 });
    // Another ward's order is its own.
    expect((await codes("11557"))[0]).toBe((await codes())[0]);
    expect((await api(`/api/fields/${encodeURIComponent("Không có")}/procedures`)).body.items).toEqual([]);
  });
});

describe("contacts", () => {
  it("give the ward's coordinates for directions", async () => {
    const { body } = await api("/api/wards/11617/contacts");
    expect(body.location).toEqual({ lat: 20.8441, lon: 106.634 });
  });
});
