// The officers' inbox around a conversation: unread counts both sides, out-of-hours replies,
// search and paging, canned replies from the catalog, call-back with consent, live delivery.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import app from "../../worker/src/app";
import { api, get, json, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, citizenB: string, officerAnHai: string, officerThienHuong: string;
const at = (localIso: string) => new Date(`${localIso}+07:00`);

async function open(token: string, text: string, extra: Record<string, unknown> = {}) {
  const res = await api("/api/conversations", json("POST", { wardCode: "11617", text, ...extra }, token));
  expect(res.status).toBe(201);
  return res.body.conversation as { id: string; unread: number };
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, citizenB, officerAnHai, officerThienHuong } = await seedDemo());
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.setSystemTime(MONDAY_9AM);
});

describe("unread counts", () => {
  it("count the other side's messages until that side opens the thread", async () => {
    const conv = await open(citizenA, "Cho tôi hỏi về chứng thực bản sao", { field: "Chứng thực" });
    const inbox = await api("/api/conversations?view=all", get(officerAnHai));
    expect(inbox.body.items.find((c: { id: string }) => c.id === conv.id).unread).toBe(1);
    expect((await api("/api/conversations/summary", get(officerAnHai))).body.unreadConversations).toBeGreaterThanOrEqual(1);

    await api(`/api/conversations/${conv.id}`, get(officerAnHai)); // officer reads
    await api(`/api/conversations/${conv.id}/messages`, json("POST", { text: "Dạ, bác mang bản chính nhé." }, officerAnHai));
    await api(`/api/conversations/${conv.id}/messages`, json("POST", { text: "Và căn cước ạ." }, officerAnHai));
    const after = await api("/api/conversations?view=all", get(officerAnHai));
    expect(after.body.items.find((c: { id: string }) => c.id === conv.id).unread).toBe(0);

    const citizenSummary = await api("/api/conversations/summary", get(citizenA));
    expect(citizenSummary.body).toEqual({ unreadConversations: 1, unreadMessages: 2 });
    expect((await api("/api/conversations/summary", get(citizenB))).body).toEqual({ unreadConversations: 0, unreadMessages: 0 });
    await api(`/api/conversations/${conv.id}`, get(citizenA)); // citizen reads
    expect((await api("/api/conversations/summary", get(citizenA))).body.unreadMessages).toBe(0);
    // Notes do not count for the citizen.
    await api(`/api/conversations/${conv.id}/notes`, json("POST", { text: "Đã gọi điện" }, officerAnHai));
    expect((await api("/api/conversations/summary", get(citizenA))).body.unreadMessages).toBe(0);
  });
});

describe("out-of-hours reply", () => {
  it("answers once per closed period with the next opening time, and not during hours", async () => {
    vi.setSystemTime(at("2026-11-23T20:00:00")); // Monday evening
    const conv = await open(citizenB, "Tối nay tôi hỏi được không?");
    let thread = await api(`/api/conversations/${conv.id}`, get(citizenB));
    const system = thread.body.messages.filter((m: { authorRole: string }) => m.authorRole === "system");
    expect(system).toHaveLength(1);
    expect(system[0].text).toContain("7:30 sáng Thứ Ba, 24/11");

    vi.setSystemTime(at("2026-11-23T21:00:00"));
    await api(`/api/conversations/${conv.id}/messages`, json("POST", { text: "Còn ai không ạ?" }, citizenB));
    thread = await api(`/api/conversations/${conv.id}`, get(citizenB));
    expect(thread.body.messages.filter((m: { authorRole: string }) => m.authorRole === "system")).toHaveLength(1);

    vi.setSystemTime(at("2026-11-24T09:00:00")); // open; yesterday's session has expired
    const again = (await api("/api/auth/zalo", json("POST", { accessToken: "dev-citizen-b" }))).body.token;
    await api(`/api/conversations/${conv.id}/messages`, json("POST", { text: "Sáng rồi ạ" }, again));
    vi.setSystemTime(at("2026-11-24T12:00:00")); // lunch break: a new closed period
    await api(`/api/conversations/${conv.id}/messages`, json("POST", { text: "Trưa có ai không" }, again));
    thread = await api(`/api/conversations/${conv.id}`, get(again));
    const replies = thread.body.messages.filter((m: { authorRole: string }) => m.authorRole === "system");
    expect(replies).toHaveLength(2);
    expect(replies[1].text).toContain("13:30 chiều Thứ Ba, 24/11");
    // The automatic reply is not the officer's first response.
    expect(thread.body.conversation.firstResponseAt).toBeNull();
  });
});

describe("inbox search and paging", () => {
  it("finds threads with or without diacritics, escapes LIKE wildcards, and pages by time", async () => {
    await open(citizenA, "Xin hỏi thủ tục đăng ký kết hôn ở phường");
    const accented = await api(`/api/conversations?q=${encodeURIComponent("kết hôn")}`, get(officerAnHai));
    const plain = await api("/api/conversations?q=ket%20hon", get(officerAnHai));
    expect(accented.body.items.map((c: { subject: string }) => c.subject)).toEqual(["Xin hỏi thủ tục đăng ký kết hôn ở phường"]);
    expect(plain.body.items).toHaveLength(1);
    expect((await api("/api/conversations?q=%25", get(officerAnHai))).body.items).toHaveLength(0);
    // Another ward's officer never finds it.
    expect((await api("/api/conversations?q=ket%20hon", get(officerThienHuong))).body.items).toHaveLength(0);

    const page1 = await api("/api/conversations?limit=2", get(officerAnHai));
    expect(page1.body.items).toHaveLength(2);
    const page2 = await api(`/api/conversations?limit=2&before=${page1.body.nextBefore}`, get(officerAnHai));
    const ids = [...page1.body.items, ...page2.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("canned replies", () => {
  it("offer the official summary of the thread's procedure, and of what the officer searches", async () => {
    const conv = await open(citizenA, "Giấy khai sinh cho cháu cần gì ạ?", { procedureCode: "1.001193" });
    const canned = await api(`/api/conversations/${conv.id}/canned`, get(officerAnHai));
    expect(canned.status).toBe(200);
    const first = canned.body.items[0];
    expect(first.code).toBe("1.001193");
    expect(first.text).toContain("Giấy tờ cần chuẩn bị");
    expect(first.text).toContain("Nguồn: Cổng Dịch vụ công quốc gia");
    // An officer's search adds procedures; every reply fits one message.
    const searched = await api(`/api/conversations/${conv.id}/canned?q=${encodeURIComponent("chứng thực bản sao")}`, get(officerAnHai));
    expect(searched.body.items.length).toBeGreaterThan(1);
    for (const item of searched.body.items) expect(item.text.length).toBeLessThanOrEqual(2000);
    // Citizens and other wards cannot use it.
    expect((await api(`/api/conversations/${conv.id}/canned`, get(citizenA))).status).toBe(403);
    expect((await api(`/api/conversations/${conv.id}/canned`, get(officerThienHuong))).status).toBe(404);
  });
});

describe("call-back with consent", () => {
  const graphEnv = { ...env, ZALO_GRAPH_URL: "https://graph.fake.test", ZALO_APP_SECRET: "app-secret-xyz", ENVIRONMENT: "production" };
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const callback = (id: string, body: unknown, token: string) =>
    app.request(`/api/conversations/${id}/callback`, json("POST", body, token), graphEnv, ctx);

  it("exchanges the phone token server-side with the app secret; staff see the number until resolved", async () => {
    const conv = await open(citizenA, "Nhờ cán bộ gọi lại giúp tôi");
    const seen: Record<string, string | null>[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      const h = new Headers(init?.headers);
      seen.push({ url: url.href, access_token: h.get("access_token"), code: h.get("code"), secret_key: h.get("secret_key") });
      if (url.href !== "https://graph.fake.test/v2.0/me/info") return new Response("not found", { status: 404 });
      if (h.get("secret_key") !== "app-secret-xyz" || h.get("code") !== "phone-token-1") return Response.json({ error: -201, message: "invalid" });
      return Response.json({ data: { number: "84912345678" }, error: 0, message: "Success" });
    });
    // No consent, no call.
    expect((await callback(conv.id, { accessToken: "zalo-at", phoneToken: "phone-token-1" }, citizenA)).status).toBe(400);
    expect(seen).toHaveLength(0);
    // Another citizen cannot attach a number to this thread.
    expect((await callback(conv.id, { consent: true, accessToken: "zalo-at", phoneToken: "phone-token-1" }, citizenB)).status).toBe(404);
    const bad = await callback(conv.id, { consent: true, accessToken: "zalo-at", phoneToken: "wrong" }, citizenA);
    expect(bad.status).toBe(400);
    const ok = await callback(conv.id, { consent: true, accessToken: "zalo-at", phoneToken: "phone-token-1" }, citizenA);
    expect(ok.status).toBe(200);
    expect(seen.at(-1)).toEqual({ url: "https://graph.fake.test/v2.0/me/info", access_token: "zalo-at", code: "phone-token-1", secret_key: "app-secret-xyz" });

    const staffView = await api(`/api/conversations/${conv.id}`, get(officerAnHai));
    expect(staffView.body.conversation).toMatchObject({ callbackRequested: true, callbackPhone: "0912345678" });
    const citizenView = await api(`/api/conversations/${conv.id}`, get(citizenA));
    expect(citizenView.body.conversation).toMatchObject({ callbackRequested: true, callbackPhone: null });
    // The secret never appears in a response.
    expect(JSON.stringify(staffView.body)).not.toContain("app-secret-xyz");

    await api(`/api/conversations/${conv.id}/resolve`, json("POST", {}, officerAnHai));
    expect((await api(`/api/conversations/${conv.id}`, get(officerAnHai))).body.conversation.callbackPhone).toBeNull();
  });

  it("is unavailable without an app secret, and withdrawing consent erases the number", async () => {
    const conv = await open(citizenA, "Gọi lại giúp tôi");
    const noSecret = await app.request(
      `/api/conversations/${conv.id}/callback`,
      json("POST", { consent: true, accessToken: "a", phoneToken: "b" }, citizenA),
      { ...graphEnv, ZALO_APP_SECRET: undefined },
      ctx,
    );
    expect(noSecret.status).toBe(503);
    // Development accepts dev-<number> tokens for the browser preview.
    expect((await api(`/api/conversations/${conv.id}/callback`, json("POST", { consent: true, accessToken: "dev", phoneToken: "dev-0900000123" }, citizenA))).status).toBe(200);
    expect((await api(`/api/conversations/${conv.id}`, get(officerAnHai))).body.conversation.callbackPhone).toBe("0900000123");
    expect((await api(`/api/conversations/${conv.id}/callback`, { method: "DELETE", headers: { authorization: `Bearer ${citizenA}` } })).status).toBe(200);
    expect((await api(`/api/conversations/${conv.id}`, get(officerAnHai))).body.conversation).toMatchObject({ callbackRequested: false, callbackPhone: null });
  });
});

describe("live delivery", () => {
  async function connect(token: string, wardCode?: string) {
    const ticket = await api("/api/live/ticket", json("POST", wardCode ? { wardCode } : {}, token));
    expect(ticket.status).toBe(200);
    const { exports } = await import("cloudflare:workers");
    const res = await (exports as unknown as { default: Fetcher }).default.fetch(`http://test/api/live?ticket=${encodeURIComponent(ticket.body.ticket)}`, {
      headers: { upgrade: "websocket" },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const events: { type: string; conversationId: string }[] = [];
    ws.addEventListener("message", (e) => events.push(JSON.parse(e.data as string)));
    return { ws, events, ticket: ticket.body.ticket as string };
  }
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    return check();
  };

  it("pushes 'conversation changed' to the ward's officers and to that citizen only", async () => {
    const officer = await connect(officerAnHai);
    const other = await connect(officerThienHuong);
    const owner = await connect(citizenA, "11617");
    const stranger = await connect(citizenB, "11617");
    const conv = await open(citizenA, "Hỏi về đăng ký thường trú");
    expect(await until(() => officer.events.some((e) => e.conversationId === conv.id))).toBe(true);
    await api(`/api/conversations/${conv.id}/messages`, json("POST", { text: "Dạ bác mang căn cước nhé." }, officerAnHai));
    // The owner hears of the new thread and then of the reply.
    expect(await until(() => owner.events.filter((e) => e.conversationId === conv.id).length === 2)).toBe(true);
    // Events carry no message content.
    expect(Object.keys(owner.events[0]).sort()).toEqual(["conversationId", "type"]);
    const ownerCount = owner.events.length;
    await api(`/api/conversations/${conv.id}/notes`, json("POST", { text: "ghi chú nội bộ" }, officerAnHai));
    expect(await until(() => officer.events.length >= 3)).toBe(true);
    expect(owner.events.length).toBe(ownerCount); // notes are staff-only
    expect(stranger.events).toHaveLength(0);
    expect(other.events).toHaveLength(0);
    for (const s of [officer, other, owner, stranger]) s.ws.close();
  });

  it("tickets only open sockets; they are not sessions, and sessions are not tickets", async () => {
    const { ticket, ws } = await connect(officerAnHai);
    ws.close();
    expect((await api("/api/conversations", get(ticket))).status).toBe(401);
    const { exports } = await import("cloudflare:workers");
    const withSession = await (exports as unknown as { default: Fetcher }).default.fetch(`http://test/api/live?ticket=${encodeURIComponent(officerAnHai)}`, {
      headers: { upgrade: "websocket" },
    });
    expect(withSession.status).toBe(401);
    expect((await api("/api/live/ticket", json("POST", {}))).status).toBe(401);
    expect((await api("/api/live/ticket", json("POST", {}, citizenA))).status).toBe(400); // citizens name the ward
    expect((await api(`/api/live?ticket=${encodeURIComponent(ticket)}`)).status).toBe(426);
  });
});
