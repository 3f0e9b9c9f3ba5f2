// The citizen's screens of issue 11: home order, the answer as a checklist, the fee note, the
// conversation's context, the saved checklist, directions, honest search, the ward picker.
import assert from "node:assert/strict";
import { askOnHome, withWard } from "./helpers.mjs";

const KHAI_SINH = "làm giấy khai sinh cần gì";

export const tests = {
  async "the home page starts with Hộ tịch and puts customs and tax under 'Thủ tục cấp khác'"({ page, context, baseUrl }) {
    await withWard(context);
    await page.goto(`${baseUrl}/`);
    const first = page.locator(".section .row-list").first().locator("[data-field]").first();
    assert.equal(await first.getAttribute("data-field"), "Hộ tịch");
    const other = page.locator("details.other-level");
    await other.locator("summary").click();
    await other.locator('[data-field="Hải quan"]').waitFor();
    assert.equal(await page.locator('.section > .row-list [data-field="Thuế"]').count(), 0);
    // A field's procedures: the most asked first, with everyday titles.
    await page.locator('[data-field="Hộ tịch"]').first().click();
    const codes = await page.locator(".row-button[data-code]").evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute("data-code")));
    for (const c of codes) assert.ok(["1.000656", "1.000894", "1.001193", "2.000635", "1.004772"].includes(c), codes.join(","));
    await page.locator(".row-title", { hasText: "Đăng ký khai sinh" }).first().waitFor();
  },

  async "the khai sinh answer is a short checklist: everyday title, special cases folded, 'Xem đầy đủ'"({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/`);
    await askOnHome(page, KHAI_SINH);
    const card = page.locator('.bot-card[data-kind="answer"]');
    await card.waitFor();
    assert.equal((await card.locator(".bot-title").textContent()).trim(), "Đăng ký khai sinh");
    const docs = await card.locator('.fact[data-field="components"] .doc-list').first().locator(".doc-name").allTextContents();
    assert.deepEqual(docs, ["Giấy chứng sinh", "Tờ khai đăng ký khai sinh theo mẫu"]);
    const special = card.locator("details.special");
    assert.match(await special.locator("summary").textContent(), /Trường hợp đặc biệt \(\d+\)/);
    assert.equal(await special.evaluate((d) => d.open), false);
    // Quantity once, in the label, not after every document.
    assert.match(await card.locator(".fact-label").first().textContent(), /mỗi loại 1 bản chính/);
    assert.equal(await card.locator(".doc-list .chip", { hasText: "1 bản chính" }).count(), 0);
    await shot("11-answer-checklist");
    await card.getByRole("button", { name: "Xem đầy đủ" }).click();
    assert.equal(await special.evaluate((d) => d.open), true);
    await special.getByText("bị bỏ rơi", { exact: false }).first().waitFor();
  },

  async "the chứng thực fee answer carries the record's note"({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/`);
    await askOnHome(page, "chứng thực bản sao hết bao nhiêu tiền");
    const fees = page.locator('.bot-card[data-kind="answer"] .fact[data-field="fees"]');
    await fees.waitFor();
    const text = (await fees.textContent()).replace(/\s+/g, " ");
    assert.match(text, /2\.000 đồng\/trang/);
    assert.match(text, /từ trang thứ 3 trở lên thu 1\.000 đồng\/trang/);
    assert.match(text, /không quá 200\.000 đồng\/bản/);
    assert.match(text, /10 USD\/bản — Tại cơ quan đại diện/);
    await fees.scrollIntoViewIfNeeded();
    await shot("12-fee-with-note");
  },

  async "a three-message conversation sends its context; 'Câu hỏi mới' clears it"({ page, baseUrl }) {
    const bodies = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/ask") && r.method() === "POST") bodies.push(r.postDataJSON());
    });
    await page.goto(`${baseUrl}/`);
    const answered = (n) => page.locator(".turn .bot-card[data-kind]:not(.typing)").nth(n - 1).waitFor();
    await askOnHome(page, KHAI_SINH);
    await answered(1);
    await askOnHome(page, "còn lệ phí?");
    await answered(2);
    await askOnHome(page, "nộp online được không?");
    await answered(3);
    assert.equal(bodies.length, 3);
    assert.equal(bodies[0].context, undefined);
    assert.deepEqual(bodies[1].context, { previous: [{ question: KHAI_SINH, code: "1.001193" }] });
    assert.equal(bodies[2].context.previous.length, 2);
    assert.deepEqual(bodies[2].context.previous[0], { question: KHAI_SINH, code: "1.001193" });
    assert.equal(bodies[2].context.previous[1].question, "còn lệ phí?");
    await page.getByRole("button", { name: "Câu hỏi mới" }).click();
    assert.equal(await page.locator(".turn").count(), 0);
    await askOnHome(page, "đăng ký tạm trú mất bao lâu");
    await answered(1);
    assert.equal(bodies[3].context, undefined);
  },

  async "the home conversation survives 'Xem chi tiết' and Back"({ page, baseUrl }) {
    await page.goto(`${baseUrl}/`);
    await askOnHome(page, KHAI_SINH);
    const card = page.locator('.bot-card[data-kind="answer"]');
    await card.waitFor();
    await card.getByRole("button", { name: "Xem chi tiết" }).click();
    await page.locator(".procedure-title").waitFor();
    await page.getByRole("button", { name: "Quay lại" }).click();
    await page.locator(".user-bubble", { hasText: KHAI_SINH }).waitFor();
    await page.locator('.bot-card[data-kind="answer"][data-code="1.001193"]').waitFor();
  },

  async "the document checklist is kept on the device and shared (mocked share sheet)"({ page, context, baseUrl, shot }) {
    await context.addInitScript(() => {
      window.__shared = [];
      window.__motcuaShare = async (d) => void window.__shared.push(d);
    });
    await page.goto(`${baseUrl}/`);
    await askOnHome(page, KHAI_SINH);
    await page.locator('.bot-card[data-kind="answer"]').getByRole("button", { name: "Lưu danh sách giấy tờ" }).click();
    const list = page.locator("[data-checklist]");
    await list.waitFor();
    await list.getByLabel("Giấy chứng sinh").check();
    await page.reload();
    await page.locator("[data-checklist]").waitFor();
    assert.equal(await page.locator("[data-checklist]").getByLabel("Giấy chứng sinh").isChecked(), true);
    await page.getByRole("button", { name: /Chia sẻ/ }).click();
    await page.getByText("Đã mở chia sẻ.").waitFor();
    const shared = await page.evaluate(() => window.__shared);
    assert.equal(shared.length, 1);
    assert.equal(shared[0].title, "Đăng ký khai sinh");
    assert.match(shared[0].text, /^Đăng ký khai sinh: giấy tờ cần mang/);
    assert.match(shared[0].text, /☑ Giấy chứng sinh/);
    assert.match(shared[0].text, /☐ Tờ khai đăng ký khai sinh theo mẫu/);
    assert.match(shared[0].text, /Trường hợp đặc biệt/);
    await shot("13-checklist");
    // Listed on the home page, readable from there.
    await page.goto(`${baseUrl}/`);
    await page.locator("[data-saved-checklists]").getByText("Đăng ký khai sinh").waitFor();
  },

  async "without a share sheet the checklist is copied as text"({ page, context, baseUrl }) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    await context.addInitScript(() => Object.defineProperty(navigator, "share", { value: undefined }));
    await page.goto(`${baseUrl}/procedures/2.000815/checklist`);
    await page.locator("[data-checklist]").waitFor();
    await page.getByRole("button", { name: /Chia sẻ hoặc chép/ }).click();
    await page.getByText("Đã chép danh sách", { exact: false }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao/);
  },

  async "'Chỉ đường' opens a maps link to the ward's coordinates"({ page, context, baseUrl }) {
    await withWard(context);
    await page.goto(`${baseUrl}/contact`);
    const link = page.locator("a[data-directions]");
    await link.waitFor();
    assert.equal(await link.getAttribute("href"), "https://www.google.com/maps/dir/?api=1&destination=20.8441,106.634");
    assert.equal(await link.getAttribute("target"), "_blank");
  },

  async "search says honestly when nothing fits, and offers an officer"({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent("xyzqw khong co gi")}`);
    const empty = page.locator("[data-empty-search]");
    await empty.waitFor();
    assert.match(await empty.textContent(), /Không tìm thấy thủ tục phù hợp/);
    await empty.getByRole("button", { name: "Hỏi cán bộ" }).waitFor();
    await shot("14-search-not-found");
  },

  async "the ward picker shows the province on every row and ranks 'an hai hai phong'"({ page, baseUrl }) {
    await page.goto(`${baseUrl}/ward`);
    await page.getByLabel("Tên xã, phường").fill("an hai");
    await page.locator("[data-code]").first().waitFor();
    const provinces = await page.locator(".row-button[data-code] .province").allTextContents();
    assert.ok(provinces.length >= 2);
    for (const p of provinces) assert.match(p, /^(Thành phố|Tỉnh) /);
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.waitForFunction(() => document.querySelector(".row-button[data-code]")?.getAttribute("data-code") === "11617");
  },
};
