// The authorization matrix, generated from the worker's route table: every route × every role
// (logged out, the owning citizen, another citizen, an officer and an admin of the ward, of
// another ward, a system admin). A route missing from EXPECTED fails the test, so a new route
// cannot be forgotten.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import app from "../../worker/src/app";
import { signSession, type Role } from "../../worker/src/platform/session";
import { api, demoPassword, json, MONDAY_9AM, seedDemo } from "./seed";

type Who = "anon" | "owner" | "citizen" | "officer" | "officerOther" | "admin" | "adminOther" | "system";
const WHO: Who[] = ["anon", "owner", "citizen", "officer", "officerOther", "admin", "adminOther", "system"];
/** "ok" is any 2xx. */
type Outcome = "ok" | 400 | 401 | 403 | 404 | 409;
type Row = Record<Who, Outcome>;

const row = (anon: Outcome, owner: Outcome, citizen: Outcome, officer: Outcome, officerOther: Outcome, admin: Outcome, adminOther: Outcome, system: Outcome): Row => ({
  anon, owner, citizen, officer, officerOther, admin, adminOther, system,
});
const PUBLIC = row("ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok");
/** A ward admin's own-ward resource (admin of another ward: not found). */
const ADMIN_ITEM = row(401, 403, 403, 403, 403, "ok", 404, "ok");
const ADMIN_LIST = row(401, 403, 403, 403, 403, "ok", "ok", "ok");
/** A conversation of the owner in the officer's and admin's ward. */
const THREAD_READ = row(401, "ok", 404, "ok", 404, "ok", 404, "ok");
const THREAD_POST = row(401, "ok", 404, "ok", 404, "ok", 404, 403);
const THREAD_STAFF = row(401, 403, 403, "ok", 404, "ok", 404, 403);
const THREAD_OWNER = row(401, "ok", 404, 403, 403, 403, 403, 403);
const CITIZEN_ONLY = row(401, "ok", "ok", 403, 403, 403, 403, 403);

interface Ctx {
  conv: string;
  faq: string;
  notice: string;
  local: string;
}
interface Spec {
  expect: Row;
  path?: (x: Ctx) => string;
  body?: unknown | (() => unknown);
  headers?: Record<string, string>;
  /** Prepares the resource before each cell (fresh per cell, so cells do not affect each other). */
  needs?: ("conv" | "resolved" | "faq" | "notice" | "local")[];
}

const hall = { name: "Đăng ký sử dụng nhà văn hóa khu phố", documents: [], fee: { kind: "free" }, time: { value: 1, unit: "working_days" }, steps: [], legalBases: [] };
const uniqueHall = () => ({ ...hall, name: `${hall.name} ${crypto.randomUUID().slice(0, 8)}` });
const faq = { question: "Phường có làm việc sáng thứ Bảy không?", answer: "Có, từ 7 giờ 30 đến 11 giờ 30.", keywords: "", procedureCode: null, published: true };
const notice = { title: "Nghỉ lễ Quốc khánh", body: "Bộ phận một cửa nghỉ ngày 2/9.", procedureCode: null, pinned: false };

const EXPECTED: Record<string, Spec> = {
  "GET /api/health": { expect: PUBLIC },
  "GET /api/health/ping": { expect: PUBLIC },
  "GET /api/wards": { expect: PUBLIC, path: () => "/api/wards?q=an%20hai" },
  "GET /api/wards/:code": { expect: PUBLIC, path: () => "/api/wards/11617" },
  "GET /api/wards/:code/contacts": { expect: PUBLIC, path: () => "/api/wards/11617/contacts" },
  "GET /api/wards/:code/faqs": { expect: PUBLIC, path: () => "/api/wards/11617/faqs" },
  "GET /api/wards/:code/notices": { expect: PUBLIC, path: () => "/api/wards/11617/notices" },
  "GET /api/fields": { expect: PUBLIC, path: () => "/api/fields?ward=11617" },
  "GET /api/fields/:field/procedures": { expect: PUBLIC, path: () => `/api/fields/${encodeURIComponent("Hộ tịch")}/procedures?ward=11617` },
  "GET /api/procedures": { expect: PUBLIC, path: () => "/api/procedures?q=khai%20sinh" },
  "GET /api/procedures/:code": { expect: PUBLIC, path: () => "/api/procedures/1.001193" },
  "POST /api/ask": { expect: PUBLIC, body: { question: "đăng ký khai sinh cần gì", wardCode: "11617" } },
  "POST /api/auth/zalo": { expect: PUBLIC, body: { accessToken: "dev-matrix-citizen" } },
  "POST /api/auth/login": { expect: PUBLIC, body: { username: "canbo.thienhuong", password: demoPassword } },
  "POST /api/auth/logout": { expect: row(401, "ok", "ok", "ok", "ok", "ok", "ok", "ok"), body: {} },
  // Not linked: nobody gets a staff session from an unknown Zalo identity, bearer or not.
  "POST /api/auth/zalo-staff": { expect: row(401, 401, 401, 401, 401, 401, 401, 401), body: { accessToken: "dev-matrix-unlinked" } },
  // Another ward than the threads below, so "citizen" stays without a conversation in 11617.
  "POST /api/conversations": { expect: row(401, "ok", "ok", 403, 403, 403, 403, 403), body: { wardCode: "11593", text: "Hỏi thử" } },
  "GET /api/conversations": { expect: row(401, "ok", "ok", "ok", "ok", "ok", "ok", "ok"), path: () => "/api/conversations?ward=11617" },
  "GET /api/conversations/summary": { expect: row(401, "ok", "ok", "ok", "ok", "ok", "ok", "ok") },
  "GET /api/conversations/:id": { expect: THREAD_READ, needs: ["conv"] },
  "POST /api/conversations/:id/messages": { expect: THREAD_POST, needs: ["conv"], body: { text: "Thêm một câu" } },
  "POST /api/conversations/:id/notes": { expect: THREAD_STAFF, needs: ["conv"], body: { text: "Ghi chú" } },
  "GET /api/conversations/:id/canned": { expect: THREAD_STAFF, needs: ["conv"] },
  "POST /api/conversations/:id/assign": { expect: THREAD_STAFF, needs: ["conv"], body: { officerId: "demo-11617-1" } },
  "POST /api/conversations/:id/resolve": { expect: THREAD_STAFF, needs: ["conv"], body: {} },
  "POST /api/conversations/:id/rating": { expect: THREAD_OWNER, needs: ["conv", "resolved"], body: { rating: 5 } },
  "POST /api/conversations/:id/callback": { expect: THREAD_OWNER, needs: ["conv"], body: { consent: true, accessToken: "dev", phoneToken: "dev-0900000321" } },
  "DELETE /api/conversations/:id/callback": { expect: THREAD_OWNER, needs: ["conv"] },
  // Citizens: only a ward where they have a conversation (the owner has one); the system admin has no ward.
  "POST /api/live/ticket": { expect: row(401, "ok", 403, "ok", "ok", "ok", "ok", 400), needs: ["conv"], body: { wardCode: "11617" } },
  // The socket is authorized by its ticket, never by a bearer token.
  "GET /api/live": { expect: row(401, 401, 401, 401, 401, 401, 401, 401), path: () => "/api/live?ticket=not-a-ticket", headers: { upgrade: "websocket" } },
  "GET /api/staff/field-order": { expect: ADMIN_LIST, path: () => "/api/staff/field-order?ward=11617" },
  "PUT /api/staff/field-order": { expect: ADMIN_LIST, path: () => "/api/staff/field-order?ward=11617", body: { pinned: ["Chứng thực"] } },
  "GET /api/staff/accounts": { expect: ADMIN_LIST, path: () => "/api/staff/accounts?ward=11617" },
  "POST /api/staff/accounts/:id/link-code": { expect: ADMIN_ITEM, path: () => "/api/staff/accounts/acc-canbo-anhai/link-code?ward=11617", body: {} },
  "DELETE /api/staff/accounts/:id/zalo": { expect: ADMIN_ITEM, path: () => "/api/staff/accounts/acc-canbo-anhai/zalo?ward=11617" },
  "GET /api/staff/faqs": { expect: ADMIN_LIST, path: () => "/api/staff/faqs?ward=11617" },
  "POST /api/staff/faqs": { expect: ADMIN_LIST, path: () => "/api/staff/faqs?ward=11617", body: faq },
  "PUT /api/staff/faqs/:id": { expect: ADMIN_ITEM, needs: ["faq"], path: (x) => `/api/staff/faqs/${x.faq}?ward=11617`, body: faq },
  "DELETE /api/staff/faqs/:id": { expect: ADMIN_ITEM, needs: ["faq"], path: (x) => `/api/staff/faqs/${x.faq}?ward=11617` },
  "GET /api/staff/local-procedures": { expect: ADMIN_LIST, path: () => "/api/staff/local-procedures?ward=11617" },
  "POST /api/staff/local-procedures": { expect: ADMIN_LIST, path: () => "/api/staff/local-procedures?ward=11617", body: () => uniqueHall() },
  "PUT /api/staff/local-procedures/:code": { expect: ADMIN_ITEM, needs: ["local"], path: (x) => `/api/staff/local-procedures/${x.local}?ward=11617`, body: () => uniqueHall() },
  "DELETE /api/staff/local-procedures/:code": { expect: ADMIN_ITEM, needs: ["local"], path: (x) => `/api/staff/local-procedures/${x.local}?ward=11617` },
  "GET /api/staff/notices": { expect: ADMIN_LIST, path: () => "/api/staff/notices?ward=11617" },
  "POST /api/staff/notices": { expect: ADMIN_LIST, path: () => "/api/staff/notices?ward=11617", body: notice },
  "PUT /api/staff/notices/:id": { expect: ADMIN_ITEM, needs: ["notice"], path: (x) => `/api/staff/notices/${x.notice}?ward=11617`, body: notice },
  "DELETE /api/staff/notices/:id": { expect: ADMIN_ITEM, needs: ["notice"], path: (x) => `/api/staff/notices/${x.notice}?ward=11617` },
  "GET /api/staff/access-log": { expect: ADMIN_LIST, path: () => "/api/staff/access-log?ward=11617" },
  "GET /api/staff/question-log": { expect: ADMIN_LIST, path: () => "/api/staff/question-log?ward=11617" },
  "GET /api/staff/privacy-settings": { expect: ADMIN_LIST, path: () => "/api/staff/privacy-settings?ward=11617" },
  "PUT /api/staff/privacy-settings": { expect: ADMIN_LIST, path: () => "/api/staff/privacy-settings?ward=11617", body: { retentionMonths: 12, improveAssistant: false } },
  // Zalo OA: the ward's own admin only (not a system admin: the OA speaks for the ward).
  "GET /api/staff/zalo-oa": { expect: row(401, 403, 403, 403, 403, "ok", "ok", 403) },
  "PUT /api/staff/zalo-oa": { expect: row(401, 403, 403, 403, 403, "ok", "ok", 403), body: () => ({ oaId: `oa-${crypto.randomUUID().slice(0, 8)}`, appId: "app-matrix", oaSecretKey: "s".repeat(20), appSecretKey: "a".repeat(20) }) },
  // Each admin acts on their own ward's OA (saved by the PUT cells above).
  "POST /api/staff/zalo-oa/consent": { expect: row(401, 403, 403, 403, 403, "ok", "ok", 403), body: {} },
  "POST /api/staff/zalo-oa/test": { expect: row(401, 403, 403, 403, 403, "ok", "ok", 403), body: {} },
  // Zalo's webhook is authorized by its signature, never by a bearer token.
  "POST /api/zalo/oa/webhook": { expect: row(401, 401, 401, 401, 401, 401, 401, 401), body: { app_id: "x", event_name: "user_send_text", timestamp: String(Date.now()) } },
  "GET /api/zalo/oa/callback": { expect: row(400, 400, 400, 400, 400, 400, 400, 400), path: () => "/api/zalo/oa/callback?code=x&oa_id=y&state=z" },
  "GET /api/me/data": { expect: CITIZEN_ONLY },
  "GET /api/me/data/export": { expect: CITIZEN_ONLY },
  "DELETE /api/me/data": { expect: CITIZEN_ONLY },
};

/** The worker's routes, without middleware, each once. */
const routeTable = () => [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];

const IDENTITY: Record<Exclude<Who, "anon">, { sub: string; role: Role; ward?: string; officer?: string }> = {
  owner: { sub: "dev:matrix-owner", role: "citizen" },
  citizen: { sub: "dev:matrix-other", role: "citizen" },
  officer: { sub: "acc-canbo-anhai", role: "officer", ward: "11617", officer: "demo-11617-1" },
  officerOther: { sub: "acc-canbo-thienhuong", role: "officer", ward: "11557", officer: "demo-11557-1" },
  admin: { sub: "acc-quantri-anhai", role: "ward_admin", ward: "11617" },
  adminOther: { sub: "acc-matrix-admin-11557", role: "ward_admin", ward: "11557" },
  system: { sub: "acc-matrix-system", role: "system_admin" },
};

/** A fresh token at the subject's current session version (a logout cell must not break the next). */
async function tokenOf(who: Who): Promise<string | undefined> {
  if (who === "anon") return undefined;
  const id = IDENTITY[who];
  const v = (await env.DB.prepare("SELECT version AS v FROM session_versions WHERE sub = ?").bind(id.sub).first<{ v: number }>())?.v ?? 0;
  return signSession({ ...id, v }, env.SESSION_SECRET!);
}

async function prepare(needs: Spec["needs"] = []): Promise<Ctx> {
  const x: Ctx = { conv: "", faq: "", notice: "", local: "" };
  const owner = (await tokenOf("owner"))!;
  const admin = (await tokenOf("admin"))!;
  if (needs.includes("conv")) {
    x.conv = (await api("/api/conversations", json("POST", { wardCode: "11617", procedureCode: "1.001193", text: "Cho tôi hỏi khai sinh" }, owner))).body.conversation.id;
  }
  if (needs.includes("resolved")) await api(`/api/conversations/${x.conv}/resolve`, json("POST", {}, (await tokenOf("officer"))!));
  if (needs.includes("faq")) x.faq = (await api("/api/staff/faqs", json("POST", faq, admin))).body.id;
  if (needs.includes("notice")) x.notice = (await api("/api/staff/notices", json("POST", notice, admin))).body.id;
  if (needs.includes("local")) x.local = (await api("/api/staff/local-procedures", json("POST", uniqueHall(), admin))).body.code;
  return x;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  await seedDemo();
});

describe("authorization matrix", () => {
  it("every route of the worker has an expected row (a new route must be added here)", () => {
    const missing = routeTable().filter((r) => !EXPECTED[r]);
    expect(missing).toEqual([]);
    const stale = Object.keys(EXPECTED).filter((r) => !routeTable().includes(r));
    expect(stale).toEqual([]);
  });

  for (const route of Object.keys(EXPECTED)) {
    it(route, async () => {
      const spec = EXPECTED[route];
      const [method, pattern] = route.split(" ");
      const failures: string[] = [];
      for (const who of WHO) {
        const x = await prepare(spec.needs);
        const path = spec.path ? spec.path(x) : pattern.replace(":id", x.conv);
        const token = await tokenOf(who);
        const headers: Record<string, string> = { ...(spec.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
        if (spec.body !== undefined) headers["content-type"] = "application/json";
        const body = typeof spec.body === "function" ? (spec.body as () => unknown)() : spec.body;
        const res = await api(path, { method, headers, body: body !== undefined ? JSON.stringify(body) : undefined });
        const want = spec.expect[who];
        const got = res.status >= 200 && res.status < 300 ? "ok" : res.status;
        if (got !== want) failures.push(`${who}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
      expect(failures).toEqual([]);
      // Eight cells with their own fixtures each; slow when the suite runs files in parallel.
    }, 60_000);
  }
});
