import assert from "node:assert/strict";

export const tests = {
  async "picks a ward, opens khai sinh and sees its documents"({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/`);
    await page.getByText("Chọn xã, phường của bạn").first().click();
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.locator('[data-code="11617"]').click();
    await page.getByText("Phường An Hải").first().waitFor();
    await page.getByText("Thành phố Hải Phòng").first().waitFor();
    await shot("01-home-with-ward");

    await page.getByLabel("Tìm thủ tục").fill("dang ky khai sinh");
    await page.keyboard.press("Enter");
    await page.locator('[data-code="1.001193"]').click();
    await page.locator(".procedure-title", { hasText: "Đăng ký khai sinh" }).waitFor();
    await page.getByText("Giấy chứng sinh", { exact: false }).first().waitFor();
    const docs = await page.locator(".doc-name").allTextContents();
    assert.ok(docs.some((d) => d.startsWith("Giấy chứng sinh")), `documents: ${docs.join(" | ")}`);
    await shot("02-khai-sinh-documents");

    // The ward stays chosen after a reload (kept on the device).
    await page.goto(`${baseUrl}/`);
    await page.getByText("Phường An Hải").first().waitFor();
  },

  async "never shows 'Miễn phí' for a fee the province sets"({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/procedures/1.013225`);
    await page.getByText("Phí, thời gian").click();
    const fees = page.locator(".method .fee");
    await fees.first().waitFor();
    const texts = await fees.allTextContents();
    assert.ok(texts.length >= 3);
    for (const t of texts) {
      assert.match(t, /Hội đồng nhân dân/);
      assert.doesNotMatch(t, /Miễn phí/);
    }
    const inPerson = await page.locator('[data-channel="in_person"]').textContent();
    assert.match(inPerson, /15 ngày/);
    await shot("03-gpxd-fees");
  },
};
