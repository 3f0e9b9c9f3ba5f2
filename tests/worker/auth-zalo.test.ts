// Citizen sign-in through Zalo, against a fake Graph API that checks the documented request
// shape (GET {base}/v2.0/me with the mini-app access token in the `access_token` header).
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import app from "../../worker/src/app";

const post = (body: unknown, overrides: Record<string, unknown> = {}) =>
  app.request(
    "/api/auth/zalo",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    { ...env, ZALO_GRAPH_URL: "https://graph.fake.test", ...overrides },
    { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext,
  );

function fakeGraph() {
  const seen: { url: string; token: string | null }[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const token = new Headers(init?.headers).get("access_token");
    seen.push({ url: url.href, token });
    if (url.host !== "graph.fake.test" || url.pathname !== "/v2.0/me") return new Response("not found", { status: 404 });
    if (token === "good-zalo-token") return Response.json({ id: "8675309", name: "Nguyễn Văn A", error: 0 });
    return Response.json({ error: -216, message: "Access token is invalid" });
  });
  return seen;
}

afterEach(() => vi.restoreAllMocks());

describe("POST /api/auth/zalo", () => {
  it("verifies the token at the Graph API and issues a citizen session", async () => {
    const seen = fakeGraph();
    const res = await post({ accessToken: "good-zalo-token" });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const payload = JSON.parse(atob(token.split(".")[0].replace(/-/g, "+").replace(/_/g, "/")));
    expect(payload).toMatchObject({ sub: "zalo:8675309", role: "citizen" });
    expect(seen).toEqual([{ url: "https://graph.fake.test/v2.0/me?fields=id,name", token: "good-zalo-token" }]);
  });

  it("rejects tokens Zalo does not accept, and says so when Zalo is unreachable", async () => {
    fakeGraph();
    const bad = await post({ accessToken: "stolen-or-expired" });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_token");
    vi.restoreAllMocks();
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("network down"));
    const down = await post({ accessToken: "anything" });
    expect(down.status).toBe(502);
  });

  it("accepts dev-<id> only in development", async () => {
    const seen = fakeGraph();
    expect((await post({ accessToken: "dev-abc" })).status).toBe(200);
    expect(seen).toEqual([]);
    const prod = await post({ accessToken: "dev-abc" }, { ENVIRONMENT: "production" });
    expect(prod.status).toBe(401);
    expect(seen.length).toBe(1); // in production it went to Zalo, which refused it
  });

  it("refuses to issue sessions without a signing secret", async () => {
    const res = await post({ accessToken: "dev-abc" }, { SESSION_SECRET: undefined });
    expect(res.status).toBe(503);
  });
});
