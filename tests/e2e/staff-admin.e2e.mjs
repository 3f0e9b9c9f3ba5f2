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
};
