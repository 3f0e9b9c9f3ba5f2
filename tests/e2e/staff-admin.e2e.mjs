import assert from "node:assert/strict";

export const tests = {
  async "a ward admin links an officer's Zalo with a one-time code; the officer signs in with Zalo"({ page, baseUrl, shot, newPage }) {
    // Ward admin on the centre's desktop.
    const admin = await newPage();
    await admin.goto(`${baseUrl}/staff`);
    await admin.getByLabel("Tên đăng nhập").fill("quantri.anhai");
    await admin.getByLabel("Mật khẩu").fill("demo-motcua");
    await admin.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await admin.getByRole("button", { name: "Tài khoản cán bộ" }).click();
    const card = admin.locator('[data-account="canbo.anhai"]');
    await card.getByRole("button", { name: "Tạo mã liên kết Zalo" }).click();
    const code = (await card.locator(".link-code").textContent())?.trim() ?? "";
    assert.match(code, /^\d{8}$/);
    await admin.screenshot({ path: shot.pathFor("12-admin-link-code") });

    // The officer, on their phone (the development preview stands in for Zalo).
    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel("Mã liên kết (lần đầu)").fill(code);
    // The code is tried against the named account only.
    await page.getByLabel("Tên đăng nhập").first().fill("canbo.anhai");
    await page.getByRole("button", { name: "Đăng nhập bằng Zalo" }).click();
    await page.getByText("Hộp thư cán bộ").waitFor();
    await shot("13-officer-zalo-inbox");

    // The admin sees the link.
    await admin.reload();
    await card.getByText("Đã liên kết Zalo", { exact: false }).waitFor();
  },

  async "a ward admin pins a field; the ward's citizens see it first"({ page, baseUrl, newPage }) {
    const admin = await newPage();
    await admin.goto(`${baseUrl}/staff`);
    await admin.getByLabel("Tên đăng nhập").fill("quantri.anhai");
    await admin.getByLabel("Mật khẩu").fill("demo-motcua");
    await admin.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await admin.getByRole("button", { name: "Thứ tự lĩnh vực" }).click();
    // Start from no pins (earlier runs share the test database).
    while (await admin.getByRole("button", { name: /^Bỏ ghim / }).count()) await admin.getByRole("button", { name: /^Bỏ ghim / }).first().click();
    await admin.getByRole("button", { name: "Ghim Chứng thực", exact: true }).click();
    await admin.getByRole("button", { name: "Ghim Đất đai", exact: true }).click();
    await admin.getByRole("button", { name: "Đưa Đất đai lên" }).click();
    await admin.getByRole("button", { name: "Lưu thứ tự" }).click();
    await admin.getByRole("button", { name: "Lưu thứ tự" }).and(admin.locator(":disabled")).waitFor();

    await page.addInitScript(() =>
      window.localStorage.setItem("motcua.ward", JSON.stringify({ code: "11617", name: "Phường An Hải", type: "Phường", provinceCode: "31", provinceName: "Thành phố Hải Phòng" })),
    );
    await page.goto(`${baseUrl}/`);
    const fields = page.locator(".section > .row-list [data-field]");
    await fields.first().waitFor();
    assert.deepEqual((await fields.evaluateAll((els) => els.map((e) => e.getAttribute("data-field")))).slice(0, 3), ["Đất đai", "Chứng thực", "Hộ tịch"]);

    // Unpinned again, the ward-centre order returns.
    await admin.getByRole("button", { name: "Bỏ ghim Đất đai" }).click();
    await admin.getByRole("button", { name: "Bỏ ghim Chứng thực" }).click();
    await admin.getByText("Chưa ghim lĩnh vực nào.").waitFor();
    await admin.getByRole("button", { name: "Lưu thứ tự" }).click();
    await admin.getByRole("button", { name: "Lưu thứ tự" }).and(admin.locator(":disabled")).waitFor();
    // Another citizen's phone (this one keeps its copy of the list for a while, as it should offline).
    const other = await newPage();
    await other.addInitScript(() =>
      window.localStorage.setItem("motcua.ward", JSON.stringify({ code: "11617", name: "Phường An Hải", type: "Phường", provinceCode: "31", provinceName: "Thành phố Hải Phòng" })),
    );
    await other.goto(`${baseUrl}/`);
    await other.locator('.section > .row-list [data-field="Hộ tịch"]').first().waitFor();
    assert.equal(await other.locator(".section > .row-list [data-field]").first().getAttribute("data-field"), "Hộ tịch");
  },
};
