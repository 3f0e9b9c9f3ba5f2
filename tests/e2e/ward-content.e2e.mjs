import assert from "node:assert/strict";

async function adminPage(newPage, baseUrl) {
  const admin = await newPage();
  await admin.goto(`${baseUrl}/staff`);
  await admin.getByLabel("Tên đăng nhập").fill("quantri.anhai");
  await admin.getByLabel("Mật khẩu").fill("demo-motcua");
  await admin.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await admin.getByText("Hộp thư cán bộ").waitFor();
  return admin;
}

// Accept the browser's confirm() when the admin deletes or retires something.
const acceptDialogs = (p) => p.on("dialog", (d) => d.accept());

async function removeCards(admin, selector, button) {
  // Leftovers of an earlier, interrupted run on the same development database; only cards that
  // still offer the button (a retired procedure stays listed without it).
  const cards = () => admin.locator(selector).filter({ has: admin.getByRole("button", { name: button }) });
  while ((await cards().count()) > 0) {
    const before = await cards().count();
    await cards().first().getByRole("button", { name: button }).click();
    for (let i = 0; i < 100 && (await cards().count()) >= before; i++) await admin.waitForTimeout(100);
    assert.ok((await cards().count()) < before, `could not remove ${selector}`);
  }
}

export const tests = {
  async "a ward admin adds an FAQ entry; the ward's citizens get it from the chatbot and on the home screen"({ page, baseUrl, shot, newPage }) {
    const stamp = `Mã kiểm tra ${Date.now()}`;
    const question = "Bộ phận một cửa phường có làm việc sáng thứ Bảy không?";
    const admin = await adminPage(newPage, baseUrl);
    acceptDialogs(admin);
    await admin.getByRole("button", { name: "Câu hỏi thường gặp" }).click();
    await admin.getByText("Thử hỏi như người dân").waitFor();
    await removeCards(admin, `[data-faq="${question}"]`, "Xóa");
    await admin.getByRole("button", { name: "Thêm câu hỏi" }).click();
    await admin.getByLabel("Câu hỏi", { exact: true }).fill(question);
    await admin.getByLabel("Trả lời").fill(`Có. Sáng thứ Bảy phường nhận hồ sơ hộ tịch, chứng thực từ 7 giờ 30 đến 11 giờ 30. ${stamp}`);
    await admin.getByLabel("Cách hỏi khác (mỗi dòng một cách)").fill("cuối tuần có làm không\nthứ 7 có mở cửa không");
    await admin.getByRole("button", { name: "Lưu" }).click();
    await admin.locator(`[data-faq="${question}"]`).waitFor();

    // The admin checks what the bot now says.
    await admin.getByLabel("Câu hỏi thử").fill("thu 7 phuong co lam ko");
    await admin.getByRole("button", { name: "Thử", exact: true }).click();
    await admin.locator(".ask-verdict", { hasText: "Trả lời bằng câu hỏi của phường" }).waitFor();
    await admin.screenshot({ path: shot.pathFor("14-admin-faq"), fullPage: true });

    // A citizen of the ward, on the phone.
    await page.goto(`${baseUrl}/ward`);
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.locator('[data-code="11617"]').click();
    await page.locator(".ward-faqs summary", { hasText: question }).waitFor();
    const input = page.getByLabel("Câu hỏi của bạn");
    await input.fill("thu 7 phuong co lam viec ko ad");
    await input.press("Enter");
    const card = page.locator('.bot-card[data-source="ward_faq"]');
    await card.waitFor();
    assert.match(await card.textContent(), new RegExp(stamp));
    await card.getByText("Phường An Hải trả lời").waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot("15-citizen-ward-faq");

    // Clean up the development database.
    await removeCards(admin, `[data-faq="${question}"]`, "Xóa");
  },

  async "a ward admin publishes a local procedure; the ward's citizens find it by asking"({ page, baseUrl, shot, newPage }) {
    const name = "Đăng ký sử dụng nhà văn hóa khu phố";
    const admin = await adminPage(newPage, baseUrl);
    acceptDialogs(admin);
    await admin.getByRole("button", { name: "Thủ tục của phường" }).click();
    await admin.getByText("Chỉ thêm thủ tục chưa có", { exact: false }).waitFor();
    await removeCards(admin, `[data-local-procedure="${name}"]`, "Ngừng áp dụng");
    await admin.getByRole("button", { name: "Thêm thủ tục" }).click();
    await admin.getByLabel("Tên thủ tục").fill(name);
    await admin.getByLabel("Lĩnh vực").fill("Văn hóa cơ sở");
    await admin.getByLabel("Giấy tờ phải nộp (mỗi dòng một giấy tờ)").fill("Đơn đăng ký sử dụng nhà văn hóa (mẫu của phường)");
    await admin.getByLabel("Giấy tờ mang theo để xuất trình (mỗi dòng một giấy tờ)").fill("Căn cước của người đăng ký");
    await admin.getByLabel("Lệ phí").selectOption("free");
    await admin.getByLabel("Thời hạn giải quyết").fill("2");
    await admin.getByRole("button", { name: "Lưu" }).click();
    await admin.locator(`[data-local-procedure="${name}"]`).first().waitFor();

    await page.goto(`${baseUrl}/ward`);
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.locator('[data-code="11617"]').click();
    const input = page.getByLabel("Câu hỏi của bạn");
    await input.fill("muon muon nha van hoa khu pho can giay to gi");
    await input.press("Enter");
    const card = page.locator('.bot-card[data-kind="answer"]');
    await card.waitFor();
    assert.match((await card.getAttribute("data-code")) ?? "", /^L11617-/);
    const docs = await card.locator('.fact[data-field="components"] li').allTextContents();
    assert.ok(docs.some((d) => d.startsWith("Đơn đăng ký sử dụng nhà văn hóa")), docs.join(" | "));
    await card.getByText("Thủ tục do Phường An Hải công bố.").waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot("16-citizen-local-procedure");
    await card.getByText("Xem chi tiết").click();
    await page.getByText("Thủ tục riêng của xã, phường").waitFor();
    await shot("17-local-procedure-page");

    await removeCards(admin, `[data-local-procedure="${name}"]`, "Ngừng áp dụng");
    await admin.locator(`[data-local-procedure="${name}"] .status-pill`, { hasText: "Ngừng áp dụng" }).first().waitFor();
  },

  async "a ward admin posts a notice about a procedure; citizens see it at home and with the answer"({ page, baseUrl, shot, newPage }) {
    const title = "Chứng thực bản sao chuyển sang quầy số 3";
    const admin = await adminPage(newPage, baseUrl);
    acceptDialogs(admin);
    await admin.getByRole("button", { name: "Thông báo" }).click();
    await admin.getByRole("button", { name: "Đăng thông báo" }).waitFor();
    await removeCards(admin, `[data-admin-notice="${title}"]`, "Xóa");
    await admin.getByRole("button", { name: "Đăng thông báo" }).click();
    await admin.getByLabel("Tiêu đề").fill(title);
    await admin.getByLabel("Nội dung").fill("Từ hôm nay, hồ sơ chứng thực bản sao từ bản chính nhận tại quầy số 3, tầng 1.");
    await admin.getByLabel("Tìm thủ tục liên quan").fill("chứng thực bản sao từ bản chính");
    await admin.locator(".choice", { hasText: "Chứng thực bản sao từ bản chính" }).first().click();
    await admin.getByLabel("Ghim lên đầu").check();
    await admin.getByRole("button", { name: "Đăng", exact: true }).click();
    await admin.locator(`[data-admin-notice="${title}"]`, { hasText: "Đang hiển thị" }).waitFor();
    await admin.screenshot({ path: shot.pathFor("18-admin-notice"), fullPage: true });

    await page.goto(`${baseUrl}/ward`);
    await page.getByLabel("Tên xã, phường").fill("an hai hai phong");
    await page.locator('[data-code="11617"]').click();
    const home = page.locator(`.notices [data-notice="${title}"]`);
    await home.waitFor();
    await home.scrollIntoViewIfNeeded();
    await shot("19-citizen-home-notice");
    const input = page.getByLabel("Câu hỏi của bạn");
    await input.fill("chung thuc ban sao tu ban chinh can mang gi");
    await input.press("Enter");
    const card = page.locator('.bot-card[data-kind="answer"]');
    await card.waitFor();
    await card.locator("[data-notices]", { hasText: title }).waitFor();
    await card.locator("[data-notices]").scrollIntoViewIfNeeded();
    await shot("20-citizen-answer-notice");

    await removeCards(admin, `[data-admin-notice="${title}"]`, "Xóa");
  },

  async "a ward admin turns an answered conversation into an FAQ entry"({ baseUrl, shot, newPage }) {
    // A citizen's question and an officer's reply, through the API (the chat screens have their own test).
    const call = async (method, route, body, token) => {
      const res = await fetch(`${baseUrl}${route}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      assert.ok(res.ok, `${method} ${route}: ${res.status}`);
      return res.json();
    };
    const question = `Phường có chỗ photo giấy tờ không ạ? (${Date.now()})`;
    const answer = "Có, máy photo ở sảnh tầng 1, 500 đồng một trang.";
    const citizen = (await call("POST", "/api/auth/zalo", { accessToken: "dev-e2e-faq-citizen" })).token;
    const { conversation } = await call("POST", "/api/conversations", { wardCode: "11617", text: question }, citizen);
    const officer = (await call("POST", "/api/auth/login", { username: "canbo.anhai", password: "demo-motcua" })).token;
    await call("POST", `/api/conversations/${conversation.id}/messages`, { text: answer }, officer);

    const admin = await adminPage(newPage, baseUrl);
    acceptDialogs(admin);
    await admin.goto(`${baseUrl}/staff/c/${conversation.id}`);
    await admin.getByRole("button", { name: "Lưu thành câu hỏi thường gặp" }).click();
    assert.equal(await admin.getByLabel("Câu hỏi", { exact: true }).inputValue(), question);
    assert.equal(await admin.getByLabel("Trả lời", { exact: true }).inputValue(), answer);
    // The admin makes the question general before saving.
    await admin.getByLabel("Câu hỏi", { exact: true }).fill("Phường có chỗ photo giấy tờ không?");
    await admin.waitForTimeout(500); // page transition
    await admin.screenshot({ path: shot.pathFor("21-admin-faq-from-thread"), fullPage: true });
    await admin.getByRole("button", { name: "Lưu", exact: true }).click();
    await admin.locator('[data-faq="Phường có chỗ photo giấy tờ không?"]').waitFor();
    await removeCards(admin, '[data-faq="Phường có chỗ photo giấy tờ không?"]', "Xóa");
  },
};
