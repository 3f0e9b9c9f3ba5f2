// The OA webhook: signatures on the raw body (valid, forged, missing, stale), answered at
// once, idempotent on msg_id (a resend, and 10 concurrent copies of one event), and the
// event kinds besides text.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/src/db/client";
import { zaloOaEvents, zaloOaMessages, zaloOaUsers } from "../../worker/src/db/schema";
import { zaloMac } from "../../worker/src/zalo-oa/signature";
import { seedDemo } from "./seed";
import { calls, delivered, nextMsgId, outbox, post, say, seedOa, sendEvent, signedRequest, testOa, textEvent } from "./zalo-helpers";

const oa = testOa("webhook");

beforeAll(async () => {
  await seedDemo();
  await seedOa(oa);
});

describe("signatures", () => {
  it("accepts a valid signature, with or without the mac= prefix", async () => {
    const ev = textEvent(oa, "u-sig", "Đăng ký khai sinh cần giấy tờ gì?");
    const raw = JSON.stringify(ev);
    const mac = await zaloMac(oa.appId, raw, ev.timestamp, oa.oaSecret);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    const withPrefix = await post(await signedRequest(oa, ev, { signature: `mac=${mac}` }));
    expect(withPrefix.status).toBe(200);
    const ev2 = { ...ev, message: { ...ev.message, msg_id: nextMsgId() } };
    const mac2 = await zaloMac(oa.appId, JSON.stringify(ev2), ev2.timestamp, oa.oaSecret);
    const bare = await post(await signedRequest(oa, ev2, { signature: mac2.toUpperCase() }));
    expect(bare.status).toBe(200);
  });

  it("refuses forged, missing and stale signatures with 401, before acting on the body", async () => {
    const before = (await calls(oa)).length;
    const forged = await post(await signedRequest(oa, textEvent(oa, "u-forge", "xin chào"), { secret: "not-the-oa-secret" }));
    expect(forged).toMatchObject({ status: 401, body: { error: { code: "bad_signature" } } });
    // The app secret is not the webhook's secret.
    const appSecret = await post(await signedRequest(oa, textEvent(oa, "u-forge", "xin chào"), { secret: oa.appSecret }));
    expect(appSecret.status).toBe(401);
    const missing = await post(await signedRequest(oa, textEvent(oa, "u-forge", "xin chào"), { signature: null }));
    expect(missing).toMatchObject({ status: 401, body: { error: { code: "missing_signature" } } });
    const stale = await post(await signedRequest(oa, textEvent(oa, "u-forge", "xin chào", { timestamp: Date.now() - 6 * 60_000 })));
    expect(stale).toMatchObject({ status: 401, body: { error: { code: "stale_event" } } });
    const future = await post(await signedRequest(oa, textEvent(oa, "u-forge", "xin chào", { timestamp: Date.now() + 6 * 60_000 })));
    expect(future.status).toBe(401);
    // A body changed after signing.
    const ev = textEvent(oa, "u-forge", "xin chào");
    const good = await signedRequest(oa, ev);
    const tampered = new Request(good.url, { method: "POST", headers: good.headers, body: JSON.stringify({ ...ev, message: { ...ev.message, text: "khác" } }) });
    expect((await post(tampered)).status).toBe(401);
    const unknownOa = await post(await signedRequest({ ...oa, oaId: "oa-nobody" }, textEvent({ ...oa, oaId: "oa-nobody" }, "u", "x")));
    expect(unknownOa).toMatchObject({ status: 401, body: { error: { code: "unknown_oa" } } });
    const notJson = await post(new Request("http://test/api/zalo/oa/webhook", { method: "POST", body: "{nope" }));
    expect(notJson.status).toBe(400);
    const rows = await createDb(env.DB).select().from(zaloOaEvents).where(eq(zaloOaEvents.userId, "u-forge"));
    expect(rows).toEqual([]);
    expect((await calls(oa)).length).toBe(before);
  });
});

describe("idempotency", () => {
  it("a resent event makes one stored message and one reply", async () => {
    const ev = textEvent(oa, "u-dup", "Đăng ký khai sinh cần giấy tờ gì?");
    const first = await sendEvent(oa, ev);
    const again = await sendEvent(oa, ev);
    expect(first.body).toMatchObject({ ok: true, duplicate: false });
    expect(again.body).toMatchObject({ ok: true, duplicate: true });
    const inbound = (await createDb(env.DB).select().from(zaloOaMessages).where(eq(zaloOaMessages.userId, "u-dup"))).filter((m) => m.direction === "in");
    expect(inbound).toHaveLength(1);
    expect(await delivered(oa, "u-dup")).toHaveLength(1);
  });

  it("10 concurrent copies of one event: one message, one reply", async () => {
    const ev = textEvent(oa, "u-burst", "Lệ phí đăng ký kết hôn bao nhiêu?");
    const reqs = await Promise.all(Array.from({ length: 10 }, () => signedRequest(oa, ev)));
    const results = await Promise.all(reqs.map((r) => post(r)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    const rows = await createDb(env.DB).select().from(zaloOaMessages).where(eq(zaloOaMessages.userId, "u-burst"));
    expect(rows.filter((m) => m.direction === "in")).toHaveLength(1);
    expect(rows.filter((m) => m.direction === "out")).toHaveLength(1);
    const got = await delivered(oa, "u-burst");
    expect(got).toHaveLength(1);
    expect(got[0].text).toContain("kết hôn");
  });
});

describe("event kinds", () => {
  it("follow gets a welcome with what the bot does and a mini-app link; unfollow is recorded", async () => {
    const base = { app_id: oa.appId, oa_id: oa.oaId, follower: { id: "u-follow" }, user_id_by_app: "byapp-u-follow" };
    const f = await sendEvent(oa, { ...base, event_name: "follow", timestamp: String(Date.now()) });
    expect(f.status).toBe(200);
    const [welcome] = await delivered(oa, "u-follow");
    expect(welcome.text).toContain("Phường An Hải");
    expect(welcome.text).toContain("gặp cán bộ");
    expect(welcome.text).toContain("https://zalo.me/s/test-miniapp/");
    const db = createDb(env.DB);
    const [u1] = await db.select().from(zaloOaUsers).where(eq(zaloOaUsers.userId, "u-follow"));
    expect(u1.follows).toBe(true);
    await sendEvent(oa, { ...base, event_name: "unfollow", timestamp: String(Date.now() + 1) });
    const [u2] = await db.select().from(zaloOaUsers).where(eq(zaloOaUsers.userId, "u-follow"));
    expect(u2.follows).toBe(false);
    expect(await delivered(oa, "u-follow")).toHaveLength(1);
  });

  it("images, stickers, files and locations get a polite text that offers an officer", async () => {
    for (const [name, kind] of [
      ["user_send_image", "hình ảnh"],
      ["user_send_sticker", "nhãn dán"],
      ["user_send_file", "tệp"],
      ["user_send_location", "vị trí"],
    ]) {
      const user = `u-${name}`;
      const res = await sendEvent(oa, {
        app_id: oa.appId,
        event_name: name,
        timestamp: String(Date.now()),
        sender: { id: user },
        recipient: { id: oa.oaId },
        message: { msg_id: nextMsgId(), attachments: [{ type: name.replace("user_send_", ""), payload: { url: "https://example.invalid/x" } }] },
      });
      expect(res.status).toBe(200);
      const [reply] = await delivered(oa, user);
      expect(reply.text).toContain("chỉ đọc được tin nhắn chữ");
      expect(reply.text).toContain(kind);
      expect(reply.text).toContain("1. Có, gặp cán bộ");
    }
  });

  it("unknown and receipt events get 200 and are ignored", async () => {
    for (const name of ["user_received_message", "user_seen_message", "oa_send_text", "something_new"]) {
      const res = await sendEvent(oa, {
        app_id: oa.appId,
        event_name: name,
        timestamp: String(Date.now()),
        sender: { id: name.startsWith("oa_") ? oa.oaId : "u-x" },
        recipient: { id: name.startsWith("oa_") ? "u-x" : oa.oaId },
        message: { msg_id: nextMsgId() },
      });
      expect(res).toMatchObject({ status: 200, body: { ok: true, ignored: true } });
    }
    expect(await outbox(oa, "u-x")).toEqual([]);
  });

  it("answers at once and does the work after the response", async () => {
    const res = await say(oa, "u-fast", "Chứng thực bản sao hết bao nhiêu tiền?");
    expect(res.status).toBe(200);
    const rows = await outbox(oa, "u-fast");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "sent", author: "bot" });
    expect(rows[0].zaloMsgId).toMatch(/^fz/);
  });
});
