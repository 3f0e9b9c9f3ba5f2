import assert from "node:assert/strict";

async function askQuestion(page, baseUrl, question) {
  await page.goto(`${baseUrl}/`);
  const input = page.getByLabel("Câu hỏi của bạn");
  await input.fill(question);
  await input.press("Enter");
}

export const tests = {
  async "asks 'lam giay khai sinh can gi' and sees the documents of 1.001193"({ page, baseUrl, shot }) {
    await askQuestion(page, baseUrl, "lam giay khai sinh can gi");
    const card = page.locator('.bot-card[data-kind="answer"]');
    await card.waitFor();
    assert.equal(await card.getAttribute("data-code"), "1.001193");
    const docs = await card.locator('.fact[data-field="components"] li').allTextContents();
    assert.ok(docs.some((d) => d.startsWith("Giấy chứng sinh")), docs.join(" | "));
    await card.scrollIntoViewIfNeeded();
    await shot("04-ask-khai-sinh");
    await card.getByText("Xem chi tiết").click();
    await page.locator(".procedure-title", { hasText: "Đăng ký khai sinh" }).waitFor();
  },

  async "asks 'giá vàng hôm nay' and is offered an officer instead of a procedure"({ page, baseUrl, shot }) {
    await askQuestion(page, baseUrl, "giá vàng hôm nay");
    const card = page.locator('.bot-card[data-kind="none"]');
    await card.waitFor();
    assert.equal(await page.locator('.bot-card[data-kind="answer"]').count(), 0);
    await card.getByText("Hỏi cán bộ").waitFor();
    await shot("05-ask-out-of-scope");
    await card.getByText("Hỏi cán bộ").click();
    await page.getByText("Bạn chọn xã, phường trước").waitFor();
  },

  async "keeps recent questions on the device"({ page, baseUrl }) {
    await askQuestion(page, baseUrl, "đăng ký tạm trú mất bao lâu");
    await page.locator(".bot-card[data-kind]").first().waitFor();
    await page.goto(`${baseUrl}/`);
    // The conversation is still there; a new one shows the recent questions.
    await page.locator(".user-bubble", { hasText: "đăng ký tạm trú mất bao lâu" }).waitFor();
    await page.getByRole("button", { name: "Câu hỏi mới" }).click();
    await page.getByRole("button", { name: "đăng ký tạm trú mất bao lâu" }).waitFor();
  },
};
