// The bot in Zalo chat: the shared ask service's answer as Zalo text, the conversation's
// earlier turns as the engine's context, clarify answered by number, "gặp cán bộ" and the
// "1"/"có" offer handing off into the ward's inbox with the chat history; and one citizen
// on both channels (the OA on the mini app's own Zalo app).
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../worker/src/ask/ask-service";
import { createDb } from "../../worker/src/db/client";
import { conversations, zaloOaUsers } from "../../worker/src/db/schema";
import type { AskFn } from "../../worker/src/zalo-oa/bot";
import { parseEvent } from "../../worker/src/zalo-oa/events";
import { processEvent, type AcceptedEvent } from "../../worker/src/zalo-oa/process-event";
import { api, get, json, seedDemo } from "./seed";
import { delivered, post, say, seedOa, testOa, textEvent, waitFor } from "./zalo-helpers";

// The OA is connected to the mini app's own Zalo app (ZALO_APP_ID), so its users link to citizens.
const oa = { ...testOa("bot"), appId: "app-miniapp" };
let officer: string;

beforeAll(async () => {
  ({ officerAnHai: officer } = await seedDemo());
  await seedOa(oa);
});

const lastReply = async (user: string) => {
  const all = await delivered(oa, user);
  return all[all.length - 1]?.text ?? "";
};

describe("answers", () => {
  it("answers with the procedure, documents as a short list, fee and time, and a link into the mini app", async () => {
    await say(oa, "u-ans", "Đăng ký khai sinh cần giấy tờ gì?");
    const text = await lastReply("u-ans");
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toMatch(/khai sinh/i);
    expect(text).toMatch(/Giấy tờ cần chuẩn bị[^\n]*:/);
    expect(text).toMatch(/\n1\. /);
    expect(text).toContain("Phí, lệ phí:");
    expect(text).toContain("Thời hạn giải quyết:");
    expect(text).toContain("https://zalo.me/s/test-miniapp/procedures/1.001193");
    // What was asked (documents) comes before the fee.
    expect(text.indexOf("Giấy tờ cần chuẩn bị")).toBeLessThan(text.indexOf("Phí, lệ phí"));
  });

  it("puts the fee first when the fee is what was asked", async () => {
    await say(oa, "u-fee", "Lệ phí đăng ký kết hôn bao nhiêu tiền?");
    const text = await lastReply("u-fee");
    expect(text).toContain("kết hôn");
    const fee = text.indexOf("Phí, lệ phí");
    expect(fee).toBeGreaterThan(0);
    const docs = text.indexOf("Giấy tờ cần chuẩn bị");
    if (docs >= 0) expect(fee).toBeLessThan(docs);
  });

  it("gives the engine the chat's earlier turns (oldest first, at most 5) as context", async () => {
    const seen: Parameters<AskFn>[1][] = [];
    const recording: AskFn = async (db, input) => {
      seen.push(structuredClone(input));
      return answerQuestion(db, input);
    };
    const questions = [
      "Đăng ký khai sinh cần giấy tờ gì?",
      "Lệ phí bao nhiêu?",
      "Đăng ký kết hôn mất bao lâu?",
      "Cấp lại thẻ căn cước ở đâu?",
      "Đăng ký tạm trú cần gì?",
      "Chứng thực bản sao bao nhiêu tiền?",
      "Thế còn mất bao lâu?",
    ];
    for (const q of questions) await processEvent(env, parseEvent(textEvent(oa, "u-ctx", q)) as AcceptedEvent, { ask: recording });
    expect(seen[0].context).toEqual({ previous: [] });
    expect(seen[1].context!.previous).toEqual([{ question: questions[0], code: "1.001193" }]);
    expect(seen[1].wardCode).toBe("11617");
    const last = seen[seen.length - 1].context!.previous;
    expect(last).toHaveLength(5);
    expect(last.map((t) => t.question)).toEqual(questions.slice(1, 6));
    const [u] = await createDb(env.DB).select().from(zaloOaUsers).where(eq(zaloOaUsers.userId, "u-ctx"));
    expect(JSON.parse(u.turns)).toHaveLength(5);
  });
});

describe("clarify", () => {
  const clarify: AskFn = async (db, input) =>
    input.question.startsWith("khai sinh thế nào")
      ? {
          kind: "clarify",
          intent: { fields: ["fees"] },
          matches: [],
          message: "…",
          suggestions: [
            { action: "choose", code: "1.001193", label: "Thủ tục đăng ký khai sinh" },
            { action: "choose", code: "1.004772", label: "Thủ tục đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân" },
            { action: "choose", code: "2.000528", label: "Thủ tục đăng ký khai sinh có yếu tố nước ngoài" },
          ],
        }
      : answerQuestion(db, input);

  it("lists numbered choices, and '2' answers the second procedure", async () => {
    await processEvent(env, parseEvent(textEvent(oa, "u-clar", "khai sinh thế nào")) as AcceptedEvent, { ask: clarify });
    await waitFor(() => delivered(oa, "u-clar"), (d) => d.length === 1);
    const choices = await lastReply("u-clar");
    expect(choices).toContain("1. Thủ tục đăng ký khai sinh\n");
    expect(choices).toContain("2. Thủ tục đăng ký khai sinh cho người đã có hồ sơ");
    expect(choices).toContain("3. Thủ tục đăng ký khai sinh có yếu tố nước ngoài");
    expect(choices).toContain("Nhắn 1, 2 hoặc 3");
    // The answer goes through the real webhook and the real engine.
    await say(oa, "u-clar", "2");
    const answer = await lastReply("u-clar");
    expect(answer).toContain("procedures/1.004772");
    expect(answer.indexOf("Phí, lệ phí")).toBeGreaterThan(0);
    const [u] = await createDb(env.DB).select().from(zaloOaUsers).where(eq(zaloOaUsers.userId, "u-clar"));
    expect(u.pending).toBeNull();
    expect(JSON.parse(u.turns).at(-1)).toEqual({ question: "khai sinh thế nào", code: "1.004772" });
  });

  it("a number out of range, or when nothing was offered, is just a question", async () => {
    await processEvent(env, parseEvent(textEvent(oa, "u-clar2", "khai sinh thế nào")) as AcceptedEvent, { ask: clarify });
    await say(oa, "u-clar2", "7");
    expect(await lastReply("u-clar2")).not.toContain("procedures/");
    await say(oa, "u-num", "3");
    expect(await lastReply("u-num")).not.toContain("procedures/");
  });
});

describe("handoff", () => {
  it("'gặp cán bộ' opens an inbox conversation with the chat, the field of the last procedure, auto-assigned, marked Zalo OA", async () => {
    await say(oa, "u-hand", "Đăng ký khai sinh cần giấy tờ gì?");
    await say(oa, "u-hand", "gặp cán bộ");
    const confirm = await lastReply("u-hand");
    expect(confirm).toContain("đã chuyển câu hỏi của bạn tới cán bộ Phường An Hải (lĩnh vực Hộ tịch)");
    expect(confirm).toContain("Tin nhắn của tôi");

    const inbox = await api("/api/conversations?view=all", get(officer));
    const item = inbox.body.items.find((c: { channel: string; subject: string }) => c.channel === "zalo_oa" && c.subject.includes("khai sinh"));
    expect(item).toMatchObject({ field: "Hộ tịch", procedureCode: "1.001193", status: "open" });
    expect(item.assignedOfficerId).toMatch(/^demo-11617-/);
    const thread = await api(`/api/conversations/${item.id}`, get(officer));
    const texts = thread.body.messages.filter((m: { id: string }) => !m.id.endsWith("-auto")).map((m: { authorRole: string; text: string }) => [m.authorRole, m.text]);
    expect(texts[0]).toEqual(["citizen", "Đăng ký khai sinh cần giấy tờ gì?"]);
    expect(texts[1][0]).toBe("system");
    expect(texts[1][1]).toContain("Giấy tờ cần chuẩn bị");
    expect(texts[2]).toEqual(["citizen", "gặp cán bộ"]);
    expect(thread.body.zalo).toMatchObject({ open: true, linked: true });

    // While the officer has it, the citizen's messages go to the inbox, not to the bot.
    const before = (await delivered(oa, "u-hand")).length;
    await say(oa, "u-hand", "Con em sinh ở nhà thì sao ạ?");
    expect((await delivered(oa, "u-hand")).length).toBe(before);
    const again = await api(`/api/conversations/${item.id}`, get(officer));
    expect(again.body.messages.at(-1)).toMatchObject({ authorRole: "citizen", text: "Con em sinh ở nhà thì sao ạ?" });

    // The same person in the mini app (same Zalo app: user_id_by_app) sees it in "Tin nhắn của tôi".
    const citizen = (await api("/api/auth/zalo", json("POST", { accessToken: "dev-byapp-u-hand" }))).body.token;
    const mine = await api("/api/conversations", get(citizen));
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(item.id);
  });

  it("a 'none' reply offers an officer; '1' or 'có' accepts, 'không' declines", async () => {
    const odd = "Đèn đường trước ngõ nhà tôi bị hỏng cả tuần nay, báo ai sửa?";
    await say(oa, "u-none", odd);
    const offer = await lastReply("u-none");
    expect(offer).toContain("Bạn có muốn hỏi trực tiếp cán bộ Phường An Hải không?");
    expect(offer).toContain("1. Có, gặp cán bộ");
    await say(oa, "u-none", "không");
    expect(await lastReply("u-none")).toContain("Bạn cứ hỏi tiếp");
    await say(oa, "u-none", odd);
    await say(oa, "u-none", "có");
    expect(await lastReply("u-none")).toContain("đã chuyển câu hỏi của bạn tới cán bộ");
    await say(oa, "u-one", odd);
    await say(oa, "u-one", "1");
    expect(await lastReply("u-one")).toContain("đã chuyển câu hỏi của bạn tới cán bộ");
    const db = createDb(env.DB);
    const convs = await db.select().from(conversations).where(eq(conversations.oaUserId, "u-one"));
    expect(convs).toHaveLength(1);
    // No procedure was discussed: no field, so it waits in "Chưa giao" for triage.
    expect(convs[0]).toMatchObject({ channel: "zalo_oa", field: null, assignedOfficerId: null, subject: odd });
  });

  it("other ways of asking for a person", async () => {
    for (const [i, phrase] of ["nói chuyện với cán bộ", "cho em hỏi cán bộ", "Cho tôi gặp cán bộ phường ạ"].entries()) {
      await say(oa, `u-phrase-${i}`, phrase);
      expect(await lastReply(`u-phrase-${i}`)).toContain("đã chuyển câu hỏi của bạn tới cán bộ");
    }
  });
});

describe("one citizen, both channels", () => {
  it("an officer's reply to the citizen's mini-app conversation is announced in Zalo chat", async () => {
    // The citizen chats with the OA (window open), and separately writes in the mini app.
    await say(oa, "u-both", "Đăng ký tạm trú cần gì?");
    await createDb(env.DB).update(zaloOaUsers).set({ follows: true }).where(eq(zaloOaUsers.userId, "u-both"));
    const citizen = (await api("/api/auth/zalo", json("POST", { accessToken: "dev-byapp-u-both" }))).body.token;
    const conv = (await api("/api/conversations", json("POST", { wardCode: "11617", text: "Em hỏi về tạm trú cho sinh viên" }, citizen))).body.conversation;
    expect(conv.channel).toBe("miniapp");
    const before = (await delivered(oa, "u-both")).length;
    const reply = await post(
      new Request(`http://test/api/conversations/${conv.id}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${officer}` },
        body: JSON.stringify({ text: "Dạ, bạn mang giấy xác nhận của trường nhé." }),
      }),
    );
    expect(reply.status).toBe(201);
    const got = await delivered(oa, "u-both");
    expect(got).toHaveLength(before + 1);
    expect(got.at(-1)!.text).toContain(`https://zalo.me/s/test-miniapp/chat/${conv.id}`);
    // The officer's words stay in the mini app.
    expect(got.at(-1)!.text).not.toContain("giấy xác nhận");
  });

  it("no notice for a citizen who unfollowed the OA", async () => {
    await say(oa, "u-gone", "Đăng ký tạm trú cần gì?");
    await createDb(env.DB).update(zaloOaUsers).set({ follows: false }).where(eq(zaloOaUsers.userId, "u-gone"));
    const citizen = (await api("/api/auth/zalo", json("POST", { accessToken: "dev-byapp-u-gone" }))).body.token;
    const conv = (await api("/api/conversations", json("POST", { wardCode: "11617", text: "Hỏi tạm trú" }, citizen))).body.conversation;
    const before = (await delivered(oa, "u-gone")).length;
    await post(
      new Request(`http://test/api/conversations/${conv.id}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${officer}` },
        body: JSON.stringify({ text: "Dạ vâng." }),
      }),
    );
    expect((await delivered(oa, "u-gone")).length).toBe(before);
  });
});
