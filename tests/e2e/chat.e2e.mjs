import assert from "node:assert/strict";

export const tests = {
  async "a citizen the bot cannot help writes to the ward; an officer replies; the citizen rates"({ page, baseUrl, shot, newPage }) {
    // Citizen: choose the ward, ask something no procedure answers.
    await page.goto(`${baseUrl}/ward`);
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.locator('[data-code="11617"]').click();
    await page.getByText("Phường An Hải").first().waitFor();
    const question = "Nhà hàng xóm xây lấn sang lối đi chung thì tôi báo ai?";
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
    await shot("07-citizen-sent");
    const chatUrl = page.url();

    // Officer, in another browser: log in, find it in Unassigned, reply, resolve.
    const officer = await newPage();
    await officer.goto(`${baseUrl}/staff`);
    await officer.getByLabel("Tên đăng nhập").fill("canbo.anhai");
    await officer.getByLabel("Mật khẩu").fill("demo-motcua");
    await officer.getByRole("button", { name: "Đăng nhập" }).click();
    await officer.getByText("Hộp thư cán bộ").waitFor();
    await officer.getByRole("button", { name: "Chưa giao" }).click();
    const item = officer.locator("[data-conversation]").first();
    await item.waitFor();
    await item.click();
    await officer.getByText(question, { exact: false }).first().waitFor();
    await officer.getByLabel("Nội dung trả lời").fill("Bác gửi đơn kiến nghị về UBND phường, cán bộ địa chính sẽ xuống kiểm tra ạ.");
    await officer.getByRole("button", { name: "Gửi" }).click();
    await officer.getByText("cán bộ địa chính sẽ xuống kiểm tra", { exact: false }).first().waitFor();
    await officer.getByRole("button", { name: "Đánh dấu đã xong" }).click();
    await officer.getByRole("button", { name: "Đánh dấu đã xong" }).waitFor({ state: "detached" });
    await officer.screenshot({ path: shot.pathFor("08-officer-replied") });

    // Citizen sees the reply (polling) and rates it.
    await page.goto(chatUrl);
    await page.getByText("cán bộ địa chính sẽ xuống kiểm tra", { exact: false }).first().waitFor();
    await page.getByRole("button", { name: "5 sao" }).click();
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page.getByText("Bạn đã đánh giá 5/5").waitFor();
    await shot("09-citizen-rated");
    const hasScript = await page.evaluate(() => document.querySelectorAll(".bubble-text script").length);
    assert.equal(hasScript, 0);
  },
};
