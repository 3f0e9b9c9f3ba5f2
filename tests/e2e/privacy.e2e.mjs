import assert from "node:assert/strict";

export const tests = {
  async "first use links the privacy notice; a citizen sees, downloads and erases their data"({ page, baseUrl, shot, textSize }) {
    await page.goto(`${baseUrl}/`);
    const firstUse = page.locator(".privacy-first-use");
    await firstUse.waitFor();
    await shot("30-privacy-first-use");
    await firstUse.getByRole("button", { name: "Xem thông báo" }).click();
    await page.getByText("Ai chịu trách nhiệm").waitFor();
    await page.getByText("Quyền của bạn").waitFor();
    await shot("31-privacy-notice");
    await textSize(200);
    await shot("31-privacy-notice-200");
    await textSize(100);
    // Acknowledged: the home page no longer shows the card, but keeps the links.
    await page.goto(`${baseUrl}/`);
    await page.locator(".privacy-links").waitFor();
    assert.equal(await page.locator(".privacy-first-use").count(), 0);

    // A conversation, sent with this device's session.
    await page.goto(`${baseUrl}/my-data`);
    await page.getByText("Bạn chưa nhắn tin cho cán bộ nào").waitFor();
    const token = await page.evaluate(() => localStorage.getItem("motcua.citizen-token"));
    assert.ok(token);
    const res = await page.evaluate(async (t) => {
      const r = await fetch("/api/conversations", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${t}` },
        body: JSON.stringify({ wardCode: "11617", text: "Tôi muốn hỏi về đăng ký khai sinh cho con" }),
      });
      return r.status;
    }, token);
    assert.equal(res, 201);
    await page.reload();
    await page.getByText("Cuộc trò chuyện với cán bộ (1)").waitFor();
    await page.getByText("Tôi muốn hỏi về đăng ký khai sinh cho con", { exact: false }).waitFor();
    await shot("32-my-data");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải dữ liệu của tôi về máy" }).click()]);
    assert.equal(download.suggestedFilename(), "mot-cua-du-lieu-cua-toi.json");
    await textSize(200);
    await shot("32-my-data-200");

    await page.getByRole("button", { name: "Xóa dữ liệu của tôi" }).click();
    await page.getByRole("button", { name: "Xóa vĩnh viễn" }).click();
    await page.getByText("Đã xóa dữ liệu của bạn").waitFor();
    await shot("33-my-data-erased-200");
    assert.equal(await page.evaluate(() => localStorage.getItem("motcua.citizen-token")), "");
  },

  async "a ward admin sets retention and sees which officer opened which conversation"({ page, baseUrl, shot }) {
    // An officer opens a thread (through the API, as the inbox would).
    const login = async (username) =>
      (await (await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "demo-motcua" }) })).json()).token;
    const citizen = (await (await fetch(`${baseUrl}/api/auth/zalo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ accessToken: "dev-e2e-privacy" }) })).json()).token;
    const conv = (
      await (
        await fetch(`${baseUrl}/api/conversations`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${citizen}` },
          body: JSON.stringify({ wardCode: "11617", text: "Hỏi về chứng thực bản sao học bạ" }),
        })
      ).json()
    ).conversation;
    const officer = await login("canbo.anhai");
    assert.equal((await fetch(`${baseUrl}/api/conversations/${conv.id}`, { headers: { authorization: `Bearer ${officer}` } })).status, 200);

    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel("Tên đăng nhập").last().fill("quantri.anhai");
    await page.getByLabel("Mật khẩu").fill("demo-motcua");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.getByRole("button", { name: "Dữ liệu cá nhân" }).click();
    await page.getByText("Ai đã mở cuộc trò chuyện nào").waitFor();
    await page.getByText("Hỏi về chứng thực bản sao học bạ").first().waitFor();
    await page.getByText("canbo.anhai", { exact: false }).first().waitFor();
    await page.getByLabel("Ẩn danh cuộc trò chuyện sau").selectOption("6");
    await page.getByRole("button", { name: "Lưu cài đặt" }).click();
    await page.getByText("Đã lưu.").waitFor();
    await shot("34-admin-privacy");
  },
};
