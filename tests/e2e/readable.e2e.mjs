// Every citizen screen at 360 px with 100 %, 150 % and 200 % text: nothing wider than the
// phone, no serious accessibility violation (axe-core); screenshots at 100 % and 200 %.
import { api, askOnHome, assertAccessible, assertNoHorizontalOverflow, citizenToken, staffToken, withWard } from "./helpers.mjs";

const SIZES = [100, 150, 200];

/** The screens, each opened fresh; `ready` waits for its content. */
function screens(baseUrl, chatId) {
  return {
    home: { url: "/", ready: (p) => p.getByText("Thủ tục làm tại xã, phường theo lĩnh vực").waitFor() },
    answer: {
      url: "/",
      ready: async (p) => {
        await p.getByText("Thủ tục làm tại xã, phường theo lĩnh vực").waitFor();
        await askOnHome(p, "làm giấy khai sinh cần gì");
        await p.locator('.bot-card[data-kind="answer"]').waitFor();
      },
    },
    procedure: { url: "/procedures/1.001193", ready: (p) => p.locator(".procedure-title").waitFor() },
    checklist: { url: "/procedures/1.001193/checklist", ready: (p) => p.locator("[data-checklist]").waitFor() },
    contact: { url: "/contact?procedure=1.001193", ready: (p) => p.getByText("Cán bộ phụ trách Hộ tịch").waitFor() },
    chat: { url: `/chat/${chatId}`, ready: (p) => p.locator(".bubble-text").first().waitFor() },
    notices: { url: "/notices", ready: (p) => p.locator("[data-notice]").first().waitFor() },
    search: { url: "/search?q=xyzqw%20khong%20co", ready: (p) => p.locator("[data-empty-search]").waitFor() },
    ward: {
      url: "/ward",
      ready: async (p) => {
        await p.getByLabel("Tên xã, phường").fill("an hai");
        await p.locator("[data-code]").first().waitFor();
      },
    },
  };
}

export const tests = {
  async "citizen screens stay within 360 px at 100/150/200 % text, with no serious axe violation"({ page, context, baseUrl, shot, textSize, axe }) {
    // Content for every screen: a notice, and a conversation of this device's citizen.
    const admin = await staffToken(baseUrl);
    const notice = await api(baseUrl, "/api/staff/notices", {
      method: "POST",
      headers: { authorization: `Bearer ${admin}` },
      body: { title: "Thứ Bảy này nhận hồ sơ khai sinh đến 11:30", body: "Bộ phận một cửa làm việc buổi sáng thứ Bảy. Bạn mang đủ giấy tờ theo danh sách nhé.", procedureCode: "1.001193" },
    });
    const citizen = await citizenToken(baseUrl, "e2e-readable");
    const conv = await api(baseUrl, "/api/conversations", {
      method: "POST",
      headers: { authorization: `Bearer ${citizen}` },
      body: { wardCode: "11617", procedureCode: "1.001193", text: "Cháu tôi sinh ở nhà, không có giấy chứng sinh thì làm khai sinh thế nào ạ?" },
    });
    await withWard(context);
    await context.addInitScript((t) => window.localStorage.setItem("motcua.citizen-token", t), citizen);
    try {
      for (const size of SIZES) {
        await textSize(size);
        for (const [name, s] of Object.entries(screens(baseUrl, conv.body.conversation.id))) {
          await page.evaluate(() => sessionStorage.clear()).catch(() => {});
          await page.goto(`${baseUrl}${s.url}`);
          await s.ready(page);
          await page.waitForTimeout(400);
          await assertNoHorizontalOverflow(page, `${name} at ${size} %`);
          if (size !== 150) await shot(`text-${size}-${name}`);
          if (size === 100 || size === 200) await assertAccessible(axe, page, `${name} at ${size} %`);
        }
      }
    } finally {
      await api(baseUrl, `/api/staff/notices/${notice.body.id}`, { method: "DELETE", headers: { authorization: `Bearer ${admin}` } });
    }
  },
};
