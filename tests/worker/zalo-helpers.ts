// Helpers for the Zalo OA tests: each test file registers its own OA and app on the shared
// fake Zalo (tests/fake-zalo), seeds a configuration sealed with the test key, and posts
// events signed the way Zalo signs them.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import app from "../../worker/src/app";
import { createDb } from "../../worker/src/db/client";
import { zaloOaConfigs, zaloOaMessages } from "../../worker/src/db/schema";
import { forgetConfig } from "../../worker/src/zalo-oa/oa-store";
import { seal, secretContext } from "../../worker/src/zalo-oa/secret-box";
import { zaloMac } from "../../worker/src/zalo-oa/signature";

export const FAKE = () => env.FAKE_ZALO_URL;

export async function fake(path: string, body?: unknown) {
  const res = await fetch(`${FAKE()}${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await res.json()) as any;
}

export interface TestOa {
  oaId: string;
  appId: string;
  appSecret: string;
  oaSecret: string;
  wardCode: string;
}

export function testOa(name: string, wardCode = "11617"): TestOa {
  return { oaId: `oa-${name}`, appId: `app-${name}`, appSecret: `app-secret-${name}`, oaSecret: `oa-secret-${name}`, wardCode };
}

/** Registers the app at the fake (clearing its earlier calls) and stores the OA's configuration. */
export async function seedOa(oa: TestOa, tokens: "fresh" | "expired" | "none" = "fresh", opts: { refreshDelayMs?: number; expiresIn?: string } = {}) {
  await fake("/__fake/reset", { oaId: oa.oaId, apps: [{ appId: oa.appId, appSecret: oa.appSecret, oaId: oa.oaId, oaName: `OA ${oa.oaId}`, ...opts }] });
  const db = createDb(env.DB);
  const key = env.ZALO_OA_KEY;
  const now = Date.now();
  let pair: { access_token: string; refresh_token: string } | null = null;
  if (tokens !== "none") pair = await fake("/__fake/token", { appId: oa.appId });
  await db.delete(zaloOaConfigs).where(eq(zaloOaConfigs.wardCode, oa.wardCode));
  await db.insert(zaloOaConfigs).values({
    oaId: oa.oaId,
    wardCode: oa.wardCode,
    appId: oa.appId,
    oaSecretKey: await seal(key, oa.oaSecret, secretContext(oa.oaId, "oa_secret_key")),
    appSecretKey: await seal(key, oa.appSecret, secretContext(oa.oaId, "app_secret_key")),
    accessToken: pair ? await seal(key, pair.access_token, secretContext(oa.oaId, "access_token")) : null,
    refreshToken: pair ? await seal(key, pair.refresh_token, secretContext(oa.oaId, "refresh_token")) : null,
    accessExpiresAt: pair ? (tokens === "expired" ? now - 1000 : now + 25 * 3600_000) : null,
    status: pair ? "connected" : "pending",
    createdAt: now,
    updatedAt: now,
  });
  // Written behind the Durable Object's back: it must read the tokens again, and this isolate the config.
  await agent(oa.oaId).forget();
  forgetConfig(oa.oaId);
  return pair;
}

let seq = 0;
export const nextMsgId = () => `mid-${Date.now().toString(36)}-${++seq}`;

export function textEvent(oa: TestOa, userId: string, text: string, extra: { msgId?: string; timestamp?: number; byApp?: string | null } = {}) {
  return {
    app_id: oa.appId,
    user_id_by_app: extra.byApp === undefined ? `byapp-${userId}` : extra.byApp,
    event_name: "user_send_text",
    timestamp: String(extra.timestamp ?? Date.now()),
    sender: { id: userId },
    recipient: { id: oa.oaId },
    message: { msg_id: extra.msgId ?? nextMsgId(), text },
  };
}

export async function signedRequest(oa: TestOa, event: Record<string, unknown>, opts: { signature?: string | null; secret?: string } = {}) {
  const raw = JSON.stringify(event);
  const mac = await zaloMac(oa.appId, raw, String(event.timestamp), opts.secret ?? oa.oaSecret);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.signature !== null) headers["x-zevent-signature"] = opts.signature ?? `mac=${mac}`;
  return new Request("http://test/api/zalo/oa/webhook", { method: "POST", headers, body: raw });
}

/** Posts through the app and waits for the work done after the response (waitUntil). */
export async function post(req: Request, bindings: Cloudflare.Env = env) {
  const ctx = createExecutionContext();
  const res = await app.fetch(req, bindings, ctx);
  const body = (res.headers.get("content-type") ?? "").includes("json") ? ((await res.json()) as any) : await res.text();
  await waitOnExecutionContext(ctx);
  return { status: res.status, body };
}

export async function sendEvent(oa: TestOa, event: Record<string, unknown>) {
  return post(await signedRequest(oa, event));
}

export async function say(oa: TestOa, userId: string, text: string, extra: Parameters<typeof textEvent>[3] = {}) {
  return sendEvent(oa, textEvent(oa, userId, text, extra));
}

/** What the fake Zalo delivered to this user (oldest first). */
export async function delivered(oa: TestOa, userId?: string): Promise<{ text: string; messageId: string; userId: string }[]> {
  const q = new URLSearchParams({ oa_id: oa.oaId, ...(userId ? { user_id: userId } : {}) });
  return (await fake(`/__fake/messages?${q}`)).messages;
}

export async function calls(oa: TestOa, path?: string): Promise<any[]> {
  const q = new URLSearchParams({ oa_id: oa.oaId, ...(path ? { path } : {}) });
  return (await fake(`/__fake/calls?${q}`)).calls;
}

export async function outbox(oa: TestOa, userId?: string) {
  const rows = await createDb(env.DB).select().from(zaloOaMessages).where(eq(zaloOaMessages.oaId, oa.oaId));
  return rows.filter((r) => r.direction === "out" && (!userId || r.userId === userId)).sort((a, b) => a.createdAt - b.createdAt);
}

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  let v = await fn();
  while (!ok(v)) {
    if (Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
    v = await fn();
  }
  return v;
}

export const agent = (oaId: string) => env.ZALO_OA!.get(env.ZALO_OA!.idFromName(oaId));

/** An officer's reply through the inbox route (`bindings` lets a test take the Durable Object away). */
export function officerReply(token: string, conversationId: string, text: string, bindings: Cloudflare.Env = env) {
  return post(
    new Request(`http://test/api/conversations/${conversationId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ text }),
    }),
    bindings,
  );
}
