// Fault injection: a D1 double that fails or hangs. Every route answers 503 with Retry-After
// (never 500, never a hang), and multi-row writes are all-or-nothing (db.batch).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { resetIndexCache } from "../../worker/src/ask/index-cache";
import { resetRecordCache } from "../../worker/src/ask/record-cache";
import { resetSessionCache } from "../../worker/src/platform/auth";
import { apiWith, d1Double } from "./d1-double";
import { get, json, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, officerAnHai: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, officerAnHai } = await seedDemo());
});

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;
const d1Error = () => {
  throw new Error("D1_ERROR: Network connection lost.");
};

describe("D1 errors", () => {
  const failing = d1Double({ fail: d1Error });
  const cases: [string, RequestInit | undefined][] = [
    ["/api/health", undefined],
    ["/api/wards?q=an%20hai", undefined],
    ["/api/procedures?limit=5", undefined],
    ["/api/procedures/1.001193", undefined],
    ["/api/conversations", get(citizenA ?? "")],
  ];

  it("every read answers 503 with Retry-After and the error shape", async () => {
    resetRecordCache();
    for (const [path] of cases) {
      const res = await apiWith(failing, path, path === "/api/conversations" ? get(citizenA) : undefined);
      expect(res.status, path).toBe(503);
      expect(res.body.error.code, path).toBe("unavailable");
      expect(Number(res.headers.get("retry-after")), path).toBeGreaterThan(0);
    }
  });

  it("asking with no index loadable answers 503, and the next request recovers", async () => {
    resetIndexCache();
    const down = await apiWith(failing, "/api/ask", json("POST", { question: "đăng ký khai sinh" }));
    expect(down.status).toBe(503);
    const up = await apiWith(env.DB, "/api/ask", json("POST", { question: "đăng ký khai sinh" }));
    expect(up.status).toBe(200);
  });

  it("the log names the cause, never the values", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args.join(" ")));
    const conv = await apiWith(env.DB, "/api/conversations", json("POST", { wardCode: "11617", text: "Số tôi là 0912345678, CCCD 001203004567" }, citizenA));
    const failingWrites = d1Double({ fail: (sql) => (/insert|update/i.test(sql) ? d1Error() : undefined) });
    resetSessionCache();
    const res = await apiWith(failingWrites, `/api/conversations/${conv.body.conversation.id}/messages`, json("POST", { text: "Gọi tôi: 0912345678" }, citizenA));
    spy.mockRestore();
    expect(res.status).toBe(503);
    expect(logged.join("\n")).toContain("Network connection lost");
    expect(logged.join("\n")).not.toContain("0912345678");
  });
});

describe("D1 timeouts", () => {
  it("a call that never answers becomes 503 after D1_TIMEOUT_MS", async () => {
    const hanging = d1Double({ hang: () => true });
    resetSessionCache();
    resetRecordCache();
    const t0 = performance.now();
    const res = await apiWith(hanging, "/api/procedures/1.001193", undefined, { D1_TIMEOUT_MS: "50" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("no partial writes", () => {
  it("a conversation whose batch fails leaves nothing behind: no thread without its message", async () => {
    const before = await count("SELECT COUNT(*) AS n FROM conversations");
    const beforeMessages = await count("SELECT COUNT(*) AS n FROM messages");
    // The batch is sent, but D1 fails it half-way (the second statement).
    const real = env.DB;
    const halfway = {
      ...d1Double({}),
      prepare: (sql: string) => real.prepare(sql),
      batch: async (stmts: D1PreparedStatement[]) => {
        // D1 runs a batch as one transaction: a failing statement rolls the first back.
        return real.batch([...stmts.slice(0, 1), real.prepare("SELECT * FROM no_such_table")]);
      },
    } as unknown as D1Database;
    const res = await apiWith(halfway, "/api/conversations", json("POST", { wardCode: "11617", text: "Xin hỏi về tạm trú", clientMessageId: "half-1" }, citizenA));
    expect(res.status).toBe(503);
    expect(await count("SELECT COUNT(*) AS n FROM conversations")).toBe(before);
    expect(await count("SELECT COUNT(*) AS n FROM messages")).toBe(beforeMessages);
    // The retry with the same id then succeeds once.
    const retry = await apiWith(env.DB, "/api/conversations", json("POST", { wardCode: "11617", text: "Xin hỏi về tạm trú", clientMessageId: "half-1" }, citizenA));
    expect(retry.status).toBe(201);
  });

  it("an officer reply whose batch fails changes neither the thread's counters nor its messages", async () => {
    const conv = (await apiWith(env.DB, "/api/conversations", json("POST", { wardCode: "11617", procedureCode: "1.001193", text: "Khai sinh cần gì?" }, citizenA))).body.conversation;
    const snapshot = await env.DB.prepare("SELECT status, unread_by_citizen, first_response_at FROM conversations WHERE id = ?").bind(conv.id).first();
    const failBatch = d1Double({ fail: (_sql, kind) => (kind === "batch" ? d1Error() : undefined) });
    const res = await apiWith(failBatch, `/api/conversations/${conv.id}/messages`, json("POST", { text: "Bạn mang giấy chứng sinh nhé" }, officerAnHai));
    expect(res.status).toBe(503);
    expect(await env.DB.prepare("SELECT status, unread_by_citizen, first_response_at FROM conversations WHERE id = ?").bind(conv.id).first()).toEqual(snapshot);
    expect(await count(`SELECT COUNT(*) AS n FROM messages WHERE conversation_id = '${conv.id}'`)).toBe(1);
  });
});
