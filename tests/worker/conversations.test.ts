// Auth and conversations, with the authorization matrix: citizens see only their own threads,
// officers only their ward's, logged-out callers nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, get, json, login, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, citizenB: string, officerAnHai: string, adminAnHai: string, officerThienHuong: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, citizenB, officerAnHai, adminAnHai, officerThienHuong } = await seedDemo());
});

describe("auth", () => {
  it("issues tokens for dev citizens and demo staff", () => {
    for (const t of [citizenA, citizenB, officerAnHai, adminAnHai, officerThienHuong]) expect(t).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it("rejects wrong passwords and locks after repeated failures", async () => {
    const wrong = await login("canbo.thienhuong", "sai-mat-khau");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    expect((await login("khong.ton.tai")).status).toBe(401);
    for (let i = 0; i < 4; i++) await login("canbo.thienhuong", "sai");
    const locked = await login("canbo.thienhuong");
    expect(locked.status).toBe(429);
    // Reset the lock for the other tests.
    await env.DB.prepare("UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL").run();
  });

  it("rejects forged tokens and bad bodies", async () => {
    const forged = `${citizenA.split(".")[0]}.AAAA`;
    expect((await api("/api/conversations", get(forged))).status).toBe(401);
    expect((await api("/api/auth/zalo", json("POST", {}))).status).toBe(400);
    expect((await api("/api/auth/login", json("POST", { username: "" }))).status).toBe(400);
  });
});

describe("conversations", () => {
  let convId: string;

  it("a citizen opens a thread from a bot answer; it is auto-assigned to the field's on-duty officer", async () => {
    const res = await api(
      "/api/conversations",
      json(
        "POST",
        {
          wardCode: "11617",
          procedureCode: "1.001193",
          text: "Con tôi sinh ở nhà, không có giấy chứng sinh thì sao ạ?",
          clientMessageId: "c1",
          context: { question: "khai sinh không có giấy chứng sinh", matches: [{ code: "1.001193", name: "Thủ tục đăng ký khai sinh" }] },
        },
        citizenA,
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body.conversation).toMatchObject({ field: "Hộ tịch", status: "open", assignedOfficerId: "demo-11617-1" });
    convId = res.body.conversation.id;
    // Sending the same client message id again creates nothing new.
    const again = await api("/api/conversations", json("POST", { wardCode: "11617", text: "x", clientMessageId: "c1" }, citizenA));
    expect(again.status).toBe(200);
    expect(again.body.conversation.id).toBe(convId);
  });

  it("the officer sees it, replies, writes a note; the citizen sees the reply but not the note", async () => {
    const list = await api("/api/conversations?view=mine", get(officerAnHai));
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(convId);
    const reply = await api(`/api/conversations/${convId}/messages`, json("POST", { text: "<b>Bạn</b> mang giấy cam đoan nhé.", clientMessageId: "o1" }, officerAnHai));
    expect(reply.status).toBe(201);
    await api(`/api/conversations/${convId}/messages`, json("POST", { text: "<b>Bạn</b> mang giấy cam đoan nhé.", clientMessageId: "o1" }, officerAnHai));
    expect((await api(`/api/conversations/${convId}/notes`, json("POST", { text: "Đã gọi điện" }, officerAnHai))).status).toBe(201);
    const citizenView = await api(`/api/conversations/${convId}`, get(citizenA));
    expect(citizenView.body.conversation.status).toBe("pending");
    expect(citizenView.body.conversation.firstResponseAt).toEqual(expect.any(Number));
    const texts = citizenView.body.messages.map((m: { text: string }) => m.text);
    expect(texts).toEqual(["Con tôi sinh ở nhà, không có giấy chứng sinh thì sao ạ?", "<b>Bạn</b> mang giấy cam đoan nhé."]);
    const staffView = await api(`/api/conversations/${convId}`, get(adminAnHai));
    expect(staffView.body.messages.some((m: { kind: string }) => m.kind === "note")).toBe(true);
  });

  it("resolves, then the citizen rates", async () => {
    expect((await api(`/api/conversations/${convId}/rating`, json("POST", { rating: 5 }, citizenA))).status).toBe(409);
    expect((await api(`/api/conversations/${convId}/resolve`, json("POST", {}, officerAnHai))).status).toBe(200);
    expect((await api(`/api/conversations/${convId}/rating`, json("POST", { rating: 5, comment: "Cảm ơn" }, citizenA))).status).toBe(200);
    expect((await api(`/api/conversations/${convId}/rating`, json("POST", { rating: 9 }, citizenA))).status).toBe(400);
    const view = await api(`/api/conversations/${convId}`, get(citizenA));
    expect(view.body.conversation).toMatchObject({ status: "resolved", rating: 5, ratingComment: "Cảm ơn" });
  });

  it("authorization matrix: others get 404 or 403, logged-out callers 401", async () => {
    const path = `/api/conversations/${convId}`;
    expect((await api(path, get())).status).toBe(401);
    expect((await api(path, get(citizenB))).status).toBe(404);
    expect((await api(path, get(officerThienHuong))).status).toBe(404);
    expect((await api(`${path}/messages`, json("POST", { text: "xin chào" }, citizenB))).status).toBe(404);
    expect((await api(`${path}/messages`, json("POST", { text: "xin chào" }, officerThienHuong))).status).toBe(404);
    expect((await api(`${path}/notes`, json("POST", { text: "ghi chú" }, citizenA))).status).toBe(403);
    expect((await api(`${path}/resolve`, json("POST", {}, citizenA))).status).toBe(403);
    expect((await api(`${path}/assign`, json("POST", { officerId: "demo-11617-3" }, citizenA))).status).toBe(403);
    expect((await api(`${path}/assign`, json("POST", { officerId: "demo-11557-1" }, adminAnHai))).status).toBe(400);
    expect((await api(`${path}/assign`, json("POST", { officerId: "demo-11617-3" }, adminAnHai))).status).toBe(200);
    expect((await api(`${path}/rating`, json("POST", { rating: 1 }, officerAnHai))).status).toBe(403);
    expect((await api("/api/conversations", json("POST", { wardCode: "11617", text: "x" }, officerAnHai))).status).toBe(403);
    expect((await api("/api/conversations", json("POST", { wardCode: "11617", text: "x" }))).status).toBe(401);
    const otherWard = await api("/api/conversations", get(officerThienHuong));
    expect(otherWard.body.items.map((c: { id: string }) => c.id)).not.toContain(convId);
    const ownOnly = await api("/api/conversations", get(citizenB));
    expect(ownOnly.body.items).toEqual([]);
  });

  it("validates input", async () => {
    expect((await api("/api/conversations", json("POST", { wardCode: "11617", text: "" }, citizenA))).status).toBe(400);
    expect((await api("/api/conversations", json("POST", { wardCode: "11617", text: "x".repeat(2001) }, citizenA))).status).toBe(400);
    expect((await api("/api/conversations", json("POST", { wardCode: "99999", text: "alo" }, citizenA))).status).toBe(404);
    expect((await api("/api/conversations", json("POST", { wardCode: "11617", procedureCode: "9.999999", text: "alo" }, citizenA))).status).toBe(400);
    expect((await api("/api/conversations/..%2F", get(citizenA))).status).toBeLessThan(500);
  });
});
