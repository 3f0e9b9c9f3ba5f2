// The edge of the API: body cap, security headers, caching, CORS, secrets; and sessions:
// logout and revocation, shorter staff sessions, canonical signatures, single-use tickets.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { resetSessionCache, usableSecret } from "../../worker/src/platform/auth";
import { CITIZEN_TTL_S, DEV_SESSION_SECRET, signSession, STAFF_TTL_S, verifySession } from "../../worker/src/platform/session";
import { apiWith } from "./d1-double";
import { api, get, json, login, MONDAY_9AM, seedDemo } from "./seed";

let citizenA: string, citizenB: string, officerAnHai: string, adminAnHai: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ citizenA, citizenB, officerAnHai, adminAnHai } = await seedDemo());
});

const payloadOf = (token: string) => JSON.parse(atob(token.split(".")[0].replace(/-/g, "+").replace(/_/g, "/")));

describe("body cap", () => {
  it("answers 413 to a body over 64 kB, before parsing it", async () => {
    const big = JSON.stringify({ question: "a".repeat(70_000) });
    const res = await api("/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    // Without a Content-Length (a stream), the cap still holds.
    const stream = new ReadableStream({
      start(ctl) {
        for (let i = 0; i < 80; i++) ctl.enqueue(new TextEncoder().encode("x".repeat(1024)));
        ctl.close();
      },
    });
    const streamed = await api("/api/conversations", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${citizenA}` }, body: stream, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    // 5 MB: the same answer.
    expect((await api("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: "{" + " ".repeat(5_000_000) + "}" })).status).toBe(413);
  });
});

describe("headers", () => {
  it("every response has security headers; personal data is never cached, the catalog may be", async () => {
    const mine = await api("/api/conversations", get(citizenA));
    expect(mine.headers.get("x-content-type-options")).toBe("nosniff");
    expect(mine.headers.get("referrer-policy")).toBe("no-referrer");
    expect(mine.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(mine.headers.get("cache-control")).toBe("no-store");
    for (const path of ["/api/conversations/summary", "/api/auth/zalo", "/api/nope"]) {
      const r = await api(path, path.includes("auth") ? json("POST", { accessToken: "dev-x" }) : get(citizenA));
      expect(r.headers.get("cache-control"), path).toBe("no-store");
      expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    const record = await api("/api/procedures/1.001193");
    expect(record.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
  });
});

describe("CORS", () => {
  const preflight = (origin: string, overrides = {}) =>
    apiWith(env.DB, "/api/ask", { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } }, overrides);

  it("allows Zalo's mini-app origins and localhost in development, nobody else", async () => {
    expect((await preflight("https://h5.zdn.vn")).headers.get("access-control-allow-origin")).toBe("https://h5.zdn.vn");
    expect((await preflight("http://localhost:3000")).headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
    // Production: localhost is not allowed.
    expect((await preflight("http://localhost:3000", { ENVIRONMENT: "production" })).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("secrets", () => {
  it("outside development the worker refuses to sign with the committed or a short secret", async () => {
    expect(usableSecret({ ...env, ENVIRONMENT: "production", SESSION_SECRET: DEV_SESSION_SECRET })).toBeNull();
    expect(usableSecret({ ...env, ENVIRONMENT: "production", SESSION_SECRET: "short" })).toBeNull();
    expect(usableSecret({ ...env, ENVIRONMENT: "production", SESSION_SECRET: undefined })).toBeNull();
    const refused = await apiWith(env.DB, "/api/auth/login", json("POST", { username: "canbo.anhai", password: "demo-motcua" }), {
      ENVIRONMENT: "production",
      SESSION_SECRET: DEV_SESSION_SECRET,
    });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("auth_unavailable");
    // And tokens signed with it are not accepted there.
    const forged = await signSession({ sub: "acc-quantri-anhai", role: "ward_admin", ward: "11617" }, DEV_SESSION_SECRET);
    const used = await apiWith(env.DB, "/api/staff/accounts", get(forged), { ENVIRONMENT: "production", SESSION_SECRET: DEV_SESSION_SECRET });
    expect(used.status).toBe(401);
  });

  it("the top-level wrangler.toml environment is not development", async () => {
    // vitest runs `--env dev`; the file's top level is what a bare `wrangler deploy` ships.
    const toml = (await import("../../wrangler.toml?raw")).default as string;
    const top = toml.split(/^\[env\./m)[0];
    expect(top).toMatch(/ENVIRONMENT = "production"/);
    expect(top).not.toMatch(/^SESSION_SECRET\s*=/m);
  });
});

describe("sessions", () => {
  it("staff sessions are shorter than citizens'", () => {
    expect(payloadOf(officerAnHai).exp - payloadOf(citizenA).exp).toBe(STAFF_TTL_S - CITIZEN_TTL_S);
    expect(STAFF_TTL_S).toBeLessThan(CITIZEN_TTL_S);
  });

  it("logout ends every session of the account, a new sign-in works", async () => {
    const second = (await login("canbo.anhai")).body.token;
    expect((await api("/api/conversations", get(second))).status).toBe(200);
    expect((await api("/api/auth/logout", json("POST", {}, second))).status).toBe(200);
    resetSessionCache(); // as another isolate would, after its cache time
    expect((await api("/api/conversations", get(second))).status).toBe(401);
    expect((await api("/api/conversations", get(officerAnHai))).status).toBe(401);
    officerAnHai = (await login("canbo.anhai")).body.token;
    expect((await api("/api/conversations", get(officerAnHai))).status).toBe(200);
    expect((await api("/api/auth/logout", json("POST", {}))).status).toBe(401);
  });

  it("accepts only the canonical signature encoding", async () => {
    const [payload, sig] = citizenB.split(".");
    const secret = env.SESSION_SECRET!;
    expect(await verifySession(citizenB, secret)).not.toBeNull();
    // Same bytes, other spellings: padded, standard alphabet, non-zero trailing bits.
    const std = sig.replace(/-/g, "+").replace(/_/g, "/");
    const last = sig.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sibling = alphabet[(alphabet.indexOf(last) & ~3) | ((alphabet.indexOf(last) + 1) & 3)];
    for (const variant of [`${sig}=`, std !== sig ? std : `${sig}==`, `${sig.slice(0, -1)}${sibling}`, ` ${sig}`]) {
      expect(await verifySession(`${payload}.${variant}`, secret), variant).toBeNull();
    }
  });

  it("a live ticket opens one socket, and a citizen gets one only for a ward where they have a conversation", async () => {
    expect((await api("/api/live/ticket", json("POST", { wardCode: "11557" }, citizenB))).status).toBe(403);
    await api("/api/conversations", json("POST", { wardCode: "11617", text: "Hỏi về khai tử" }, citizenB));
    const { ticket } = (await api("/api/live/ticket", json("POST", { wardCode: "11617" }, citizenB))).body;
    const { exports } = await import("cloudflare:workers");
    const open = () => (exports as unknown as { default: Fetcher }).default.fetch(`http://test/api/live?ticket=${encodeURIComponent(ticket)}`, { headers: { upgrade: "websocket" } });
    const first = await open();
    expect(first.status).toBe(101);
    const again = await open();
    expect(again.status).toBe(401);
  });
});

describe("ward isolation of local procedures", () => {
  it("a conversation cannot be attached to another ward's own procedure", async () => {
    const hall = { name: "Đăng ký sử dụng hội trường khu phố", documents: [], fee: { kind: "free" }, time: { value: 1, unit: "working_days" }, steps: [], legalBases: [] };
    const { code } = (await api("/api/staff/local-procedures", json("POST", hall, adminAnHai))).body;
    const other = await api("/api/conversations", json("POST", { wardCode: "11557", procedureCode: code, text: "Cho tôi hỏi" }, citizenA));
    expect(other.status).toBe(400);
    const own = await api("/api/conversations", json("POST", { wardCode: "11617", procedureCode: code, text: "Cho tôi hỏi" }, citizenA));
    expect(own.status).toBe(201);
  });
});
