// Personal data (Law 91/2025): retention with a fake clock, the citizen's view/export/erase,
// the staff access log, call-back consent erased with the number, opt-in question logs.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "../../worker/src/db/client";
import { resetSessionCache } from "../../worker/src/platform/auth";
import { redactNumbers } from "../../worker/src/privacy/redact";
import { ANONYMIZED, monthsBefore, runRetention } from "../../worker/src/privacy/retention";
import { api, get, json, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, citizenB: string, officerAnHai: string, adminAnHai: string, officerThienHuong: string;
const db = () => createDb(env.DB);
const row = (sql: string, ...binds: unknown[]) => env.DB.prepare(sql).bind(...binds).first<Record<string, unknown>>();
const count = async (sql: string, ...binds: unknown[]) => Number((await row(sql, ...binds))!.n);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, citizenB, officerAnHai, adminAnHai, officerThienHuong } = await seedDemo());
});

const open = async (token: string, text: string, ward = "11617") =>
  (await api("/api/conversations", json("POST", { wardCode: ward, procedureCode: "1.001193", text }, token))).body.conversation as { id: string };

describe("retention job (Cron Trigger)", () => {
  it("anonymizes what is older than the ward's period, resolved threads first, and keeps statistics", async () => {
    const old = await open(citizenA, "Tôi hỏi về khai sinh, số tôi 0912345678");
    await api(`/api/conversations/${old.id}/messages`, json("POST", { text: "Dạ bạn mang giấy chứng sinh" }, officerAnHai));
    await api(`/api/conversations/${old.id}/resolve`, json("POST", {}, officerAnHai));
    await api(`/api/conversations/${old.id}/rating`, json("POST", { rating: 5, comment: "Cảm ơn chị Lan" }, citizenA));
    const openOld = await open(citizenA, "Một câu hỏi bỏ dở");
    const recent = await open(citizenB, "Câu hỏi tuần này");
    // Thirteen months pass for the first two; the third is touched a week before the run.
    const later = new Date(MONDAY_9AM);
    later.setUTCMonth(later.getUTCMonth() + 13);
    await env.DB.prepare("UPDATE conversations SET updated_at = ? WHERE id = ?").bind(later.getTime() - 7 * 86_400_000, recent.id).run();

    const report = await runRetention(db(), later.getTime());
    expect(report.conversations).toBe(2);
    const anon = await row("SELECT citizen_id, subject, search_text, context, rating, rating_comment, callback_phone, status, field FROM conversations WHERE id = ?", old.id);
    expect(anon).toEqual({ citizen_id: ANONYMIZED, subject: "", search_text: "", context: null, rating: 5, rating_comment: null, callback_phone: null, status: "resolved", field: "Hộ tịch" });
    expect(await count("SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?", old.id)).toBe(0);
    expect((await row("SELECT citizen_id FROM conversations WHERE id = ?", openOld.id))!.citizen_id).toBe(ANONYMIZED);
    expect((await row("SELECT citizen_id FROM conversations WHERE id = ?", recent.id))!.citizen_id).toBe("dev:citizen-b");
    // Running again changes nothing.
    expect((await runRetention(db(), later.getTime())).conversations).toBe(0);
  });

  it("honours a ward's own period and the 90 days of question logs", async () => {
    expect((await api("/api/staff/privacy-settings", json("PUT", { retentionMonths: 3, improveAssistant: true }, adminAnHai))).status).toBe(200);
    const conv = await open(citizenB, "Hỏi về chứng thực");
    const other = await open(citizenB, "Hỏi ở Thiên Hương", "11557");
    await api("/api/ask", json("POST", { question: "khai sinh cho con, sđt 0912 345 678", wardCode: "11617" }));
    await new Promise((r) => setTimeout(r, 20));
    const fourMonths = monthsBefore(MONDAY_9AM.getTime(), -4);
    const report = await runRetention(db(), fourMonths);
    expect((await row("SELECT citizen_id FROM conversations WHERE id = ?", conv.id))!.citizen_id).toBe(ANONYMIZED);
    // Thiên Hương keeps the default 12 months.
    expect((await row("SELECT citizen_id FROM conversations WHERE id = ?", other.id))!.citizen_id).toBe("dev:citizen-b");
    expect(report.askLogs).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM ask_logs")).toBe(0);
    await api("/api/staff/privacy-settings", json("PUT", { retentionMonths: 12, improveAssistant: false }, adminAnHai));
  });

  it("is wired as the worker's scheduled handler", async () => {
    const worker = (await import("../../worker/src/index")).default;
    const waits: Promise<unknown>[] = [];
    await worker.scheduled!({ scheduledTime: Date.now(), cron: "0 19 * * *", noRetry() {} } as ScheduledController, env, { waitUntil: (p: Promise<unknown>) => waits.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext);
    expect(waits).toHaveLength(1);
    await Promise.all(waits);
  });
});

describe("Dữ liệu của tôi", () => {
  it("a citizen sees and exports what is stored about them, never others' data or internal notes", async () => {
    const conv = await open(citizenA, "Xin hỏi đăng ký khai sinh cho con");
    await api(`/api/conversations/${conv.id}/notes`, json("POST", { text: "Ghi chú nội bộ" }, officerAnHai));
    await api(`/api/conversations/${conv.id}/callback`, json("POST", { consent: true, accessToken: "dev", phoneToken: "dev-0900000123" }, citizenA));
    const mine = await api("/api/me/data", get(citizenA));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("no-store");
    const thread = mine.body.conversations.find((c: { id: string }) => c.id === conv.id);
    expect(thread.messages.map((m: { text: string }) => m.text)).toEqual(["Xin hỏi đăng ký khai sinh cho con"]);
    expect(thread.callback.phone).toBe("0900000123");
    expect(JSON.stringify(mine.body)).not.toContain("Ghi chú nội bộ");
    expect(JSON.stringify(mine.body)).not.toContain("citizen-b");
    const exported = await api("/api/me/data/export", get(citizenA));
    expect(exported.headers.get("content-disposition")).toContain("attachment");
    expect(exported.body.conversations.length).toBe(mine.body.conversations.length);
    expect((await api("/api/me/data", get(officerAnHai))).status).toBe(403);
    expect((await api("/api/me/data")).status).toBe(401);
  });

  it("erasing anonymizes their conversations, deletes their messages and phone, and ends their sessions", async () => {
    const before = await count("SELECT COUNT(*) AS n FROM conversations WHERE citizen_id = 'dev:citizen-a'");
    expect(before).toBeGreaterThan(0);
    const res = await api("/api/me/data", { method: "DELETE", headers: { authorization: `Bearer ${citizenA}` } });
    expect(res.status).toBe(200);
    expect(res.body.conversations).toBe(before);
    expect(await count("SELECT COUNT(*) AS n FROM conversations WHERE citizen_id = 'dev:citizen-a'")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM messages WHERE author_id = 'dev:citizen-a'")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM conversations WHERE callback_phone = '0900000123'")).toBe(0);
    resetSessionCache();
    expect((await api("/api/me/data", get(citizenA))).status).toBe(401);
    // Signing in again starts afresh.
    citizenA = (await api("/api/auth/zalo", json("POST", { accessToken: "dev-citizen-a" }))).body.token;
    expect((await api("/api/me/data", get(citizenA))).body.conversations).toEqual([]);
  });
});

describe("call-back consent", () => {
  it("resolving erases the number and its consent time", async () => {
    const conv = await open(citizenB, "Gọi lại giúp tôi");
    await api(`/api/conversations/${conv.id}/callback`, json("POST", { consent: true, accessToken: "dev", phoneToken: "dev-0900000456" }, citizenB));
    await api(`/api/conversations/${conv.id}/resolve`, json("POST", {}, officerAnHai));
    expect(await row("SELECT callback_phone AS p, callback_consent_at AS t FROM conversations WHERE id = ?", conv.id)).toEqual({ p: null, t: null });
    expect((await api(`/api/conversations/${conv.id}`, get(citizenB))).body.conversation.callbackRequested).toBe(false);
  });
});

describe("staff access log", () => {
  it("records who opened which conversation; only the ward admin reads it", async () => {
    const conv = await open(citizenB, "Hỏi về kết hôn");
    await api(`/api/conversations/${conv.id}`, get(officerAnHai));
    await api(`/api/conversations/${conv.id}`, get(citizenB)); // citizens are not logged
    const log = await api(`/api/staff/access-log?conversationId=${conv.id}`, get(adminAnHai));
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ username: "canbo.anhai", conversationId: conv.id, action: "read" });
    expect((await api("/api/staff/access-log", get(officerAnHai))).status).toBe(403);
    expect((await api("/api/staff/access-log", get(citizenB))).status).toBe(403);
    // Another ward's admin view never shows this ward's reads (officers of Thiên Hương cannot open it at all).
    expect((await api(`/api/conversations/${conv.id}`, get(officerThienHuong))).status).toBe(404);
  });
});

describe("question logs (“cải thiện trợ lý”)", () => {
  it("are kept only when the ward opts in, with digit runs redacted", async () => {
    await api("/api/ask", json("POST", { question: "khai sinh cần gì, số tôi 0912345678", wardCode: "11617" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(await count("SELECT COUNT(*) AS n FROM ask_logs")).toBe(0);
    await api("/api/staff/privacy-settings", json("PUT", { retentionMonths: 12, improveAssistant: true }, adminAnHai));
    await api("/api/ask", json("POST", { question: "khai sinh cần gì, số tôi 0912345678, CCCD 001203004567", wardCode: "11617" }));
    await api("/api/ask", json("POST", { question: "kết hôn", wardCode: "11557" }));
    await new Promise((r) => setTimeout(r, 20));
    const logs = await api("/api/staff/question-log", get(adminAnHai));
    expect(logs.body.items).toHaveLength(1);
    expect(logs.body.items[0].question).toBe("khai sinh cần gì, số tôi [số đã ẩn], CCCD [số đã ẩn]");
    expect(await count("SELECT COUNT(*) AS n FROM ask_logs WHERE ward_code = '11557'")).toBe(0);
  });

  it("redaction covers 9–12-digit runs, grouped or not, and leaves short numbers", () => {
    expect(redactNumbers("gọi 0912 345 678 hoặc 0912.345.678 hay +84912345678")).toBe("gọi [số đã ẩn] hoặc [số đã ẩn] hay [số đã ẩn]");
    expect(redactNumbers("CMND 123456789, phí 50000 đồng, năm 2025")).toBe("CMND [số đã ẩn], phí 50000 đồng, năm 2025");
  });
});
