import assert from "node:assert/strict";

export const tests = {
  async "a citizen the bot cannot help writes to the ward; an officer replies; the citizen rates"({ page, baseUrl, shot, newPage }) {
    // Citizen: choose the ward, ask something no procedure answers.
    await page.goto(`${baseUrl}/ward`);
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.locator('[data-code="11617"]').click();
    await page.getByText("Phường An Hải").first().waitFor();
    const question = "Đèn đường trước ngõ nhà tôi bị hỏng cả tuần nay, báo ai sửa?";
    const input = page.getByLabel("Câu hỏi của bạn");
    await input.fill(question);
    await input.press("Enter");
    const none = page.locator('.bot-card[data-kind="none"]');
    await none.waitFor();
    await none.getByText("Hỏi cán bộ").click();
    await page.getByRole("button", { name: /Nhắn tin cho cán bộ|Để lại tin nhắn/ }).click();
    const body = page.getByLabel("Nội dung tin nhắn");
    assert.equal(await body.inputValue(), question);
    await body.fill(`${question} <script>alert(1)</script>`);
    await page.getByRole("button", { name: "Gửi" }).click();
    await page.getByText("Đang chờ cán bộ trả lời").waitFor();
    // Rendered as text, never as HTML.
    await page.locator(".bubble-text", { hasText: "<script>alert(1)</script>" }).first().waitFor();
    // Call-back: consent first, then the (development) phone token.
    await page.getByRole("button", { name: "Nhờ cán bộ gọi lại" }).click();
    const share = page.getByRole("button", { name: "Chia sẻ số điện thoại" });
    assert.equal(await share.isDisabled(), true);
    await page.getByLabel("Tôi đồng ý chia sẻ số điện thoại").check();
    await share.click();
    await page.getByText("Bạn đã nhờ cán bộ gọi lại").waitFor();
    await shot("07-citizen-sent");
    const chatUrl = page.url();

    // Officer, in another browser: log in, find it in Unassigned, reply, resolve.
    const officer = await newPage();
    await officer.goto(`${baseUrl}/staff`);
    await officer.getByLabel("Tên đăng nhập").fill("canbo.anhai");
    await officer.getByLabel("Mật khẩu").fill("demo-motcua");
    await officer.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await officer.getByText("Hộp thư cán bộ").waitFor();
    await officer.getByRole("button", { name: "Chưa giao" }).click();
    // Inbox search works without diacritics.
    await officer.getByLabel("Tìm trong hộp thư").fill("hang xom xay lan");
    const item = officer.locator("[data-conversation]").first();
    await item.waitFor();
    await item.getByTestId("first-response").waitFor();
    await item.click();
    await officer.getByText(question, { exact: false }).first().waitFor();
    await officer.getByRole("button", { name: "Gọi 0900000999" }).waitFor();
    // A canned reply: the official summary of the procedure the officer looks up.
    await officer.getByRole("button", { name: "Mẫu trả lời từ thủ tục" }).click();
    await officer.getByLabel("Tìm thủ tục cho mẫu trả lời").fill("hoa giai tranh chap dat dai");
    await officer.getByRole("button", { name: "Hòa giải tranh chấp đất đai", exact: true }).click();
    const reply = officer.getByLabel("Nội dung trả lời");
    assert.match(await reply.inputValue(), /^Dạ, Hòa giải tranh chấp đất đai:/);
    await officer.screenshot({ path: shot.pathFor("08-officer-canned-reply") });
    await officer.getByRole("button", { name: "Gửi" }).click();
    await officer.locator(".bubble-text", { hasText: "Dạ, Hòa giải tranh chấp đất đai:" }).first().waitFor();

    // The citizen's open thread receives it without reloading (live socket or polling).
    await page.locator(".bubble-text", { hasText: "Dạ, Hòa giải tranh chấp đất đai:" }).first().waitFor({ timeout: 15_000 });
    await shot("09-citizen-live-reply");

    await officer.getByRole("button", { name: "Đánh dấu đã xong" }).click();
    await officer.getByRole("button", { name: "Đánh dấu đã xong" }).waitFor({ state: "detached" });
    await officer.screenshot({ path: shot.pathFor("10-officer-resolved") });

    // Citizen sees it is resolved and rates it.
    await page.goto(chatUrl);
    await page.getByText("Đã trả lời xong", { exact: false }).first().waitFor();
    await page.getByRole("button", { name: "5 sao" }).click();
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page.getByText("Bạn đã đánh giá 5/5").waitFor();
    await shot("11-citizen-rated");
    const hasScript = await page.evaluate(() => document.querySelectorAll(".bubble-text script").length);
    assert.equal(hasScript, 0);
  },
};
