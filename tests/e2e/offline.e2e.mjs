// Flaky networks: an offline banner, asks and sends that wait and go out once, and what the
// citizen read before stays readable.
import assert from "node:assert/strict";
import { api, askOnHome, citizenToken, withWard } from "./helpers.mjs";

export const tests = {
  async "asking offline shows the banner and waits; the question goes out once the network is back"({ page, context, baseUrl, shot }) {
    const asks = [];
    page.on("requestfinished", (r) => r.url().endsWith("/api/ask") && asks.push(r.url()));
    await page.goto(`${baseUrl}/`);
    await page.getByLabel("Câu hỏi của bạn").waitFor();
    await context.setOffline(true);
    await page.locator("[data-offline-banner]").waitFor();
    await askOnHome(page, "làm giấy khai sinh cần gì");
    const waiting = page.locator('.bot-card[data-kind="waiting"]');
    await waiting.waitFor();
    await waiting.getByRole("button", { name: "Thử lại" }).waitFor();
    await shot("15-offline-ask");
    await context.setOffline(false);
    await page.locator('.bot-card[data-kind="answer"][data-code="1.001193"]').waitFor();
    assert.equal(await page.locator("[data-offline-banner]").count(), 0);
    assert.equal(asks.length, 1);
  },

  async "a failed ask says so with 'Thử lại', and retrying answers"({ page, baseUrl }) {
    let fail = true;
    await page.route("**/api/ask", (route) => (fail ? route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "Máy chủ đang bận, bạn thử lại nhé." } }) }) : route.continue()));
    await page.goto(`${baseUrl}/`);
    await askOnHome(page, "làm giấy khai sinh cần gì");
    const failed = page.locator('.bot-card[data-kind="error"]');
    await failed.getByText("Máy chủ đang bận").waitFor();
    fail = false;
    await failed.getByRole("button", { name: "Thử lại" }).click();
    await page.locator('.bot-card[data-kind="answer"]').waitFor();
  },

  async "a reply typed offline is queued and delivered once, with the same clientMessageId, even when the first send is cut off"({ page, context, baseUrl, shot }) {
    const token = await citizenToken(baseUrl, "e2e-offline");
    const conv = await api(baseUrl, "/api/conversations", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: { wardCode: "11617", text: "Cho tôi hỏi giờ làm việc thứ Bảy ạ?" },
    });
    const id = conv.body.conversation.id;
    await withWard(context);
    await context.addInitScript((t) => window.localStorage.setItem("motcua.citizen-token", t), token);
    await page.goto(`${baseUrl}/chat/${id}`);
    await page.locator(".bubble-text", { hasText: "giờ làm việc thứ Bảy" }).waitFor();

    const sent = [];
    let cutOff = 0;
    await page.route(`**/api/conversations/${id}/messages`, async (route) => {
      sent.push(route.request().postDataJSON());
      // The first delivery reaches the worker, but its answer is lost on the way back.
      if (cutOff++ === 0) {
        await route.fetch();
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await context.setOffline(true);
    const text = "Tôi gửi lúc mất mạng, cán bộ trả lời giúp ạ.";
    await page.getByLabel("Trả lời").fill(text);
    await page.getByRole("button", { name: "Gửi" }).click();
    await page.locator("[data-pending]").getByText("Đang chờ gửi").waitFor();
    await shot("16-offline-queued-reply");
    assert.equal(sent.length, 0);
    await context.setOffline(false);
    await page.locator(".bubble-text", { hasText: text }).waitFor({ timeout: 20_000 });
    await page.locator("[data-pending]").waitFor({ state: "detached", timeout: 20_000 });
    assert.ok(sent.length >= 2, `sends: ${sent.length}`);
    assert.equal(new Set(sent.map((b) => b.clientMessageId)).size, 1);
    // One copy in the thread, whatever the retries.
    const thread = await api(baseUrl, `/api/conversations/${id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(thread.body.messages.filter((m) => m.text === text).length, 1);
  },

  async "procedure pages, contacts and own threads already opened stay readable without the API"({ page, context, baseUrl }) {
    const token = await citizenToken(baseUrl, "e2e-offline-read");
    const conv = await api(baseUrl, "/api/conversations", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: { wardCode: "11617", procedureCode: "1.000656", text: "Khai tử cho bà tôi cần mang gì ạ?" },
    });
    await withWard(context);
    await context.addInitScript((t) => window.localStorage.setItem("motcua.citizen-token", t), token);
    for (const url of ["/procedures/1.000656", "/contact?procedure=1.000656", `/chat/${conv.body.conversation.id}`]) {
      await page.goto(`${baseUrl}${url}`);
      await page.locator(".procedure-title, [data-officer], .bubble-text").first().waitFor();
    }
    // The device copy is written shortly after each change.
    await page.waitForTimeout(2000);
    await context.route("**/api/**", (route) => route.abort("internetdisconnected"));
    await page.goto(`${baseUrl}/procedures/1.000656`);
    await page.locator(".procedure-title", { hasText: "Đăng ký khai tử" }).waitFor();
    await page.goto(`${baseUrl}/contact?procedure=1.000656`);
    await page.locator("[data-officer]").first().waitFor();
    await page.goto(`${baseUrl}/chat/${conv.body.conversation.id}`);
    await page.locator(".bubble-text", { hasText: "Khai tử cho bà tôi" }).waitFor();
  },
};
