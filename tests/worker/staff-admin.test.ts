// Officer sign-in by Zalo identity, linked with a one-time code from the ward admin; the
// admin routes are authorized by role and ward.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, get, json, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, officerAnHai: string, adminAnHai: string, officerThienHuong: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, officerAnHai, adminAnHai, officerThienHuong } = await seedDemo());
});

const zaloStaff = (accessToken: string, linkCode?: string, username = "canbo.anhai") =>
  api("/api/auth/zalo-staff", json("POST", { accessToken, ...(linkCode ? { linkCode, username } : {}) }));

describe("staff accounts (ward admin)", () => {
  it("lists only the admin's ward, without Zalo identities", async () => {
    const res = await api("/api/staff/accounts", get(adminAnHai));
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { username: string }) => a.username)).toEqual(["canbo.anhai", "quantri.anhai"]);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ zaloLinked: false }));
    expect(JSON.stringify(res.body)).not.toContain("zaloId");
  });

  it("is closed to officers, citizens, logged-out callers and other wards' accounts", async () => {
    expect((await api("/api/staff/accounts", get(officerAnHai))).status).toBe(403);
    expect((await api("/api/staff/accounts", get(citizenA))).status).toBe(403);
    expect((await api("/api/staff/accounts")).status).toBe(401);
    expect((await api("/api/staff/accounts/acc-canbo-anhai/link-code", json("POST", {}, officerAnHai))).status).toBe(403);
    expect((await api("/api/staff/accounts/acc-canbo-anhai/link-code", json("POST", {}, officerThienHuong))).status).toBe(403);
    expect((await api("/api/staff/accounts/acc-canbo-thienhuong/link-code", json("POST", {}, adminAnHai))).status).toBe(404);
    expect((await api("/api/staff/accounts/acc-canbo-thienhuong/zalo", { method: "DELETE", headers: { authorization: `Bearer ${adminAnHai}` } })).status).toBe(404);
  });
});

describe("officer sign-in with Zalo", () => {
  it("links once with the admin's code, then Zalo alone signs the officer in", async () => {
    expect((await zaloStaff("dev-officer-phone")).status).toBe(401); // not linked yet
    const { code } = (await api("/api/staff/accounts/acc-canbo-anhai/link-code", json("POST", {}, adminAnHai))).body;
    expect(code).toMatch(/^\d{8}$/);
    const wrong = code === "00000000" ? "00000001" : "00000000";
    expect((await zaloStaff("dev-officer-phone", wrong)).body.error.code).toBe("invalid_link_code");

    const linked = await zaloStaff("dev-officer-phone", code);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ role: "officer", wardCode: "11617" });
    // The session works like a password session: the ward's inbox.
    expect((await api("/api/conversations", get(linked.body.token))).status).toBe(200);
    // The code is single use; the link persists.
    expect((await zaloStaff("dev-someone-else", code)).status).toBe(401);
    expect((await zaloStaff("dev-officer-phone")).status).toBe(200);
    const list = await api("/api/staff/accounts", get(adminAnHai));
    expect(list.body.items.find((a: { username: string }) => a.username === "canbo.anhai").zaloLinked).toBe(true);
  });

  it("codes expire after 15 minutes, one Zalo identity links one account, and the admin can unlink", async () => {
    const { code } = (await api("/api/staff/accounts/acc-quantri-anhai/link-code", json("POST", {}, adminAnHai))).body;
    vi.setSystemTime(new Date(MONDAY_9AM.getTime() + 16 * 60 * 1000));
    expect((await zaloStaff("dev-admin-phone", code, "quantri.anhai")).status).toBe(401);
    vi.setSystemTime(MONDAY_9AM);
    const fresh = (await api("/api/staff/accounts/acc-quantri-anhai/link-code", json("POST", {}, adminAnHai))).body.code;
    expect((await zaloStaff("dev-officer-phone", fresh, "quantri.anhai")).status).toBe(409); // already an officer's identity

    expect((await api("/api/staff/accounts/acc-canbo-anhai/zalo", { method: "DELETE", headers: { authorization: `Bearer ${adminAnHai}` } })).status).toBe(200);
    expect((await zaloStaff("dev-officer-phone")).status).toBe(401);
  });

  it("validates input", async () => {
    expect((await api("/api/auth/zalo-staff", json("POST", { accessToken: "dev-x", linkCode: "12" }))).status).toBe(400);
    expect((await api("/api/auth/zalo-staff", json("POST", {}))).status).toBe(400);
    // A code needs the account it is for.
    expect((await api("/api/auth/zalo-staff", json("POST", { accessToken: "dev-x", linkCode: "12345678" }))).status).toBe(400);
    // Control characters in a token are bad input, not a Zalo failure.
    expect((await api("/api/auth/zalo-staff", json("POST", { accessToken: "dev-x\u0000\n" }))).status).toBe(400);
    expect((await api("/api/auth/zalo", json("POST", { accessToken: "abc\r\ndef" }))).status).toBe(400);
  });
});
