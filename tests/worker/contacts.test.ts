import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import demo from "../../data/demo/ward-contacts.json";
import { demoContactRows, type DemoContacts } from "../../worker/src/contact/demo-rows";
import { createDb } from "../../worker/src/db/client";
import { officers, wardProfiles } from "../../worker/src/db/schema";
import { api, seedCatalog, seedWards } from "./seed";

beforeAll(async () => {
  await seedWards();
  await seedCatalog();
  const { profiles, people } = demoContactRows(demo as unknown as DemoContacts);
  const db = createDb(env.DB);
  for (const p of profiles) await db.insert(wardProfiles).values(p);
  for (const o of people) await db.insert(officers).values(o);
});

describe("GET /api/wards/:code/contacts", () => {
  it("lists the officers responsible for a procedure's field, on duty first", async () => {
    const { status, body } = await api("/api/wards/11617/contacts?procedureCode=1.001193");
    expect(status).toBe(200);
    expect(body.field).toBe("Hộ tịch");
    expect(body.fieldMatched).toBe(true);
    expect(body.officers.length).toBe(2);
    for (const o of body.officers) expect(o.fields).toContain("Hộ tịch");
    expect(body.officers[0].onDuty).toBe(true);
    expect(body.ward).toEqual({ code: "11617", name: "Phường An Hải", provinceName: "Thành phố Hải Phòng" });
    expect(body.hotline).toEqual(expect.any(String));
    expect(body.hours[0]).toMatch(/^Thứ Hai – Thứ Sáu/);
    expect(typeof body.openNow).toBe("boolean");
    if (!body.openNow) expect(body.nextOpeningText).toEqual(expect.any(String));
    expect(body.demo).toBe(true);
  });

  it("falls back to all officers when nobody handles the field", async () => {
    const { body } = await api(`/api/wards/11593/contacts?field=${encodeURIComponent("Hải quan")}`);
    expect(body.fieldMatched).toBe(false);
    expect(body.officers.length).toBe(2);
  });

  it("still answers for a ward without a profile: address from the unit data, no officers", async () => {
    const { status, body } = await api("/api/wards/20275/contacts");
    expect(status).toBe(200);
    expect(body.officers).toEqual([]);
    expect(body.hotline).toBeNull();
    expect(body.openNow).toBeNull();
  });

  it("404 for an unknown ward, 400 for bad input", async () => {
    expect((await api("/api/wards/99999/contacts")).status).toBe(404);
    expect((await api("/api/wards/abc/contacts")).status).toBe(400);
    expect((await api("/api/wards/11617/contacts?procedureCode=%27%3B")).status).toBe(400);
  });
});
