import assert from "node:assert/strict";

/** Like a phone's text size at 200 %: every font twice as big, the layout otherwise as is. */
async function textZoom(page, factor) {
  await page.evaluate((f) => {
    const els = [...document.querySelectorAll("body, body *")];
    const sizes = els.map((el) => parseFloat(getComputedStyle(el).fontSize));
    els.forEach((el, i) => (el.style.fontSize = `${sizes[i] * f}px`));
  }, factor);
}

/** 100 % and 200 % text; the chat simulator keeps its newest message in view. */
async function bothSizes(page, shot, label) {
  await shot(`${label}-100`);
  await textZoom(page, 2);
  await page.evaluate(() => document.querySelector(".sim-actions")?.scrollIntoView({ block: "end" }));
  await shot(`${label}-200`);
  await page.reload();
}

export const tests = {
  async "Zalo OA: a citizen asks in Zalo chat, asks for an officer, the officer replies in the inbox, the reply arrives in Zalo"({ page, baseUrl, shot, newPage }) {
    // A new device each run: the simulated Zalo user is this preview's citizen (same app id).
    const device = `e2e${Date.now().toString(36)}`;
    await page.addInitScript((d) => window.localStorage.setItem("motcua.dev-device", d), device);
    await page.goto(`${baseUrl}/dev/zalo-chat`);
    const input = page.getByLabel("Tin nhắn Zalo");
    await input.fill("Đăng ký khai sinh cần giấy tờ gì?");
    await input.press("Enter");
    const answer = page.locator('.sim-bubble[data-from="oa"]', { hasText: "Giấy tờ cần chuẩn bị" });
    await answer.waitFor({ timeout: 20_000 });
    const text = await answer.innerText();
    assert.ok(text.length <= 2100, "a Zalo message is at most 2,000 characters");
    assert.match(text, /Phí, lệ phí/);
    assert.match(text, /procedures\/1\.001193/);
    await bothSizes(page, shot, "zalo-01-sim-answer");

    await page.getByLabel("Tin nhắn Zalo").fill("gặp cán bộ");
    await page.getByLabel("Tin nhắn Zalo").press("Enter");
    await page.locator('.sim-bubble[data-from="oa"]', { hasText: "đã chuyển câu hỏi của bạn tới cán bộ Phường An Hải" }).waitFor({ timeout: 15_000 });
    await bothSizes(page, shot, "zalo-02-sim-handoff");

    // The officer, on another phone: the conversation is in the inbox, marked Zalo OA.
    const officer = await newPage();
    await officer.setViewportSize({ width: 360, height: 740 });
    await officer.goto(`${baseUrl}/staff`);
    await officer.getByLabel("Tên đăng nhập").fill("canbo.anhai");
    await officer.getByLabel("Mật khẩu").fill("demo-motcua");
    await officer.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await officer.getByText("Hộp thư cán bộ").waitFor();
    await officer.getByRole("button", { name: "Tất cả" }).click();
    const item = officer.locator("[data-conversation]", { has: officer.locator(".badge-zalo") }).first();
    await item.waitFor();
    await item.getByText("Zalo OA").waitFor();
    await officer.waitForTimeout(600);
    await officer.screenshot({ path: shot.pathFor("zalo-03-inbox-100") });
    await item.click();
    // The chat the bot saw came along, the request included.
    await officer.locator(".bubble-text", { hasText: "Đăng ký khai sinh cần giấy tờ gì?" }).first().waitFor();
    await officer.locator(".bubble-text", { hasText: "gặp cán bộ" }).first().waitFor();
    await officer.getByTestId("zalo-window").getByText("còn 7/8 tin miễn phí", { exact: false }).waitFor();
    await officer.waitForTimeout(600);
    await officer.screenshot({ path: shot.pathFor("zalo-04-officer-thread-100") });
    await textZoom(officer, 2);
    await officer.screenshot({ path: shot.pathFor("zalo-04-officer-thread-200") });
    await officer.reload();

    const reply = "Dạ, bạn mang giấy chứng sinh bản chính và căn cước của cha hoặc mẹ đến quầy Hộ tịch nhé.";
    await officer.getByLabel("Nội dung trả lời").fill(reply);
    await officer.getByRole("button", { name: "Gửi" }).click();
    await officer.locator('[data-delivery="sent"]').first().waitFor({ timeout: 15_000 });
    await officer.getByTestId("zalo-window").getByText("còn 6/8 tin miễn phí", { exact: false }).waitFor();
    await officer.waitForTimeout(600);
    await officer.screenshot({ path: shot.pathFor("zalo-05-officer-sent-100") });

    // The reply arrives in the (simulated) Zalo chat.
    const got = page.locator('.sim-bubble[data-from="oa"]', { hasText: reply });
    await got.waitFor({ timeout: 15_000 });
    assert.match(await got.innerText(), /^Cán bộ trả lời:/);
    await bothSizes(page, shot, "zalo-06-sim-officer-reply");

    // The same citizen in the mini app: the conversation is in "Tin nhắn của tôi", with the reply.
    await page.goto(`${baseUrl}/chat`);
    const mine = page.locator("[data-conversation]", { hasText: "bắt đầu từ Zalo OA" }).first();
    await mine.waitFor();
    await shot("zalo-08-my-chats-100");
    await mine.click();
    await page.locator(".bubble-text", { hasText: reply }).first().waitFor();
    await bothSizes(page, shot, "zalo-09-citizen-thread");
  },

  async "Zalo OA: the ward admin sees the connection, the webhook URL, and runs 'Gửi thử'"({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel("Tên đăng nhập").fill("quantri.anhai");
    await page.getByLabel("Mật khẩu").fill("demo-motcua");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.getByText("Hộp thư cán bộ").waitFor();
    await page.getByRole("button", { name: "Zalo OA", exact: true }).click();
    await page.getByTestId("oa-config").getByText("Đã kết nối").waitFor();
    assert.match(await page.getByTestId("webhook-url").innerText(), /\/api\/zalo\/oa\/webhook$/);
    // Secrets are never shown, only whether they are set.
    assert.equal(await page.getByText("demo-oa-secret").count(), 0);
    await page.getByRole("button", { name: "Gửi thử" }).click();
    await page.getByTestId("oa-test").getByText("✓ Quyền gửi tin của OA", { exact: false }).waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId("oa-test").locator(".bad").count(), 0);
    await bothSizes(page, shot, "zalo-07-admin-connect");
  },
};
