// Officers' replies back to Zalo through the outbox: written with the message, sent once
// (Zalo's message_id kept), retried after a 5xx and after a timeout without sending twice,
// nothing lost when the worker dies between the write and the send, tokens refreshed on
// the way, and Zalo's window (8 free messages within 48 hours) enforced and shown.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/src/db/client";
import { conversations, zaloOaMessages, zaloOaUsers } from "../../worker/src/db/schema";
import { sweep } from "../../worker/src/zalo-oa/sweep";
import { api, get, seedDemo } from "./seed";
import { agent, calls, delivered, fake, officerReply, outbox, say, seedOa, testOa, waitFor } from "./zalo-helpers";

const oa = testOa("outbox");
const CS = "/v3.0/oa/message/cs";
let officer: string;

beforeAll(async () => {
  ({ officerAnHai: officer } = await seedDemo());
  await seedOa(oa);
});

/** A citizen who asked in Zalo chat and was handed to the inbox; returns the conversation id. */
async function handedOff(user: string): Promise<string> {
  await say(oa, user, "Đăng ký khai sinh cần giấy tờ gì?");
  await say(oa, user, "gặp cán bộ");
  const [conv] = await createDb(env.DB).select().from(conversations).where(eq(conversations.oaUserId, user));
  expect(conv.channel).toBe("zalo_oa");
  return conv.id;
}

const replyRow = async (user: string) => (await outbox(oa, user)).filter((r) => r.author === "officer");
const csCalls = async (user: string) => (await calls(oa, CS)).filter((c) => JSON.parse(c.body).recipient.user_id === user);

describe("delivery", () => {
  it("an officer's reply is delivered exactly once, with Zalo's message_id kept and the status shown", async () => {
    const convId = await handedOff("u-once");
    const before = (await delivered(oa, "u-once")).length;
    const res = await officerReply(officer, convId, "Dạ, bạn mang giấy chứng sinh và căn cước nhé.");
    expect(res.status).toBe(201);
    const got = await delivered(oa, "u-once");
    expect(got).toHaveLength(before + 1);
    expect(got.at(-1)!.text).toBe("Cán bộ trả lời:\nDạ, bạn mang giấy chứng sinh và căn cước nhé.");
    const [row] = await replyRow("u-once");
    expect(row).toMatchObject({ status: "sent", zaloMsgId: got.at(-1)!.messageId, inDoubt: false, attempts: 1 });
    // The documented call: method, path, headers, body shape (the fake refuses anything else).
    const [call] = (await csCalls("u-once")).slice(-1);
    expect(call).toMatchObject({ method: "POST", path: CS, outcome: "sent" });
    expect(call.headers["content-type"]).toMatch(/^application\/json/);
    expect(call.headers.access_token).toMatch(/^at\./);
    expect(JSON.parse(call.body)).toEqual({ recipient: { user_id: "u-once" }, message: { text: row.text } });
    // Waking the sender again (alarm, cron sweep) sends nothing more.
    await agent(oa.oaId).kick(oa.oaId);
    await sweep(env, Date.now() + 120_000);
    expect(await delivered(oa, "u-once")).toHaveLength(before + 1);
    const thread = await api(`/api/conversations/${convId}`, get(officer));
    const mine = thread.body.messages.find((m: { authorRole: string }) => m.authorRole === "officer");
    expect(mine.delivery).toMatchObject({ status: "sent" });
  });

  it("retries after a 5xx: checks Zalo's chat first, then sends once", async () => {
    const convId = await handedOff("u-5xx");
    await fake("/__fake/fail", { oaId: oa.oaId, path: CS, mode: "5xx", times: 1 });
    const before = (await delivered(oa, "u-5xx")).length;
    await officerReply(officer, convId, "Dạ, hồ sơ của bạn đã đủ.");
    const [row] = await waitFor(() => replyRow("u-5xx"), (r) => r[0]?.status === "sent");
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(await delivered(oa, "u-5xx")).toHaveLength(before + 1);
    expect((await csCalls("u-5xx")).map((c) => c.outcome).slice(-2)).toEqual(["5xx", "sent"]);
    // The in-doubt attempt was looked up before the resend.
    expect((await calls(oa, "/v2.0/oa/conversation")).some((c) => JSON.parse(c.query.data).user_id === "u-5xx")).toBe(true);
  });

  it("a citizen's replies go in order: a later one waits while an earlier one waits for its retry", async () => {
    const convId = await handedOff("u-order");
    // Quota: the first reply's retry is due only after ~0.5 s (12 × the base backoff).
    await fake("/__fake/fail", { oaId: oa.oaId, path: CS, mode: "quota", times: 1 });
    await officerReply(officer, convId, "Thứ nhất");
    await officerReply(officer, convId, "Thứ hai");
    await waitFor(() => replyRow("u-order"), (r) => r.length === 2 && r.every((x) => x.status === "sent"), 8000);
    const texts = (await delivered(oa, "u-order")).map((m) => m.text).filter((t) => t.startsWith("Cán bộ"));
    expect(texts).toEqual(["Cán bộ trả lời:\nThứ nhất", "Cán bộ trả lời:\nThứ hai"]);
  });

  it("a timeout after Zalo delivered: the retry finds it in Zalo's chat and never sends twice", async () => {
    const convId = await handedOff("u-slow");
    // Zalo takes the message at once but answers after 1.2 s; the worker gives up at 0.4 s.
    await fake("/__fake/fail", { oaId: oa.oaId, path: CS, mode: "timeout", delayMs: 1200, times: 1 });
    const before = (await delivered(oa, "u-slow")).length;
    await officerReply(officer, convId, "Dạ, bạn nộp tại quầy số 2.");
    const [row] = await waitFor(() => replyRow("u-slow"), (r) => r[0]?.status === "sent");
    const got = await delivered(oa, "u-slow");
    expect(got).toHaveLength(before + 1);
    expect(row.zaloMsgId).toBe(got.at(-1)!.messageId);
    expect((await csCalls("u-slow")).filter((c) => c.body.includes("quầy số 2"))).toHaveLength(1);
  });

  it("a timeout where Zalo did nothing: the retry sends, once", async () => {
    const convId = await handedOff("u-lost");
    await fake("/__fake/fail", { oaId: oa.oaId, path: CS, mode: "timeout", delayMs: 800, deliver: false, times: 1 });
    const before = (await delivered(oa, "u-lost")).length;
    await officerReply(officer, convId, "Dạ, chiều nay phường làm việc đến 17 giờ.");
    await waitFor(() => replyRow("u-lost"), (r) => r[0]?.status === "sent");
    expect(await delivered(oa, "u-lost")).toHaveLength(before + 1);
  });

  it("quota exceeded is retried later, not dropped", async () => {
    const convId = await handedOff("u-quota");
    await fake("/__fake/fail", { oaId: oa.oaId, path: CS, mode: "quota", times: 1 });
    await officerReply(officer, convId, "Dạ vâng ạ.");
    const [row] = await waitFor(() => replyRow("u-quota"), (r) => r[0]?.status === "sent", 8000);
    expect(row.status).toBe("sent");
    expect((await csCalls("u-quota")).map((c) => c.outcome).slice(-2)).toEqual(["quota", "sent"]);
  });

  it("a refusal is kept as failed with the reason, not retried", async () => {
    const convId = await handedOff("u-refused");
    await fake("/__fake/fail", { oaId: oa.oaId, path: CS, mode: "reject", code: -213, times: 1 });
    await officerReply(officer, convId, "Dạ.");
    const [row] = await replyRow("u-refused");
    expect(row).toMatchObject({ status: "failed", reason: "Người dân chưa quan tâm OA nên Zalo không cho gửi tin." });
    const thread = await api(`/api/conversations/${convId}`, get(officer));
    expect(thread.body.messages.find((m: { authorRole: string }) => m.authorRole === "officer").delivery).toMatchObject({ status: "failed" });
  });

  it("an expired token is refreshed on the way and the reply sent once", async () => {
    const convId = await handedOff("u-expired");
    await fake("/__fake/expire-tokens", { appId: oa.appId });
    const refreshesBefore = (await calls(oa, "/v4/oa/access_token")).length;
    await officerReply(officer, convId, "Dạ, bạn mang thêm sổ hộ khẩu cũ nếu có.");
    const [row] = await replyRow("u-expired");
    expect(row.status).toBe("sent");
    const refreshes = (await calls(oa, "/v4/oa/access_token")).slice(refreshesBefore);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]).toMatchObject({ method: "POST", outcome: "issued" });
    expect(refreshes[0].headers).toMatchObject({ secret_key: oa.appSecret, "content-type": "application/x-www-form-urlencoded" });
    expect(Object.fromEntries(new URLSearchParams(refreshes[0].body))).toMatchObject({ app_id: oa.appId, grant_type: "refresh_token", refresh_token: expect.stringMatching(/^rt\./) });
    expect((await csCalls("u-expired")).map((c) => c.outcome).slice(-2)).toEqual(["expired_token", "sent"]);
  });
});

describe("crashes", () => {
  it("the worker dies after the write, before telling the sender: the cron sweep delivers it, once", async () => {
    const convId = await handedOff("u-crash");
    const before = (await delivered(oa, "u-crash")).length;
    // No Durable Object binding for this request: the row is committed, nobody is told.
    const res = await officerReply(officer, convId, "Dạ, bạn đến trước 11 giờ nhé.", { ...env, ZALO_OA: undefined });
    expect(res.status).toBe(201);
    const [queued] = await replyRow("u-crash");
    expect(queued.status).toBe("queued");
    expect(await delivered(oa, "u-crash")).toHaveLength(before);
    const swept = await sweep(env, Date.now() + 60_000);
    expect(swept.outboxes).toBeGreaterThanOrEqual(1);
    await waitFor(() => replyRow("u-crash"), (r) => r[0]?.status === "sent");
    expect(await delivered(oa, "u-crash")).toHaveLength(before + 1);
    await sweep(env, Date.now() + 120_000);
    expect(await delivered(oa, "u-crash")).toHaveLength(before + 1);
  });

  it("the sender dies mid-send after Zalo took the message: the next run records it instead of resending", async () => {
    const convId = await handedOff("u-midsend");
    const db = createDb(env.DB);
    // Zalo got the text (sent with the OA's token), then the sender died before writing "sent".
    const text = "Cán bộ trả lời:\nDạ, kết quả có sau 1 ngày làm việc.";
    const tok = await agent(oa.oaId).accessToken(oa.oaId);
    if (!tok.ok) throw new Error(tok.reason);
    const direct = await fetch(`${env.FAKE_ZALO_URL}${CS}`, {
      method: "POST",
      headers: { "content-type": "application/json", access_token: tok.token },
      body: JSON.stringify({ recipient: { user_id: "u-midsend" }, message: { text } }),
    });
    const zaloId = ((await direct.json()) as { data: { message_id: string } }).data.message_id;
    const now = Date.now();
    await db.insert(zaloOaMessages).values({
      id: "reply:crashed-mid-send",
      oaId: oa.oaId,
      userId: "u-midsend",
      direction: "out",
      author: "officer",
      text,
      conversationId: convId,
      status: "sending",
      attempts: 1,
      inDoubt: true,
      lastAttemptAt: now - 90_000,
      nextAttemptAt: now - 90_000,
      createdAt: now - 90_000,
    });
    const before = (await delivered(oa, "u-midsend")).length;
    await sweep(env, now);
    const [row] = await waitFor(
      async () => db.select().from(zaloOaMessages).where(eq(zaloOaMessages.id, "reply:crashed-mid-send")),
      (r) => r[0]?.status === "sent",
    );
    expect(row).toMatchObject({ status: "sent", zaloMsgId: zaloId, inDoubt: false });
    expect(await delivered(oa, "u-midsend")).toHaveLength(before);
  });

  it("an event stored but never processed (the isolate died) is processed by the sweep", async () => {
    const db = createDb(env.DB);
    const { zaloOaEvents } = await import("../../worker/src/db/schema");
    const { textEvent } = await import("./zalo-helpers");
    const ev = textEvent(oa, "u-orphan", "Đăng ký kết hôn cần gì?");
    await db.insert(zaloOaEvents).values({ oaId: oa.oaId, eventKey: `msg:${ev.message.msg_id}`, eventName: "text", userId: "u-orphan", body: JSON.stringify(ev), status: "received", receivedAt: Date.now() - 120_000 });
    expect((await sweep(env)).events).toBe(1);
    const got = await waitFor(() => delivered(oa, "u-orphan"), (d) => d.length === 1);
    expect(got).toHaveLength(1);
    expect(got[0].text).toContain("kết hôn");
    const [stored] = await db.select().from(zaloOaEvents).where(and(eq(zaloOaEvents.oaId, oa.oaId), eq(zaloOaEvents.userId, "u-orphan")));
    expect(stored).toMatchObject({ status: "done", body: null });
  });
});

describe("Zalo's window", () => {
  it("8 free messages after the citizen's last one: the last is told where later answers go, the 9th is kept, not sent", async () => {
    const convId = await handedOff("u-window");
    // The bot's handoff confirmation was message 1 of 8.
    let thread = await api(`/api/conversations/${convId}`, get(officer));
    expect(thread.body.zalo).toMatchObject({ open: true, remaining: 7, warn: false });
    for (let i = 1; i <= 7; i++) await officerReply(officer, convId, `Trả lời số ${i}`);
    const sent = await replyRow("u-window");
    expect(sent.map((r) => r.status)).toEqual(Array(7).fill("sent"));
    expect(sent[5].text).not.toContain("Zalo chỉ cho phép");
    expect(sent[6].text).toContain("Đây là tin trả lời cuối cùng Zalo cho phép gửi lúc này.");
    thread = await api(`/api/conversations/${convId}`, get(officer));
    expect(thread.body.zalo).toMatchObject({ open: false, remaining: 0, closedBy: "used_up" });
    const before = (await delivered(oa, "u-window")).length;
    const ninth = await officerReply(officer, convId, "Trả lời số 8");
    expect(ninth.status).toBe(201);
    const rows = await replyRow("u-window");
    expect(rows.at(-1)).toMatchObject({ status: "window_closed" });
    expect(await delivered(oa, "u-window")).toHaveLength(before);
    // Kept in the conversation (and so in the mini app), marked for the officer.
    thread = await api(`/api/conversations/${convId}`, get(officer));
    expect(thread.body.messages.at(-1)).toMatchObject({ text: "Trả lời số 8", delivery: { status: "window_closed" } });
    // The citizen writes again: the count starts over.
    await say(oa, "u-window", "Dạ em cảm ơn, cho em hỏi thêm ạ");
    await officerReply(officer, convId, "Dạ, bạn hỏi tiếp nhé.");
    expect((await replyRow("u-window")).at(-1)!.status).toBe("sent");
  });

  it("closes 48 hours after the citizen's last message, and warns before", async () => {
    const convId = await handedOff("u-48h");
    const db = createDb(env.DB);
    const setLast = (ms: number) => db.update(zaloOaUsers).set({ lastInboundAt: ms }).where(and(eq(zaloOaUsers.oaId, oa.oaId), eq(zaloOaUsers.userId, "u-48h")));
    await setLast(Date.now() - 43 * 3600_000);
    let thread = await api(`/api/conversations/${convId}`, get(officer));
    expect(thread.body.zalo).toMatchObject({ open: true, warn: true });
    await officerReply(officer, convId, "Dạ, bạn đến sớm nhé.");
    const late = (await replyRow("u-48h")).at(-1)!;
    expect(late.status).toBe("sent");
    expect(late.text).toContain("Zalo chỉ cho phép gửi thêm");
    await setLast(Date.now() - 49 * 3600_000);
    thread = await api(`/api/conversations/${convId}`, get(officer));
    expect(thread.body.zalo).toMatchObject({ open: false, closedBy: "expired" });
    const before = (await delivered(oa, "u-48h")).length;
    await officerReply(officer, convId, "Dạ, hồ sơ đã xong.");
    expect((await replyRow("u-48h")).at(-1)!.status).toBe("window_closed");
    expect(await delivered(oa, "u-48h")).toHaveLength(before);
  });
});
