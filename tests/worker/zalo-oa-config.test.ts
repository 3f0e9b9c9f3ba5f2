// "Kết nối Zalo OA": only the ward admin of that ward may read or change the ward's OA
// configuration; secrets are stored sealed and never come back from any route; the OAuth
// v4 consent with PKCE stores tokens; "Gửi thử" runs a signed test event end to end.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/src/db/client";
import { zaloOaConfigs } from "../../worker/src/db/schema";
import { signSession } from "../../worker/src/platform/session";
import { calls, fake, post, testOa } from "./zalo-helpers";
import { api, get, json, seedDemo } from "./seed";

const oa = testOa("config");
const SECRETS = { oaSecretKey: "oa-secret-config-123", appSecretKey: "app-secret-config-456" };
let t: Awaited<ReturnType<typeof seedDemo>> & { adminOther: string; system: string };

beforeAll(async () => {
  const base = await seedDemo();
  const secret = env.SESSION_SECRET!;
  t = {
    ...base,
    adminOther: await signSession({ sub: "acc-admin-11557", role: "ward_admin", ward: "11557" }, secret),
    system: await signSession({ sub: "acc-system", role: "system_admin" }, secret),
  };
  await fake("/__fake/reset", { oaId: oa.oaId, apps: [{ appId: oa.appId, appSecret: SECRETS.appSecretKey, oaId: oa.oaId, oaName: "Phường An Hải" }] });
});

const save = (token: string | undefined, body: Record<string, unknown>) => api("/api/staff/zalo-oa", json("PUT", body, token));

/** No answer may contain a secret or a token, in any form. */
async function expectNoSecrets(bodies: unknown[]) {
  const c = (await createDb(env.DB).select().from(zaloOaConfigs).where(eq(zaloOaConfigs.oaId, oa.oaId)))[0];
  const forbidden = [SECRETS.oaSecretKey, SECRETS.appSecretKey, c?.oaSecretKey, c?.appSecretKey, c?.accessToken, c?.refreshToken].filter(Boolean) as string[];
  for (const body of bodies) {
    const text = JSON.stringify(body);
    for (const f of forbidden) expect(text).not.toContain(f);
    expect(text).not.toMatch(/"(at|rt)\.[\w-]+\./);
  }
}

describe("authorization", () => {
  it("anonymous 401; citizens, officers and system admins 403, on every route", async () => {
    const routes: [string, string][] = [
      ["GET", "/api/staff/zalo-oa"],
      ["PUT", "/api/staff/zalo-oa"],
      ["POST", "/api/staff/zalo-oa/consent"],
      ["POST", "/api/staff/zalo-oa/test"],
    ];
    const body = { oaId: oa.oaId, appId: oa.appId, ...SECRETS };
    for (const [method, path] of routes) {
      const call = (token?: string) => api(path, method === "GET" ? get(token) : json(method, body, token));
      expect((await call()).status, `${method} ${path}`).toBe(401);
      for (const who of [t.citizenA, t.officerAnHai, t.officerThienHuong, t.system]) expect((await call(who)).status, `${method} ${path}`).toBe(403);
    }
    expect(await createDb(env.DB).select().from(zaloOaConfigs)).toEqual([]);
  });

  it("a ward admin sees and changes only their own ward's OA", async () => {
    const mine = await save(t.adminAnHai, { oaId: oa.oaId, appId: oa.appId, ...SECRETS });
    expect(mine.status).toBe(200);
    expect(mine.body.config).toMatchObject({ oaId: oa.oaId, appId: oa.appId, status: "pending", oaSecretKeySet: true, appSecretKeySet: true });
    expect(mine.body.webhookUrl).toBe("http://test/api/zalo/oa/webhook");
    // The other ward's admin: their own (empty) configuration, whatever they ask for.
    const other = await api("/api/staff/zalo-oa?ward=11617", get(t.adminOther));
    expect(other).toMatchObject({ status: 200, body: { config: null } });
    expect((await api("/api/staff/zalo-oa/consent?ward=11617", json("POST", {}, t.adminOther))).status).toBe(409);
    expect((await api("/api/staff/zalo-oa/test", json("POST", {}, t.adminOther))).status).toBe(409);
    // …and cannot take this OA for their ward.
    const steal = await save(t.adminOther, { oaId: oa.oaId, appId: oa.appId, oaSecretKey: "mine-now-123" });
    expect(steal).toMatchObject({ status: 409, body: { error: { code: "oa_taken" } } });
    const [row] = await createDb(env.DB).select().from(zaloOaConfigs).where(eq(zaloOaConfigs.oaId, oa.oaId));
    expect(row.wardCode).toBe("11617");
  });

  it("rejects bad input", async () => {
    expect((await save(t.adminAnHai, { oaId: "has spaces", appId: oa.appId })).status).toBe(400);
    expect((await save(t.adminAnHai, { oaId: oa.oaId, appId: oa.appId, oaSecretKey: "x" })).status).toBe(400);
    const fresh = await save(t.adminOther, { oaId: "oa-new-ward", appId: "app-x" });
    expect(fresh).toMatchObject({ status: 400, body: { error: { code: "invalid_input" } } });
  });
});

describe("secrets", () => {
  it("are sealed in D1 and never returned; blank fields keep what is saved", async () => {
    const again = await save(t.adminAnHai, { oaId: oa.oaId, appId: oa.appId });
    expect(again.status).toBe(200);
    expect(again.body.config).toMatchObject({ oaSecretKeySet: true, appSecretKeySet: true });
    const [row] = await createDb(env.DB).select().from(zaloOaConfigs).where(eq(zaloOaConfigs.oaId, oa.oaId));
    expect(row.oaSecretKey).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SECRETS.oaSecretKey);
    expect(JSON.stringify(row)).not.toContain(SECRETS.appSecretKey);
    await expectNoSecrets([again.body, (await api("/api/staff/zalo-oa", get(t.adminAnHai))).body]);
  });
});

describe("connecting", () => {
  it("OAuth v4 consent with PKCE: the callback stores the tokens and the OA is connected", async () => {
    const consent = await api("/api/staff/zalo-oa/consent", json("POST", {}, t.adminAnHai));
    expect(consent.status).toBe(200);
    const url = new URL(consent.body.url);
    expect(url.origin + url.pathname).toBe(`${env.FAKE_ZALO_URL}/v4/oa/permission`);
    expect(url.searchParams.get("app_id")).toBe(oa.appId);
    expect(url.searchParams.get("redirect_uri")).toBe("http://test/api/zalo/oa/callback");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    // The OA admin consents at Zalo, which redirects back with a code.
    const zalo = await fetch(url, { redirect: "manual" });
    expect(zalo.status).toBe(302);
    const back = new URL(zalo.headers.get("location")!);
    expect(back.searchParams.get("oa_id")).toBe(oa.oaId);
    const callback = await post(new Request(back.href));
    expect(callback.status).toBe(200);
    expect(callback.body).toContain("Đã kết nối Zalo OA");
    const [row] = await createDb(env.DB).select().from(zaloOaConfigs).where(eq(zaloOaConfigs.oaId, oa.oaId));
    expect(row).toMatchObject({ status: "connected", oauthStateHash: null, oauthVerifier: null });
    expect(row.accessExpiresAt! - Date.now()).toBeGreaterThan(24 * 3600_000);
    const exchange = (await calls(oa, "/v4/oa/access_token")).find((c) => c.outcome === "issued");
    const form = Object.fromEntries(new URLSearchParams(exchange.body));
    expect(form).toMatchObject({ app_id: oa.appId, grant_type: "authorization_code", code: back.searchParams.get("code") });
    expect(form.code_verifier).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(exchange.headers.secret_key).toBe(SECRETS.appSecretKey);
    // The state works once.
    const replay = await post(new Request(back.href));
    expect(replay.status).toBe(400);
    const view = await api("/api/staff/zalo-oa", get(t.adminAnHai));
    expect(view.body.config).toMatchObject({ status: "connected" });
    await expectNoSecrets([consent.body, view.body]);
  });

  it("consent for another OA is refused, and what Zalo sent back is shown as text", async () => {
    const consent = await api("/api/staff/zalo-oa/consent", json("POST", {}, t.adminAnHai));
    const state = new URL(consent.body.url).searchParams.get("state")!;
    const res = await post(new Request(`http://test/api/zalo/oa/callback?code=abc&state=${state}&oa_id=${encodeURIComponent("<img src=x onerror=alert(1)>")}`));
    expect(res.status).toBe(400);
    expect(res.body).toContain("Sai Official Account");
    expect(res.body).not.toContain("<img");
    expect(res.body).toContain("&#60;img");
  });

  it("a forged or expired state is refused", async () => {
    const res = await post(new Request("http://test/api/zalo/oa/callback?code=abc&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    expect(res.status).toBe(400);
  });

  it("'Gửi thử': a signed test event through the webhook checks and the bot, and the token at Zalo", async () => {
    const res = await api("/api/staff/zalo-oa/test", json("POST", {}, t.adminAnHai));
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: { key: string; ok: boolean }) => [s.key, s.ok])).toEqual([
      ["secrets", true],
      ["webhook", true],
      ["bot", true],
      ["token", true],
    ]);
    expect(res.body.ok).toBe(true);
    expect(res.body.reply).toContain("khai sinh");
    expect((await calls(oa, "/v2.0/oa/getoa")).length).toBeGreaterThan(0);
    await expectNoSecrets([res.body]);
    // Nothing was sent to anyone.
    expect((await calls(oa, "/v3.0/oa/message/cs")).length).toBe(0);
  });

  it("changing the OA id keeps the secrets (resealed) but needs consent again", async () => {
    const moved = await save(t.adminAnHai, { oaId: `${oa.oaId}-2`, appId: oa.appId });
    expect(moved.body.config).toMatchObject({ oaId: `${oa.oaId}-2`, status: "pending", oaSecretKeySet: true });
    const rows = await createDb(env.DB).select().from(zaloOaConfigs).where(eq(zaloOaConfigs.wardCode, "11617"));
    expect(rows).toHaveLength(1);
    expect(rows[0].accessToken).toBeNull();
  });
});
