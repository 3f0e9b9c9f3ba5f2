// Regression tests for the bugs found when the API was probed as an attacker and as a flaky
// network would (issue 13). Each failed on the code before the fix.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { apiWith, d1Double, jitter } from "./d1-double";
import { api, get, json, login, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, adminAnHai: string, officerAnHai: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, adminAnHai, officerAnHai } = await seedDemo());
});

describe("no 500 from realistic search input (D1: LIKE patterns ≤ 50 bytes, ≤ 100 parameters)", () => {
  it("GET /api/procedures?q= with a pasted procedure name", async () => {
    const q = "Thay đổi kỳ tính thuế giá trị gia tăng từ tháng sang quý";
    const res = await api(`/api/procedures?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.items)).toBe(true);
    const long = await api(`/api/procedures?q=${encodeURIComponent("Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi")}`);
    expect(long.status).toBe(200);
    expect(long.body.items[0]?.code).toBe("2.000986");
  });

  it("GET /api/conversations?q= with a 52-character query", async () => {
    const q = "thủ tục đăng ký khai sinh kết hợp đăng ký thường trú";
    expect(q.length).toBe(52);
    // LIKE limits bite only when a row is compared: the ward needs a conversation.
    await api("/api/conversations", json("POST", { wardCode: "11617", procedureCode: "1.001193", text: "Đăng ký khai sinh kết hợp thường trú được không?" }, citizenA));
    const res = await api(`/api/conversations?q=${encodeURIComponent(q)}`, get(officerAnHai));
    expect(res.status).toBe(200);
    const many = await api(`/api/conversations?q=${encodeURIComponent("a ".repeat(100))}`, get(officerAnHai));
    expect(many.status).toBe(200);
  });

  it("GET /api/wards?q= with 100 one-letter words", async () => {
    const res = await api(`/api/wards?q=${encodeURIComponent(Array.from({ length: 100 }, (_, i) => "abcdefghij"[i % 10]).join(" "))}`);
    expect(res.status).toBe(200);
    const long = await api(`/api/wards?q=${encodeURIComponent("x".repeat(200))}`);
    expect(long.status).toBe(200);
  });
});

describe("idempotent creates under parallel duplicates", () => {
  it("ten parallel message posts with one clientMessageId: one message, every answer 200/201", async () => {
    const conv = (await api("/api/conversations", json("POST", { wardCode: "11617", text: "Cho tôi hỏi về khai sinh" }, citizenA))).body.conversation;
    const slow = d1Double({ delay: jitter() });
    for (let round = 0; round < 5; round++) {
      const cmid = `dup-msg-${round}`;
      const results = await Promise.all(
        // Each D1 call waits a few ms, so the requests interleave as on a loaded server.
        Array.from({ length: 10 }, () => apiWith(slow, `/api/conversations/${conv.id}/messages`, json("POST", { text: "Mẹ tôi cần mang gì?", clientMessageId: cmid }, citizenA))),
      );
      expect(results.map((r) => r.status)).toEqual(expect.arrayContaining([201]));
      expect(results.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
      expect(new Set(results.map((r) => r.body.message.id)).size).toBe(1);
      const { results: rows } = await env.DB.prepare("SELECT COUNT(*) AS n FROM messages WHERE client_message_id = ?").bind(cmid).all<{ n: number }>();
      expect(rows[0].n).toBe(1);
    }
    // The staff's unread counter counts each message once.
    const { results: counters } = await env.DB.prepare("SELECT unread_by_staff AS n FROM conversations WHERE id = ?").bind(conv.id).all<{ n: number }>();
    expect(counters[0].n).toBe(6);
  });

  it("ten parallel conversation creations with one clientMessageId: one conversation", async () => {
    const slow = d1Double({ delay: jitter() });
    for (let round = 0; round < 5; round++) {
      const cmid = `dup-conv-${round}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => apiWith(slow, "/api/conversations", json("POST", { wardCode: "11617", text: "Xin hỏi thủ tục kết hôn", clientMessageId: cmid }, citizenA))),
      );
      expect(results.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(new Set(results.map((r) => r.body.conversation.id)).size).toBe(1);
      const { results: rows } = await env.DB.prepare("SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE client_message_id = ?").bind(cmid).all<{ n: number }>();
      expect(rows[0].n).toBe(1);
      const { results: msgs } = await env.DB.prepare("SELECT COUNT(*) AS n FROM messages WHERE client_message_id = ?").bind(cmid).all<{ n: number }>();
      expect(msgs[0].n).toBe(1);
    }
  });
});

describe("login under a burst of wrong passwords", () => {
  it("counts every failure atomically and refuses even the right password once the delay starts", async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api("/api/auth/login", { ...json("POST", { username: "canbo.thienhuong", password: `sai-${i}` }), headers: { "content-type": "application/json", "cf-connecting-ip": `198.51.100.${i}` } }),
      ),
    );
    // Exactly five were checked; the rest waited for the delay without a password check.
    expect(burst.filter((r) => r.status === 401)).toHaveLength(5);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(15);
    const { results } = await env.DB.prepare("SELECT failed_attempts AS n FROM staff_accounts WHERE username = 'canbo.thienhuong'").all<{ n: number }>();
    expect(results[0].n).toBe(5);
    const right = await login("canbo.thienhuong");
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("the delay grows and ends: after it the right password works and resets the counter", async () => {
    vi.setSystemTime(new Date(MONDAY_9AM.getTime() + 16 * 60 * 1000));
    const ok = await login("canbo.thienhuong");
    expect(ok.status).toBe(200);
    const { results } = await env.DB.prepare("SELECT failed_attempts AS n, locked_until AS u FROM staff_accounts WHERE username = 'canbo.thienhuong'").all<{ n: number; u: number | null }>();
    expect(results[0]).toEqual({ n: 0, u: null });
    vi.setSystemTime(MONDAY_9AM);
  });
});

describe("link codes cannot be guessed", () => {
  it("a code is tried against one account only and dies after five wrong tries", async () => {
    const { code } = (await api("/api/staff/accounts/acc-canbo-anhai/link-code", json("POST", {}, adminAnHai))).body;
    const wrong = (i: number) => String((Number(code) + 1 + i) % 100_000_000).padStart(8, "0");
    for (let i = 0; i < 5; i++) {
      const r = await api("/api/auth/zalo-staff", json("POST", { accessToken: `dev-guesser-${i}`, linkCode: wrong(i), username: "canbo.anhai" }));
      expect(r.status).toBe(401);
    }
    // The right code no longer works: the admin must issue a new one.
    const late = await api("/api/auth/zalo-staff", json("POST", { accessToken: "dev-real-officer", linkCode: code, username: "canbo.anhai" }));
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("invalid_link_code");
  });

  it("a code names its account: the right digits for another account do not match", async () => {
    const { code } = (await api("/api/staff/accounts/acc-canbo-anhai/link-code", json("POST", {}, adminAnHai))).body;
    const other = await api("/api/auth/zalo-staff", json("POST", { accessToken: "dev-someone", linkCode: code, username: "quantri.anhai" }));
    expect(other.status).toBe(401);
    const right = await api("/api/auth/zalo-staff", json("POST", { accessToken: "dev-real-officer", linkCode: code, username: "canbo.anhai" }));
    expect(right.status).toBe(200);
  });
});

describe("bounded parameters per statement", () => {
  it("a local procedure with the most documents, steps and bases the form allows saves (D1: ≤ 100 parameters a statement)", async () => {
    const body = {
      name: "Thủ tục thử nhiều giấy tờ",
      documents: Array.from({ length: 40 }, (_, i) => ({ name: `Giấy tờ số ${i + 1}`, kind: "both", quantity: 2, submit: "submit" })),
      fee: { kind: "amount", amount: 50000 },
      time: { value: 3, unit: "working_days" },
      online: true,
      steps: Array.from({ length: 30 }, (_, i) => `Bước ${i + 1}`),
      legalBases: Array.from({ length: 20 }, (_, i) => `Quyết định số ${i + 1}`),
    };
    const res = await api("/api/staff/local-procedures", json("POST", body, adminAnHai));
    expect(res.status).toBe(201);
    expect(res.body.documents).toHaveLength(40);
    expect(res.body.steps).toHaveLength(30);
    const edited = await api(`/api/staff/local-procedures/${res.body.code}`, json("PUT", { ...body, name: "Thủ tục thử nhiều giấy tờ (sửa)" }, adminAnHai));
    expect(edited.status).toBe(200);
    expect(edited.body.documents).toHaveLength(40);
  });
});
