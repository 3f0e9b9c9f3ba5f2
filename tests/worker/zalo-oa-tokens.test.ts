// OA tokens: refreshed by one Durable Object per OA, one refresh at a time. Zalo's refresh
// tokens are single-use and rotate (the fake refuses a second use), so two concurrent
// refreshes must end with one call to Zalo and the newest refresh token stored.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/src/db/client";
import { zaloOaConfigs } from "../../worker/src/db/schema";
import { open, secretContext } from "../../worker/src/zalo-oa/secret-box";
import { agent, calls, delivered, fake, officerReply, say, seedOa, testOa } from "./zalo-helpers";
import { seedDemo } from "./seed";

const TOKEN = "/v4/oa/access_token";
const oa = testOa("tokens");

const config = async () => (await createDb(env.DB).select().from(zaloOaConfigs).where(eq(zaloOaConfigs.oaId, oa.oaId)))[0];
const stored = async () => {
  const c = await config();
  return {
    access: await open(env.ZALO_OA_KEY, c.accessToken, secretContext(oa.oaId, "access_token")),
    refresh: await open(env.ZALO_OA_KEY, c.refreshToken, secretContext(oa.oaId, "refresh_token")),
    expiresAt: c.accessExpiresAt,
    status: c.status,
  };
};
const refreshCalls = async () => (await calls(oa, TOKEN)).filter((c) => new URLSearchParams(c.body).get("grant_type") === "refresh_token");

let officer: string;
beforeAll(async () => {
  ({ officerAnHai: officer } = await seedDemo());
});

describe("concurrent refresh", () => {
  it("the fake Zalo refuses a refresh token used twice (what the Durable Object must prevent)", async () => {
    const pair = await seedOa(oa, "expired");
    const form = (rt: string) => ({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: oa.appSecret },
      body: new URLSearchParams({ refresh_token: rt, app_id: oa.appId, grant_type: "refresh_token" }).toString(),
    });
    const first = (await (await fetch(`${env.FAKE_ZALO_URL}${TOKEN}`, form(pair!.refresh_token))).json()) as Record<string, unknown>;
    const second = (await (await fetch(`${env.FAKE_ZALO_URL}${TOKEN}`, form(pair!.refresh_token))).json()) as Record<string, unknown>;
    expect(first.access_token).toEqual(expect.any(String));
    expect(second).toMatchObject({ error: -14014 });
  });

  it("two refreshes fired at once: one call to Zalo, both get the new token, the rotated refresh token is kept", async () => {
    await seedOa(oa, "expired", { refreshDelayMs: 150 });
    const old = await stored();
    const stub = agent(oa.oaId);
    const [a, b] = await Promise.all([stub.accessToken(oa.oaId), stub.accessToken(oa.oaId)]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.token).toBe(b.token);
    expect(a.token).not.toBe(old.access);
    const refreshes = await refreshCalls();
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].outcome).toBe("issued");
    const now = await stored();
    expect(now.access).toBe(a.token);
    expect(now.refresh).not.toBe(old.refresh);
    expect(now.status).toBe("connected");
    // The chain is intact: the stored refresh token works for the next refresh.
    const again = await stub.accessToken(oa.oaId, a.token);
    expect(again.ok).toBe(true);
    expect((await refreshCalls()).map((c) => c.outcome)).toEqual(["issued", "issued"]);
  });

  it("two callers whose token Zalo refused at once share one refresh", async () => {
    await seedOa(oa, "fresh", { refreshDelayMs: 100 });
    const { access } = await stored();
    const stub = agent(oa.oaId);
    const results = await Promise.all([stub.accessToken(oa.oaId, access), stub.accessToken(oa.oaId, access), stub.accessToken(oa.oaId, access)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.token : "")))).toHaveProperty("size", 1);
    expect(await refreshCalls()).toHaveLength(1);
  });

  it("two officers replying at once with an expired token: one refresh, both replies delivered once", async () => {
    await seedOa(oa, "expired", { refreshDelayMs: 100 });
    await say(oa, "u-two", "Đăng ký kết hôn cần gì?");
    await say(oa, "u-two", "gặp cán bộ");
    const { conversations } = await import("../../worker/src/db/schema");
    const [conv] = await createDb(env.DB).select().from(conversations).where(eq(conversations.oaUserId, "u-two"));
    const before = (await delivered(oa, "u-two")).length;
    await Promise.all([officerReply(officer, conv.id, "Dạ, cán bộ A trả lời."), officerReply(officer, conv.id, "Dạ, cán bộ B bổ sung.")]);
    const got = await delivered(oa, "u-two");
    expect(got.slice(before).map((m) => m.text).sort()).toEqual(["Cán bộ trả lời:\nDạ, cán bộ A trả lời.", "Cán bộ trả lời:\nDạ, cán bộ B bổ sung."]);
    // The bot's first answer refreshed the expired token; nothing refreshed twice.
    expect((await refreshCalls()).map((c) => c.outcome)).toEqual(["issued"]);
  });
});

describe("expiry", () => {
  it("trusts the expires_in Zalo gives", async () => {
    await seedOa(oa, "expired", { expiresIn: "7200" });
    const t0 = Date.now();
    const r = await agent(oa.oaId).accessToken(oa.oaId);
    expect(r.ok).toBe(true);
    const { expiresAt } = await stored();
    expect(expiresAt! - t0).toBeGreaterThanOrEqual(7200_000 - 1000);
    expect(expiresAt! - Date.now()).toBeLessThanOrEqual(7200_000);
  });

  it("refreshes ahead of expiry from the alarm", async () => {
    await seedOa(oa, "fresh");
    await createDb(env.DB).update(zaloOaConfigs).set({ accessExpiresAt: Date.now() + 10 * 60_000 }).where(eq(zaloOaConfigs.oaId, oa.oaId));
    const stub = agent(oa.oaId);
    expect((await stub.accessToken(oa.oaId)).ok).toBe(true);
    expect(await refreshCalls()).toHaveLength(0);
    await runInDurableObject(stub, (_instance, state) => state.storage.setAlarm(Date.now() + 3600_000));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await refreshCalls()).toHaveLength(1);
    expect((await stored()).expiresAt! - Date.now()).toBeGreaterThan(24 * 3600_000);
  });

  it("a refused refresh token marks the OA for reconnection, with the reason for the admin", async () => {
    await seedOa(oa, "expired");
    await fake("/__fake/fail", { oaId: oa.oaId, path: TOKEN, mode: "reject", code: -14014, times: 1 });
    const r = await agent(oa.oaId).accessToken(oa.oaId);
    expect(r).toMatchObject({ ok: false });
    const c = await config();
    expect(c.status).toBe("reauth");
    expect(c.lastError).toContain("kết nối lại");
  });
});
