// Shared steps for the browser tests.
import assert from "node:assert/strict";

export const AN_HAI = { code: "11617", name: "Phường An Hải", type: "Phường", provinceCode: "31", provinceName: "Thành phố Hải Phòng" };

/** The citizen's ward, as the ward picker would have stored it. */
export async function withWard(context, ward = AN_HAI) {
  await context.addInitScript((w) => window.localStorage.setItem("motcua.ward", JSON.stringify(w)), ward);
}

export async function askOnHome(page, question) {
  const input = page.getByLabel("Câu hỏi của bạn");
  await input.fill(question);
  await input.press("Enter");
}

export async function api(baseUrl, path, init = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

export async function staffToken(baseUrl, username = "quantri.anhai") {
  const { body } = await api(baseUrl, "/api/auth/login", { method: "POST", body: { username, password: "demo-motcua" } });
  return body.token;
}

export async function citizenToken(baseUrl, device) {
  const { body } = await api(baseUrl, "/api/auth/zalo", { method: "POST", body: { accessToken: `dev-${device}` } });
  return body.token;
}

/**
 * Nothing wider than the phone: the page does not scroll sideways, no element sticks out of
 * the viewport, and no button cuts its own text off.
 */
export async function assertNoHorizontalOverflow(page, label) {
  const problems = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > vw + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
      const name = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} “${(el.textContent ?? "").trim().slice(0, 30)}”`;
      if (r.right > vw + 1 || r.left < -1) out.push(`${name} sticks out (${Math.round(r.left)}–${Math.round(r.right)})`);
      if ((el.tagName === "BUTTON" || el.tagName === "A") && el.scrollWidth > el.clientWidth + 1) out.push(`${name} cuts its text (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out.slice(0, 8);
  });
  assert.deepEqual(problems, [], `${label}: ${problems.join("; ")}`);
}

/** axe-core: no serious or critical violation. */
export async function assertAccessible(axe, page, label) {
  const violations = (await axe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 1)}`);
}
