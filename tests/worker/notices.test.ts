// Ward notices: posted by the ward admin, shown to citizens while in force, attached to the
// answer about the procedure they concern.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, get, json, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, officerAnHai: string, adminAnHai: string, officerThienHuong: string;
const DAY = 24 * 60 * 60 * 1000;
const now = MONDAY_9AM.getTime();

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, officerAnHai, adminAnHai, officerThienHuong } = await seedDemo());
});

const notice = {
  title: "Chứng thực chuyển sang quầy số 3",
  body: "Từ thứ Hai, hồ sơ chứng thực bản sao nhận tại quầy số 3, tầng 1.",
  procedureCode: "2.000815",
};
const del = (path: string, token: string) => api(path, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
const current = async (ward = "11617") => (await api(`/api/wards/${ward}/notices`)).body.items.map((n: { title: string }) => n.title);

describe("ward notices", () => {
  let id: string;

  it("lets the ward admin post, edit and remove notices; citizens see those in force", async () => {
    const posted = await api("/api/staff/notices", json("POST", notice, adminAnHai));
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ title: notice.title, startsAt: now, endsAt: null, pinned: false });
    id = posted.body.id;
    await api("/api/staff/notices", json("POST", { title: "Nghỉ lễ", body: "Phường nghỉ ngày 2/9.", pinned: true }, adminAnHai));
    await api("/api/staff/notices", json("POST", { title: "Lịch tháng sau", body: "Sẽ thông báo.", startsAt: now + 2 * DAY }, adminAnHai));
    await api("/api/staff/notices", json("POST", { title: "Đã hết hạn", body: "Cũ.", startsAt: now - 3 * DAY, endsAt: now - DAY }, adminAnHai));

    // Pinned first; not-yet-started and ended notices are hidden from citizens.
    expect(await current()).toEqual(["Nghỉ lễ", notice.title]);
    expect(await current("11557")).toEqual([]);
    const all = await api("/api/staff/notices", get(adminAnHai));
    expect(Object.fromEntries(all.body.items.map((n: { title: string; state: string }) => [n.title, n.state]))).toEqual({
      [notice.title]: "current",
      "Nghỉ lễ": "current",
      "Lịch tháng sau": "scheduled",
      "Đã hết hạn": "ended",
    });

    vi.setSystemTime(now + 3 * DAY);
    expect(await current()).toContain("Lịch tháng sau");
    vi.setSystemTime(MONDAY_9AM);

    const edited = await api(`/api/staff/notices/${id}`, json("PUT", { ...notice, title: "Chứng thực: quầy số 3" }, adminAnHai));
    expect(edited.body).toMatchObject({ title: "Chứng thực: quầy số 3", startsAt: now, procedureName: expect.stringContaining("Chứng thực bản sao") });
  });

  it("comes with the answer about its procedure while in force", async () => {
    const ask = (question: string, wardCode?: string) => api("/api/ask", json("POST", { question, ...(wardCode ? { wardCode } : {}) }));
    const q = "chứng thực bản sao từ bản chính cần gì";
    const mine = await ask(q, "11617");
    expect(mine.body.answer.code).toBe("2.000815");
    expect(mine.body.answer.notices).toEqual([expect.objectContaining({ title: "Chứng thực: quầy số 3", body: notice.body })]);
    expect((await ask(q, "11557")).body.answer.notices).toEqual([]);
    expect((await ask(q)).body.answer.notices).toEqual([]);

    expect((await del(`/api/staff/notices/${id}`, adminAnHai)).status).toBe(200);
    expect((await ask(q, "11617")).body.answer.notices).toEqual([]);
    expect(await current()).toEqual(["Nghỉ lễ"]);
  });

  it("validates input and is closed to everyone but the ward's admin", async () => {
    expect((await api("/api/staff/notices", json("POST", { ...notice, title: "" }, adminAnHai))).status).toBe(400);
    expect((await api("/api/staff/notices", json("POST", { ...notice, startsAt: now, endsAt: now - 1 }, adminAnHai))).status).toBe(400);
    expect((await api("/api/staff/notices", json("POST", { ...notice, procedureCode: "9.999999" }, adminAnHai))).body.error.code).toBe("invalid_procedure");
    expect((await api("/api/staff/notices", json("POST", { ...notice, startsAt: "tomorrow" }, adminAnHai))).status).toBe(400);
    expect((await api("/api/staff/notices", json("POST", notice, officerAnHai))).status).toBe(403);
    expect((await api("/api/staff/notices", json("POST", notice, officerThienHuong))).status).toBe(403);
    expect((await api("/api/staff/notices", json("POST", notice, citizenA))).status).toBe(403);
    expect((await api("/api/staff/notices")).status).toBe(401);
    expect((await api("/api/staff/notices/not-a-notice", json("PUT", notice, adminAnHai))).status).toBe(404);
    expect((await del("/api/staff/notices/not-a-notice", adminAnHai)).status).toBe(404);
    expect((await api("/api/wards/xyz/notices")).status).toBe(400);
  });
});
