// Pure Zalo OA modules: signatures, sealed secrets, the reply window, chat commands, events, PKCE.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { asksForOfficer, choiceNumber, yesNo } from "../../worker/src/zalo-oa/chat-commands";
import { claimedOaId, eventKey, parseEvent } from "../../worker/src/zalo-oa/events";
import { codeChallenge, randomToken } from "../../worker/src/zalo-oa/pkce";
import { FREE_REPLIES, replyWindow, timeLeftText, WINDOW_MS } from "../../worker/src/zalo-oa/reply-window";
import { open, seal } from "../../worker/src/zalo-oa/secret-box";
import { checkSignature, constantTimeEqual, zaloMac } from "../../worker/src/zalo-oa/signature";

describe("signature", () => {
  const raw = '{"app_id":"123","event_name":"user_send_text","timestamp":"1700000000000"}';
  it("is SHA-256 hex of app_id + body + timestamp + OA secret key", async () => {
    const expected = createHash("sha256").update(`123${raw}1700000000000oa-secret`).digest("hex");
    expect(await zaloMac("123", raw, "1700000000000", "oa-secret")).toBe(expected);
  });

  it("accepts mac= or a bare hex, refuses forged, missing and stale", async () => {
    const mac = await zaloMac("123", raw, "1700000000000", "oa-secret");
    const base = { appId: "123", rawBody: raw, timestamp: "1700000000000", oaSecretKey: "oa-secret", now: 1700000000000 + 60_000 };
    expect(await checkSignature({ ...base, header: `mac=${mac}` })).toEqual({ ok: true });
    expect(await checkSignature({ ...base, header: mac })).toEqual({ ok: true });
    expect(await checkSignature({ ...base, header: `mac=${mac.slice(0, -1)}0` })).toMatchObject({ reason: "bad_signature" });
    expect(await checkSignature({ ...base, header: "" })).toMatchObject({ reason: "missing_signature" });
    expect(await checkSignature({ ...base, header: undefined })).toMatchObject({ reason: "missing_signature" });
    expect(await checkSignature({ ...base, header: mac, now: 1700000000000 + 5 * 60_000 + 1 })).toMatchObject({ reason: "stale_event" });
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });
});

describe("secret box", () => {
  const key = Buffer.alloc(32, 7).toString("base64");
  it("round-trips, and opens only for the same key and context", async () => {
    const sealed = await seal(key, "refresh-token-value", "oa-1|refresh_token");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("refresh-token-value");
    expect(await open(key, sealed, "oa-1|refresh_token")).toBe("refresh-token-value");
    expect(await open(key, sealed, "oa-2|refresh_token")).toBeNull();
    expect(await open(key, sealed, "oa-1|access_token")).toBeNull();
    expect(await open(Buffer.alloc(32, 8).toString("base64"), sealed, "oa-1|refresh_token")).toBeNull();
    expect(await open(key, `${sealed.slice(0, -4)}AAAA`, "oa-1|refresh_token")).toBeNull();
    expect(await seal(key, "x", "c")).not.toBe(await seal(key, "x", "c"));
  });
});

describe("reply window", () => {
  const t0 = 1_800_000_000_000;
  it("8 free replies within 48 hours of the citizen's last message", () => {
    expect(replyWindow(t0, 0, t0 + 1000)).toMatchObject({ open: true, remaining: FREE_REPLIES, warn: false, closesAt: t0 + WINDOW_MS });
    expect(replyWindow(t0, 6, t0 + 1000)).toMatchObject({ open: true, remaining: 2, warn: true });
    expect(replyWindow(t0, 8, t0 + 1000)).toMatchObject({ open: false, remaining: 0, closedBy: "used_up" });
    expect(replyWindow(t0, 0, t0 + 43 * 3600_000)).toMatchObject({ open: true, warn: true });
    expect(replyWindow(t0, 0, t0 + WINDOW_MS)).toMatchObject({ open: false, closedBy: "expired" });
    expect(replyWindow(null, 0, t0)).toMatchObject({ open: false, closedBy: "no_message" });
    expect(timeLeftText(31.5 * 3600_000)).toBe("31 giờ");
    expect(timeLeftText(45 * 60_000)).toBe("45 phút");
  });
});

describe("chat commands", () => {
  it("recognizes requests for a person, not questions that mention officers", () => {
    for (const yes of ["gặp cán bộ", "Gặp cán bộ!", "nói chuyện với cán bộ", "cho em hỏi cán bộ", "cho tôi gặp cán bộ phường ạ", "muốn gặp nhân viên", "kết nối với cán bộ", "cán bộ ơi", "gap can bo", "cho mình nói chuyện với người thật"])
      expect(asksForOfficer(yes), yes).toBe(true);
    for (const no of ["cán bộ tư pháp ký giấy gì", "đăng ký khai sinh cần gì", "hỏi cán bộ thì mất phí không vậy, mình cần đăng ký tạm trú cho con", "gặp", "1"])
      expect(asksForOfficer(no), no).toBe(false);
  });

  it("reads numbers and yes/no", () => {
    expect(["1", "2.", " 3 ", "số 2", "chọn 1"].map(choiceNumber)).toEqual([1, 2, 3, 2, 1]);
    expect(["12", "1 2", "một", "khai sinh 1"].map(choiceNumber)).toEqual([null, null, null, null]);
    expect(["1", "có", "Có ạ", "ok", "đồng ý", "vâng"].map(yesNo)).toEqual(Array(6).fill("yes"));
    expect(["2", "không", "ko", "thôi"].map(yesNo)).toEqual(Array(4).fill("no"));
    expect(yesNo("đăng ký khai sinh")).toBeNull();
  });
});

describe("events", () => {
  it("finds the OA an event claims, parses what the bot uses, ignores the rest", () => {
    const text = { app_id: 1, event_name: "user_send_text", timestamp: "1", sender: { id: 42 }, recipient: { id: "oa" }, user_id_by_app: 7, message: { msg_id: "m1", text: " hỏi " } };
    expect(claimedOaId(text)).toBe("oa");
    expect(parseEvent(text)).toEqual({ type: "text", oaId: "oa", userId: "42", userIdByApp: "7", msgId: "m1", text: "hỏi", timestamp: 1 });
    expect(eventKey(parseEvent(text) as never)).toBe("msg:m1");
    const follow = { app_id: "1", event_name: "follow", timestamp: "5", oa_id: "oa", follower: { id: "42" } };
    expect(claimedOaId(follow)).toBe("oa");
    expect(eventKey(parseEvent(follow) as never)).toBe("follow:42:5");
    expect(claimedOaId({ event_name: "oa_send_text", sender: { id: "oa" }, recipient: { id: "42" } })).toBe("oa");
    expect(parseEvent({ ...text, message: { msg_id: "m2", text: "   " } })).toMatchObject({ type: "ignored" });
    expect(parseEvent({ ...text, event_name: "user_send_sticker" })).toMatchObject({ type: "attachment", kind: "sticker" });
    expect(parseEvent({ ...text, event_name: "user_seen_message" })).toMatchObject({ type: "ignored" });
    expect(parseEvent("nope")).toMatchObject({ type: "ignored" });
    expect(parseEvent({ ...text, message: { text: "no id" } })).toMatchObject({ type: "ignored" });
  });
});

describe("pkce", () => {
  it("43-letter verifier, base64url SHA-256 challenge without padding", async () => {
    const v = randomToken(43);
    expect(v).toMatch(/^[A-Za-z0-9]{43}$/);
    const expected = createHash("sha256").update(v, "ascii").digest("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(await codeChallenge(v)).toBe(expected);
  });
});
