import assert from "node:assert/strict";

export const tests = {
  async "shows the officers responsible for a procedure in the chosen ward"({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/ward`);
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.locator('[data-code="11617"]').click();
    await page.getByText("Phường An Hải").first().waitFor();
    await page.goto(`${baseUrl}/procedures/1.001193`);
    await page.getByText("Gọi cán bộ phụ trách").click();
    await page.getByText("Cán bộ phụ trách Hộ tịch").waitFor();
    const officers = await page.locator("[data-officer]").allTextContents();
    assert.equal(officers.length, 2, officers.join(" | "));
    for (const o of officers) assert.match(o, /Hộ tịch/);
    await page.getByText("dữ liệu minh họa").waitFor();
    // Either open now, or it says when the centre opens again.
    const status = await page.locator(".open-now, .warning").first().textContent();
    assert.match(status, /Đang trong giờ làm việc|mở cửa lại lúc/);
    await shot("06-contact-officers");
  },
};
