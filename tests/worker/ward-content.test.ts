// A ward's own FAQ entries and procedures: managed by its admin only, answered to its own
// citizens only, and shown with the national answer they belong to.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "../../worker/src/db/client";
import { wardFaqs } from "../../worker/src/db/schema";
import { api, get, json, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, officerAnHai: string, adminAnHai: string, officerThienHuong: string;
const AN_HAI = "11617";
const THIEN_HUONG = "11557";

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, officerAnHai, adminAnHai, officerThienHuong } = await seedDemo());
  // Another ward's entry, written directly: An Hải's admin must not reach it.
  await createDb(env.DB)
    .insert(wardFaqs)
    .values({ id: "faq-thienhuong", wardCode: THIEN_HUONG, question: "Xã có nhận hồ sơ buổi tối không?", answer: "Không.", createdAt: 1, updatedAt: 1 });
});

const ask = (question: string, wardCode?: string) => api("/api/ask", json("POST", { question, ...(wardCode ? { wardCode } : {}) }));
const faq = {
  question: "Bộ phận một cửa phường có làm việc sáng thứ Bảy không?",
  answer: "Có. Sáng thứ Bảy phường tiếp nhận hồ sơ hộ tịch và chứng thực từ 7 giờ 30 đến 11 giờ 30.",
  keywords: "cuối tuần có làm không, thứ 7 có mở cửa không",
};
const birthNote = {
  question: "Đăng ký khai sinh ở phường nộp tại quầy nào?",
  answer: "Quầy số 2 (hộ tịch), tầng 1.",
  procedureCode: "1.001193",
};

describe("ward FAQ management", () => {
  let id: string;

  it("lets the ward admin create, edit, list and delete entries", async () => {
    const created = await api("/api/staff/faqs", json("POST", faq, adminAnHai));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ question: faq.question, published: true, procedureCode: null });
    id = created.body.id;
    const linked = await api("/api/staff/faqs", json("POST", birthNote, adminAnHai));
    expect(linked.body.procedureName).toBe("Thủ tục đăng ký khai sinh");

    const edited = await api(`/api/staff/faqs/${id}`, json("PUT", { ...faq, answer: `${faq.answer} Chiều thứ Bảy nghỉ.` }, adminAnHai));
    expect(edited.status).toBe(200);
    expect(edited.body.answer).toContain("Chiều thứ Bảy nghỉ.");
    const list = await api("/api/staff/faqs", get(adminAnHai));
    expect(list.body.items.map((f: { question: string }) => f.question).sort()).toEqual([birthNote.question, faq.question].sort());
  });

  it("validates input and links only to procedures that exist", async () => {
    expect((await api("/api/staff/faqs", json("POST", { ...faq, question: "?" }, adminAnHai))).status).toBe(400);
    expect((await api("/api/staff/faqs", json("POST", { ...faq, answer: "x".repeat(2001) }, adminAnHai))).status).toBe(400);
    const missing = await api("/api/staff/faqs", json("POST", { ...faq, procedureCode: "9.999999" }, adminAnHai));
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("invalid_procedure");
    const notJson = await api("/api/staff/faqs", { method: "POST", headers: { authorization: `Bearer ${adminAnHai}`, "content-type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
  });

  it("is closed to officers, citizens, logged-out callers and other wards' entries", async () => {
    expect((await api("/api/staff/faqs", get(officerAnHai))).status).toBe(403);
    expect((await api("/api/staff/faqs", json("POST", faq, officerThienHuong))).status).toBe(403);
    expect((await api("/api/staff/faqs", json("POST", faq, citizenA))).status).toBe(403);
    expect((await api("/api/staff/faqs")).status).toBe(401);
    expect((await api("/api/staff/faqs/faq-thienhuong", json("PUT", faq, adminAnHai))).status).toBe(404);
    expect((await api("/api/staff/faqs/faq-thienhuong", { method: "DELETE", headers: { authorization: `Bearer ${adminAnHai}` } })).status).toBe(404);
    expect((await api(`/api/staff/faqs/${id}`, json("PUT", faq, officerAnHai))).status).toBe(403);
  });

  it("answers the ward's citizens with the entry, and only them", async () => {
    const mine = await ask("thu 7 phuong co mo cua ko", AN_HAI);
    expect(mine.status).toBe(200);
    expect(mine.body.kind).toBe("answer");
    expect(mine.body.answer).toMatchObject({ source: "ward_faq", faqId: id, name: faq.question, code: null });
    expect(mine.body.answer.text).toContain("Chiều thứ Bảy nghỉ.");
    const elsewhere = await ask("thu 7 phuong co mo cua ko", THIEN_HUONG);
    expect(elsewhere.body.answer?.source).not.toBe("ward_faq");
    expect((await ask("thu 7 phuong co mo cua ko")).body.answer?.source).not.toBe("ward_faq");
  });

  it("adds the ward's notes to the national answer they are linked to", async () => {
    const { body } = await ask("lam giay khai sinh can gi", AN_HAI);
    expect(body.answer).toMatchObject({ source: "catalog", code: "1.001193" });
    expect(body.answer.wardNotes).toEqual([expect.objectContaining({ question: birthNote.question, answer: birthNote.answer })]);
    expect((await ask("lam giay khai sinh can gi", THIEN_HUONG)).body.answer.wardNotes).toEqual([]);
  });

  it("shows published entries to citizens, and unpublished ones to nobody but the admin", async () => {
    await api(`/api/staff/faqs/${id}`, json("PUT", { ...faq, published: false }, adminAnHai));
    const pub = await api(`/api/wards/${AN_HAI}/faqs`);
    expect(pub.status).toBe(200);
    expect(pub.body.items.map((f: { question: string }) => f.question)).toEqual([birthNote.question]);
    expect(JSON.stringify(pub.body)).not.toContain("keywords");
    expect((await ask("thu 7 phuong co mo cua ko", AN_HAI)).body.answer?.source).not.toBe("ward_faq");
    expect((await api(`/api/wards/abc/faqs`)).status).toBe(400);

    expect((await api(`/api/staff/faqs/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${adminAnHai}` } })).status).toBe(200);
    expect((await api("/api/staff/faqs", get(adminAnHai))).body.items).toHaveLength(1);
  });
});

describe("ward's own procedures", () => {
  const hall = {
    name: "Đăng ký sử dụng nhà văn hóa khu phố",
    field: "Văn hóa cơ sở",
    documents: [{ name: "Đơn đăng ký sử dụng nhà văn hóa (theo mẫu của phường)" }, { name: "Căn cước của người đăng ký", submit: "show" }],
    fee: { kind: "unknown" },
    time: { value: 2, unit: "working_days" },
    steps: ["Nộp đơn tại Bộ phận một cửa hoặc cho Trưởng khu phố.", "Phường trả lời trong 2 ngày làm việc."],
  };
  let code: string;

  it("lets the ward admin publish one, stored and shown like a national record", async () => {
    const created = await api("/api/staff/local-procedures", json("POST", hall, adminAnHai));
    expect(created.status).toBe(201);
    code = created.body.code;
    expect(code).toMatch(/^L11617-[a-z0-9]{6}$/);
    const detail = await api(`/api/procedures/${code}?ward=11617`);
    expect((await api(`/api/procedures/${code}?ward=11557`)).status).toBe(404);
    expect(detail.body).toMatchObject({ name: hall.name, origin: "local", levels: ["xa"], sourceUrl: null, steps: hall.steps });
    expect(detail.body.documents[1]).toMatchObject({ name: hall.documents[1].name, submit: "show", quantity: { text: "1 bản chính" } });
    // A fee the ward did not set is not published, never free.
    expect(detail.body.methods[0].fee.status).toBe("not_published");
    expect(detail.body.methods[0].time).toMatchObject({ value: 2, unit: "working_days" });
    // The same name twice would only make citizens choose between copies.
    const twice = await api("/api/staff/local-procedures", json("POST", { ...hall, name: "đăng ký sử dụng  nhà văn hoá khu phố" }, adminAnHai));
    expect(twice.status).toBe(409);
  });

  it("answers the ward's citizens from it, not other wards'", async () => {
    const q = "muon muon nha van hoa khu pho thi dang ky the nao";
    const mine = await ask(q, AN_HAI);
    expect(mine.body.kind).toBe("answer");
    expect(mine.body.answer).toMatchObject({ source: "catalog", code });
    expect(mine.body.answer.text).toContain("Nguồn: thủ tục do xã, phường công bố.");
    expect((await ask(q, THIEN_HUONG)).body.answer?.code).not.toBe(code);
    const listed = await api(`/api/procedures?q=nha van hoa&ward=${AN_HAI}`);
    expect(listed.body.items.map((p: { code: string }) => p.code)).toContain(code);
    expect((await api("/api/procedures?q=nha van hoa")).body.items.map((p: { code: string }) => p.code)).not.toContain(code);
  });

  it("takes edits at once and retires instead of deleting", async () => {
    const edited = await api(`/api/staff/local-procedures/${code}`, json("PUT", { ...hall, fee: { kind: "amount", amount: 200000 } }, adminAnHai));
    expect(edited.status).toBe(200);
    expect(edited.body.methods[0].fee).toMatchObject({ status: "amount", amount: 200000 });
    // Said as the ward names it: "mượn" for "sử dụng" is for the scorer to weigh, not this test.
    const fee = await ask("phi su dung nha van hoa khu pho bao nhieu", AN_HAI);
    expect(fee.body.answer.facts.find((f: { field: string }) => f.field === "fees").lines.join(" ")).toContain("200.000 đồng");

    expect((await api(`/api/staff/local-procedures/${code}`, { method: "DELETE", headers: { authorization: `Bearer ${adminAnHai}` } })).status).toBe(200);
    expect((await ask("muon nha van hoa khu pho", AN_HAI)).body.answer?.code).not.toBe(code);
    const list = await api("/api/staff/local-procedures", get(adminAnHai));
    expect(list.body.items).toEqual([expect.objectContaining({ code, status: "retired" })]);
  });

  it("validates input and is closed to everyone but the ward's admin", async () => {
    expect((await api("/api/staff/local-procedures", json("POST", { ...hall, name: "" }, adminAnHai))).status).toBe(400);
    expect((await api("/api/staff/local-procedures", json("POST", { ...hall, fee: { kind: "amount" } }, adminAnHai))).status).toBe(400);
    expect((await api("/api/staff/local-procedures", json("POST", { ...hall, documents: "x" }, adminAnHai))).status).toBe(400);
    expect((await api("/api/staff/local-procedures", json("POST", hall, officerAnHai))).status).toBe(403);
    expect((await api("/api/staff/local-procedures", json("POST", hall, citizenA))).status).toBe(403);
    expect((await api("/api/staff/local-procedures")).status).toBe(401);
    expect((await api("/api/staff/local-procedures/L11557-abcdef", json("PUT", hall, adminAnHai))).status).toBe(404);
    expect((await api("/api/staff/local-procedures/1.001193", json("PUT", hall, adminAnHai))).status).toBe(400);
  });
});
