// Seeded fuzzing of every route (from the worker's route table), logged out and as each role,
// with hostile input: random Unicode, combining marks, RTL, emoji, 100 kB strings, huge and
// negative numbers, FTS5/SQL syntax, JSON type confusion, bad JSON, wrong content types,
// control characters in tokens. Property: no 5xx, no unhandled exception, every error in the
// API's shape. `npm test` runs FUZZ_RUNS (default 3,000); `npm run fuzz` runs 20,000.
// Failures found are minimized by fast-check and kept as cases in fuzz-regressions.test.ts.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import app from "../../worker/src/app";
import { api, MONDAY_9AM, seedDemo } from "./seed";

const RUNS = Number(env.FUZZ_RUNS ?? 3000);
const SEED = Number(env.FUZZ_SEED ?? 20260613);

let tokens: string[] = [];
let convId = "";
const errors: string[] = [];

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  const t = await seedDemo();
  tokens = [t.citizenA, t.citizenB, t.officerAnHai, t.adminAnHai, t.officerThienHuong];
  const conv = await api("/api/conversations", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${t.citizenA}` },
    body: JSON.stringify({ wardCode: "11617", procedureCode: "1.001193", text: "Khai sinh cần gì?" }),
  });
  convId = conv.body.conversation.id;
  // Zalo's Graph API is faked: no request leaves the machine, and every non-dev token is refused.
  vi.spyOn(globalThis, "fetch").mockImplementation(async () => Response.json({ error: -216, message: "Access token is invalid" }));
  // The worker logs unexpected failures with console.error ("unhandled …", "database failure …").
  vi.spyOn(console, "error").mockImplementation((...args) => void errors.push(args.map(String).join(" ")));
});

afterAll(() => vi.restoreAllMocks());

const routes = () => [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];

const HOSTILE = [
  "",
  " ",
  "\u0000",
  "\u0000\u0001\u001f\u007f",
  "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
  "\u202eالعربية\u202c",
  "שלום עולם",
  "👨‍👩‍👧‍👦🇻🇳🔥",
  "\ud800",
  "\udfff\ud800",
  "\u200b\u200c\u200d\ufeff",
  "' OR 1=1 --",
  "\"; DROP TABLE conversations; --",
  "%_\\%",
  "\"khai sinh\" OR NEAR(a b) *",
  "a* AND b* NOT c",
  "^khai",
  "khai:sinh",
  "{\"__proto__\":{\"x\":1}}",
  "constructor",
  "__proto__",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "Thay đổi kỳ tính thuế giá trị gia tăng từ tháng sang quý",
  Array.from({ length: 100 }, (_, i) => "abcdefghij"[i % 10]).join(" "),
  "x".repeat(100_000),
  "đ".repeat(5000),
  "1e309",
  "-1",
  "0",
  "9007199254740993",
  "NaN",
  "Infinity",
  "11617",
  "1.001193",
  "dev-0900000123",
  "dev-fuzz",
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("đ", "ư", "ơ", "a", " ", "́", "̉", "%", "_", "\"", "*"), maxLength: 80 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e309, -1, 0, 2 ** 53 + 1, -(2 ** 63), Number.MAX_SAFE_INTEGER));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("text", "question", "a", "__proto__", "code"), tie("v"), { maxKeys: 3 }),
  ),
})).v;

/** The fields routes read, so bodies reach validation and beyond, not only the first check. */
const FIELDS = [
  "question", "wardCode", "text", "clientMessageId", "procedureCode", "field", "context", "accessToken", "phoneToken", "consent",
  "username", "password", "linkCode", "officerId", "rating", "comment", "name", "documents", "fee", "time", "steps", "legalBases",
  "answer", "keywords", "published", "title", "body", "pinned", "startsAt", "endsAt", "retentionMonths", "improveAssistant",
];
const QUERY = ["q", "limit", "cursor", "ward", "field", "level", "status", "view", "before", "province", "procedureCode", "ticket", "conversationId"];

/** Valid bodies per route: one field at a time is made hostile, so input reaches deep paths. */
const TEMPLATES: Record<string, Record<string, unknown>> = {
  "POST /api/ask": { question: "đăng ký khai sinh cần gì", wardCode: "11617" },
  "POST /api/conversations": { wardCode: "11617", procedureCode: "1.001193", text: "Cho tôi hỏi", clientMessageId: "f1" },
  "POST /api/conversations/:id/messages": { text: "Thêm một câu", clientMessageId: "m1" },
  "POST /api/conversations/:id/notes": { text: "Ghi chú" },
  "POST /api/conversations/:id/assign": { officerId: "demo-11617-1" },
  "POST /api/conversations/:id/rating": { rating: 5, comment: "tốt" },
  "POST /api/conversations/:id/callback": { consent: true, accessToken: "dev", phoneToken: "dev-0900000321" },
  "POST /api/auth/zalo": { accessToken: "dev-fuzz" },
  "POST /api/auth/login": { username: "canbo.thienhuong", password: "sai" },
  "POST /api/auth/zalo-staff": { accessToken: "dev-fuzz", linkCode: "12345678", username: "canbo.anhai" },
  "POST /api/live/ticket": { wardCode: "11617" },
  "POST /api/staff/faqs": { question: "Phường có làm thứ Bảy không?", answer: "Có", keywords: "", procedureCode: null, published: true },
  "POST /api/staff/notices": { title: "Nghỉ lễ", body: "Nghỉ ngày 2/9", procedureCode: null, pinned: false },
  "POST /api/staff/local-procedures": { name: "Xác nhận hội trường", documents: [{ name: "Đơn" }], fee: { kind: "free" }, time: { value: 1, unit: "working_days" }, steps: ["Nộp"], legalBases: [] },
  "PUT /api/staff/privacy-settings": { retentionMonths: 12, improveAssistant: false },
};
const nearValid = fc
  .tuple(fc.constantFrom(...Object.keys(TEMPLATES)), fc.nat(), fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: value }), fc.nat({ max: 5 }))
  .map(([route, k, v, mode]) => {
    const t = { ...TEMPLATES[route] };
    const keys = Object.keys(t);
    const key = keys[k % keys.length];
    // Strings get hostile strings (they pass type checks and reach the handler); sometimes any value.
    if (mode > 0) t[key] = typeof t[key] === "string" && typeof v !== "string" ? (JSON.stringify(v) ?? "") : v;
    return { route, raw: JSON.stringify(t) };
  });

const body = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }).map((o) => ({ kind: "json" as const, raw: JSON.stringify(o) })) },
  { weight: 1, arbitrary: value.map((v) => ({ kind: "json" as const, raw: JSON.stringify(v) ?? "null" })) },
  { weight: 1, arbitrary: fc.constantFrom("{", "[1,", "{\"text\":", "\u0000", "null", "", "{\"a\":1}}", "\ufeff{}").map((raw) => ({ kind: "json" as const, raw })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""), text)
      .map(([kind, raw]) => ({ kind, raw })),
  },
);

const auth = fc.oneof(
  { weight: 2, arbitrary: fc.constant<string | null>(null) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }).map((i) => `Bearer ${tokens[i]}`) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer({ min: 0, max: 4 }).map((i) => `Bearer ${tokens[i]}=`),
      fc.integer({ min: 0, max: 4 }).map((i) => `Bearer ${tokens[i].replace(/-/g, "+")}`),
      fc.integer({ min: 0, max: 4 }).map((i) => `Bearer ${tokens[i].slice(0, -2)}`),
      text.map((t) => `Bearer ${t}`),
      fc.constantFrom("Bearer", "Bearer ", "Basic abc", "bearer x.y", "Bearer a.b.c", "Bearer ..", `Bearer ${"A".repeat(5000)}.${"B".repeat(43)}`),
    ),
  },
);

const request = fc.oneof(
  { weight: 2, arbitrary: fc.record({
  route: fc.constantFrom(...routes()),
  // Mostly the route's own method and a real id, so requests reach the handlers.
  otherMethod: fc.oneof({ weight: 9, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD") }),
  param: fc.oneof({ weight: 4, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: text }),
  query: fc.dictionary(fc.constantFrom(...QUERY), text, { maxKeys: 4 }),
  body,
  auth,
  upgrade: fc.boolean(),
}) },
  {
    weight: 1,
    arbitrary: fc.record({ near: nearValid, auth: fc.integer({ min: 0, max: 4 }).map((i) => `Bearer ${tokens[i]}`), query: fc.dictionary(fc.constantFrom(...QUERY), text, { maxKeys: 2 }) }).map(({ near, auth: a, query }) => ({
      route: near.route,
      otherMethod: null as string | null,
      param: null as string | null,
      query,
      body: { kind: "application/json", raw: near.raw },
      auth: a,
      upgrade: false,
    })),
  },
);

type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;


/** Percent-encodes like a client; a lone surrogate goes as the invalid UTF-8 bytes a client could send. */
function encodeAny(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...v].map((ch) => { try { return encodeURIComponent(ch); } catch { return "%ED%A0%80"; } }).join("");
  }
}

/** What HTTP can carry in a header value (no NUL, CR, LF): a client cannot send more, so neither do we. */
const headerSafe = (v: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(v.trim()) && v === v.trim();

async function send(r: Req) {
  const [routeMethod, pattern] = r.route.split(" ");
  const method = r.otherMethod ?? routeMethod;
  const fill = (name: string) => {
    if (r.param !== null) return encodeAny(r.param);
    return name === ":id" ? convId : name === ":code" ? (pattern.includes("procedures") ? "1.001193" : "11617") : "x";
  };
  const path = pattern.replace(/:\w+/g, fill);
  const qs = Object.entries(r.query).map(([k, v]) => `${k}=${encodeAny(v)}`).join("&");
  const headers: Record<string, string> = {};
  if (r.auth && headerSafe(r.auth)) headers.authorization = r.auth;
  if (r.upgrade) headers.upgrade = "websocket";
  const hasBody = method !== "GET" && method !== "HEAD";
  if (hasBody && r.body.kind) headers["content-type"] = r.body.kind;
  let url: string;
  try {
    url = new URL(`http://test${path}${qs ? `?${qs}` : ""}`).href;
  } catch {
    return null;
  }
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  // Configured as in production (an app secret for the call-back exchange; the Graph API is faked):
  // a feature that is switched off answers 503 by design, which is not what this test looks for.
  return app.fetch(new Request(url, { method, headers, body: hasBody ? r.body.raw : undefined }), { ...env, ZALO_APP_SECRET: "fuzz-app-secret" }, ctx);
}

describe("fuzz: every route, every role, hostile input", () => {
  it(`${RUNS} requests (seed ${SEED}): no 5xx, no unhandled exception, errors in the API's shape`, { timeout: 60 * 60 * 1000 }, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = errors.length;
        const res = await send(r);
        if (!res) return;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const raw = res.status === 101 ? "" : await res.text();
        expect(res.status, raw.slice(0, 200)).toBeLessThan(500);
        expect(errors.slice(before), "logged failures").toEqual([]);
        // HEAD answers carry no body.
        if (res.status >= 400 && res.status !== 101 && (r.otherMethod ?? "") !== "HEAD") {
          const parsed = JSON.parse(raw) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof parsed.error?.code).toBe("string");
          expect(typeof parsed.error?.message).toBe("string");
          expect(res.headers.get("cache-control")).toBeTruthy();
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false, verbose: 1 },
    );
    console.log(`fuzz: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  });
});
