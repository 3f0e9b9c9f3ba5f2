// A local stand-in for Zalo's Official Account platform, for tests, benchmarks and the
// development simulator. It answers the calls Một Cửa makes, checks each one the way the
// documentation describes it (method, path, headers, body shape), and can fail on demand.
// Plain Node (no dependencies) so worker tests (from the vitest config), scripts and the
// browser tests can all start it. Nothing here ever talks to the internet.
//
// Documented calls:
//   POST {api}/v3.0/oa/message/cs          header access_token, JSON { recipient: { user_id }, message: { text } }
//   GET  {api}/v2.0/oa/conversation?data=  header access_token, data = JSON { user_id, offset, count ≤ 10 }
//   GET  {api}/v2.0/oa/getoa               header access_token
//   GET  {api}/v3.0/oa/user/detail?data=   header access_token, data = JSON { user_id }
//   POST {oauth}/v4/oa/access_token        header secret_key (app secret), form: app_id, grant_type,
//                                          refresh_token | code + code_verifier
//   GET  {oauth}/v4/oa/permission          app_id, redirect_uri, code_challenge, state (consent; the fake approves at once)
// Control (tests only): /__fake/reset, /__fake/fail, /__fake/expire-tokens, /__fake/users,
//   /__fake/calls, /__fake/messages, /__fake/health.
import { createHash, createHmac, randomBytes } from "node:crypto";
import http from "node:http";

const TEXT_MAX = 2000;
const sendJson = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};
const b64url = (buf) => Buffer.from(buf).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/**
 * @typedef {{ appId: string, appSecret: string, oaId: string, oaName?: string, seedRefreshTokens?: string[], refreshDelayMs?: number, expiresIn?: string }} FakeApp
 * @typedef {{ mode: "5xx" | "timeout" | "expired_token" | "quota" | "rate_limit" | "reject" | "network", path?: string, times?: number, delayMs?: number, deliver?: boolean, code?: number }} Failure
 */

/**
 * @param {{ port?: number, host?: string, apps?: FakeApp[], tokenKey?: string, expiresIn?: string, refreshDelayMs?: number, quiet?: boolean }} options
 */
export async function startFakeZalo(options = {}) {
  const host = options.host ?? "127.0.0.1";
  // Tokens are HMAC-signed by the fake, so they stay valid across restarts of the dev server.
  const tokenKey = options.tokenKey ?? "fake-zalo-token-key";
  const state = {
    apps: new Map((options.apps ?? []).map((a) => [a.appId, a])),
    expiresIn: options.expiresIn ?? "90000",
    refreshDelayMs: options.refreshDelayMs ?? 0,
    /** @type {Failure[]} */ failures: [],
    calls: [],
    messages: [],
    usedRefresh: new Set(),
    /** appId → tokens issued before this time are expired */
    expiredBefore: new Map(),
    users: new Map(),
    codes: new Map(),
    seq: 0,
  };

  const sign = (s) => b64url(createHmac("sha256", tokenKey).update(s).digest()).slice(0, 22);
  const expiresInOf = (appId) => String(state.apps.get(appId)?.expiresIn ?? state.expiresIn);
  const issueAccess = (appId) => {
    const body = `at.${appId}.${Date.now() + Number(expiresInOf(appId)) * 1000}.${Date.now()}.${b64url(randomBytes(6))}`;
    return `${body}.${sign(body)}`;
  };
  const issueRefresh = (appId) => {
    const body = `rt.${appId}.${Date.now()}.${b64url(randomBytes(9))}`;
    return `${body}.${sign(body)}`;
  };
  /** The app a live access token belongs to, or why it is refused (-216 invalid, -220 expired). */
  const checkAccess = (token) => {
    if (!token) return { error: -216, message: "Access token is invalid" };
    const parts = token.split(".");
    if (parts.length !== 6 || parts[0] !== "at" || sign(parts.slice(0, 5).join(".")) !== parts[5]) return { error: -216, message: "Access token is invalid" };
    const [, appId, exp, issued] = parts;
    if (Number(exp) < Date.now() || Number(issued) < (state.expiredBefore.get(appId) ?? 0)) return { error: -220, message: "access_token is expired or removed" };
    const app = state.apps.get(appId);
    if (!app) return { error: -216, message: "Access token is invalid" };
    return { app };
  };
  const validRefresh = (token, appId) => {
    const app = state.apps.get(appId);
    if (!app || state.usedRefresh.has(token)) return false;
    if (app.seedRefreshTokens?.includes(token)) return true;
    const parts = token.split(".");
    return parts.length === 5 && parts[0] === "rt" && parts[1] === appId && sign(parts.slice(0, 4).join(".")) === parts[4];
  };

  /** The next failure queued for this path and OA, if any (consumed). */
  const takeFailure = (path, oaId) => {
    const i = state.failures.findIndex((f) => (!f.path || f.path === path) && (!f.oaId || f.oaId === oaId));
    if (i < 0) return null;
    const f = state.failures[i];
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) state.failures.splice(i, 1);
    return f;
  };

  const readBody = (req) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  /** Documented request-shape checks: each returns null when fine, or what is wrong. */
  function checkMessageBody(raw, contentType) {
    if (!/^application\/json\b/i.test(contentType ?? "")) return "content-type must be application/json";
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      return "body is not JSON";
    }
    const keys = Object.keys(body ?? {}).sort().join(",");
    if (keys !== "message,recipient") return `unexpected top-level keys: ${keys}`;
    if (Object.keys(body.recipient ?? {}).join(",") !== "user_id" || typeof body.recipient.user_id !== "string" || !body.recipient.user_id)
      return "recipient must be { user_id: string }";
    if (Object.keys(body.message ?? {}).join(",") !== "text" || typeof body.message.text !== "string") return "message must be { text: string }";
    if (!body.message.text.trim() || body.message.text.length > TEXT_MAX) return `message.text must be 1–${TEXT_MAX} characters`;
    return { body };
  }
  function parseDataParam(url, required) {
    const raw = url.searchParams.get("data");
    if (!raw) return "query parameter data is required";
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      return "data must be JSON";
    }
    for (const k of required) if (data[k] === undefined) return `data.${k} is required`;
    return { data };
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", `http://${host}`);
    const path = url.pathname;
    const raw = req.method === "GET" ? "" : await readBody(req);
    const headers = req.headers;

    // ---- control endpoints (tests, benches and the simulator) ----
    let lateBy = 0;
    const json = async (res, status, body) => {
      if (lateBy) await sleep(lateBy);
      if (!res.destroyed) sendJson(res, status, body);
    };
    if (path.startsWith("/__fake/")) {
      const body = raw ? JSON.parse(raw) : {};
      switch (`${req.method} ${path}`) {
        case "GET /__fake/health":
          return json(res, 200, { ok: true });
        case "POST /__fake/reset": {
          // Test files run in parallel against one fake: a reset names its OA and clears only that.
          const mine = (x) => !body.oaId || x.oaId === body.oaId;
          state.failures = state.failures.filter((x) => !mine(x));
          state.calls = state.calls.filter((x) => !mine(x));
          state.messages = state.messages.filter((x) => !mine(x));
          for (const [k, u] of state.users) if (mine(u)) state.users.delete(k);
          if (body.expiresIn) state.expiresIn = String(body.expiresIn);
          if (body.refreshDelayMs !== undefined) state.refreshDelayMs = body.refreshDelayMs;
          for (const a of body.apps ?? []) state.apps.set(a.appId, a);
          return json(res, 200, { ok: true });
        }
        case "POST /__fake/fail":
          state.failures.push(body);
          return json(res, 200, { ok: true, queued: state.failures.length });
        case "POST /__fake/expire-tokens":
          for (const appId of body.appId ? [body.appId] : state.apps.keys()) state.expiredBefore.set(appId, Date.now() + 1);
          return json(res, 200, { ok: true });
        case "POST /__fake/users":
          for (const u of body.users ?? []) state.users.set(`${u.oaId}:${u.userId}`, u);
          return json(res, 200, { ok: true });
        case "POST /__fake/token": {
          // Mints a token pair as if the OA admin had just consented (seeding tests and benches).
          if (!state.apps.has(body.appId)) return json(res, 404, { error: "unknown app" });
          return json(res, 200, { access_token: issueAccess(body.appId), refresh_token: issueRefresh(body.appId), expires_in: expiresInOf(body.appId) });
        }
        case "GET /__fake/calls": {
          const only = url.searchParams.get("path");
          const oa = url.searchParams.get("oa_id");
          return json(res, 200, { calls: state.calls.filter((c) => (!only || c.path === only) && (!oa || c.oaId === oa)) });
        }
        case "GET /__fake/messages": {
          const oa = url.searchParams.get("oa_id");
          const user = url.searchParams.get("user_id");
          const since = Number(url.searchParams.get("since") ?? 0);
          const items = state.messages.filter((m) => (!oa || m.oaId === oa) && (!user || m.userId === user) && m.seq > since);
          return json(res, 200, { messages: items });
        }
        default:
          return json(res, 404, { error: "unknown control endpoint" });
      }
    }

    // Which OA the call is for (from the token's app, or the form's app_id), so that failures
    // and records of parallel test files never mix.
    const tokenApp = String(headers["access_token"] ?? "").split(".")[1];
    const formApp = path === "/v4/oa/access_token" ? new URLSearchParams(raw).get("app_id") : url.searchParams.get("app_id");
    const callOa = state.apps.get(tokenApp ?? "")?.oaId ?? state.apps.get(formApp ?? "")?.oaId ?? null;
    const call = {
      oaId: callOa,
      method: req.method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: {
        access_token: headers["access_token"] ?? null,
        secret_key: headers["secret_key"] ?? null,
        "content-type": headers["content-type"] ?? null,
      },
      body: raw,
      at: Date.now(),
      outcome: "ok",
    };
    state.calls.push(call);
    const refuse = (status, body, outcome) => {
      call.outcome = outcome;
      return json(res, status, body);
    };

    // ---- on-demand failures ----
    const failure = takeFailure(path, callOa);
    if (failure) {
      call.failure = failure.mode;
      if (failure.mode === "network") {
        call.outcome = "network";
        req.socket.destroy();
        return;
      }
      if (failure.mode === "5xx") return refuse(502, { error: -1, message: "Bad gateway (fake)" }, "5xx");
      if (failure.mode === "expired_token") return refuse(200, { error: -220, message: "access_token is expired or removed" }, "expired_token");
      if (failure.mode === "quota") return refuse(200, { error: -211, message: "Out of quota" }, "quota");
      if (failure.mode === "rate_limit") return refuse(200, { error: -32, message: "Your application reached limit call api" }, "rate_limit");
      if (failure.mode === "reject") return refuse(200, { error: failure.code ?? -201, message: "Rejected (fake)" }, "reject");
      if (failure.mode === "timeout") {
        // A slow Zalo: by default the work happens at once (the message is delivered) but the
        // answer comes too late for the caller; with deliver: false nothing happens at all.
        if (failure.deliver === false) {
          call.outcome = "timeout";
          await sleep(failure.delayMs ?? 5000);
          return refuse(504, { error: -1, message: "Timeout (fake)" }, "timeout");
        }
        lateBy = failure.delayMs ?? 5000;
        call.lateBy = lateBy;
      }
    }

    // ---- OAuth v4 ----
    if (path === "/v4/oa/permission" && req.method === "GET") {
      const appId = url.searchParams.get("app_id");
      const redirect = url.searchParams.get("redirect_uri");
      const challenge = url.searchParams.get("code_challenge");
      const st = url.searchParams.get("state");
      const app = state.apps.get(appId ?? "");
      if (!app || !redirect || !challenge || !st) return refuse(400, { error: -14002, error_name: "Invalid parameter" }, "bad_request");
      const code = b64url(randomBytes(12));
      state.codes.set(code, { appId: app.appId, challenge, at: Date.now() });
      const to = new URL(redirect);
      to.searchParams.set("code", code);
      to.searchParams.set("oa_id", app.oaId);
      to.searchParams.set("state", st);
      res.writeHead(302, { location: to.href });
      return res.end();
    }
    if (path === "/v4/oa/access_token") {
      if (req.method !== "POST") return refuse(405, { error: -14001, error_name: "Method not allowed" }, "bad_method");
      if (!/^application\/x-www-form-urlencoded\b/i.test(headers["content-type"] ?? ""))
        return refuse(400, { error: -14002, error_name: "Invalid parameter", error_description: "form body expected" }, "bad_request");
      const form = new URLSearchParams(raw);
      const app = state.apps.get(form.get("app_id") ?? "");
      if (!app) return refuse(200, { error: -14003, error_name: "Invalid app_id" }, "bad_app");
      if (headers["secret_key"] !== app.appSecret) return refuse(200, { error: -14004, error_name: "Invalid secret_key" }, "bad_secret");
      const grant = form.get("grant_type");
      if (grant === "refresh_token") {
        const token = form.get("refresh_token") ?? "";
        // A slow refresh widens the window in which two callers could race (per app, or for all).
        const delay = app.refreshDelayMs ?? state.refreshDelayMs;
        if (delay) await sleep(delay);
        // Single use: a refresh token works once, and the answer carries the next one.
        if (!validRefresh(token, app.appId)) return refuse(200, { error: -14014, error_name: "Invalid refresh token", error_description: "refresh token is invalid or already used" }, "bad_refresh");
        state.usedRefresh.add(token);
      } else if (grant === "authorization_code") {
        const code = state.codes.get(form.get("code") ?? "");
        const verifier = form.get("code_verifier") ?? "";
        if (!code || code.appId !== app.appId || Date.now() - code.at > 10 * 60_000) return refuse(200, { error: -14019, error_name: "Invalid code" }, "bad_code");
        if (b64url(createHash("sha256").update(verifier, "ascii").digest()) !== code.challenge) return refuse(200, { error: -14020, error_name: "Invalid code_verifier" }, "bad_verifier");
        state.codes.delete(form.get("code"));
      } else return refuse(200, { error: -14002, error_name: "Invalid grant_type" }, "bad_request");
      call.outcome = "issued";
      return json(res, 200, { access_token: issueAccess(app.appId), refresh_token: issueRefresh(app.appId), expires_in: expiresInOf(app.appId) });
    }

    // ---- OA API (access_token header) ----
    const auth = checkAccess(headers["access_token"]);
    const known = ["/v3.0/oa/message/cs", "/v2.0/oa/conversation", "/v2.0/oa/getoa", "/v3.0/oa/user/detail"];
    if (!known.includes(path)) return refuse(404, { error: -209, message: "Not supported this api" }, "unknown_path");
    if (auth.error) return refuse(200, { error: auth.error, message: auth.message }, auth.error === -220 ? "expired_token" : "invalid_token");
    const oaId = auth.app.oaId;

    if (path === "/v3.0/oa/message/cs") {
      if (req.method !== "POST") return refuse(405, { error: -201, message: "method must be POST" }, "bad_method");
      const checked = checkMessageBody(raw, headers["content-type"]);
      if (typeof checked === "string") return refuse(200, { error: -201, message: checked }, "bad_request");
      const { body } = checked;
      const messageId = `fz${(++state.seq).toString(16).padStart(8, "0")}${b64url(randomBytes(4))}`;
      state.messages.push({ seq: state.seq, oaId, userId: body.recipient.user_id, text: body.message.text, messageId, at: Date.now() });
      call.outcome = "sent";
      call.messageId = messageId;
      return json(res, 200, { error: 0, message: "Success", data: { message_id: messageId, user_id: body.recipient.user_id } });
    }
    if (req.method !== "GET") return refuse(405, { error: -201, message: "method must be GET" }, "bad_method");
    if (path === "/v2.0/oa/conversation") {
      const parsed = parseDataParam(url, ["user_id", "offset", "count"]);
      if (typeof parsed === "string") return refuse(200, { error: -201, message: parsed }, "bad_request");
      const { user_id, offset, count } = parsed.data;
      if (!Number.isInteger(count) || count < 1 || count > 10) return refuse(200, { error: -210, message: "count must be 1–10" }, "bad_request");
      const mine = state.messages.filter((m) => m.oaId === oaId && m.userId === String(user_id)).reverse();
      const data = mine.slice(offset, offset + count).map((m) => ({
        src: 0,
        time: m.at,
        type: "text",
        message: m.text,
        message_id: m.messageId,
        from_id: oaId,
        to_id: m.userId,
      }));
      return json(res, 200, { error: 0, message: "Success", data });
    }
    if (path === "/v2.0/oa/getoa") return json(res, 200, { error: 0, message: "Success", data: { oa_id: oaId, name: auth.app.oaName ?? "OA (fake)", description: "", is_verified: true } });
    if (path === "/v3.0/oa/user/detail") {
      const parsed = parseDataParam(url, ["user_id"]);
      if (typeof parsed === "string") return refuse(200, { error: -201, message: parsed }, "bad_request");
      const u = state.users.get(`${oaId}:${parsed.data.user_id}`);
      if (!u) return refuse(200, { error: -213, message: "User has not followed OA" }, "unknown_user");
      return json(res, 200, {
        error: 0,
        message: "Success",
        data: { user_id: u.userId, user_id_by_app: u.userIdByApp ?? null, display_name: u.name ?? "Người dùng", user_is_follower: u.follower !== false },
      });
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!options.quiet) console.error(`fake zalo: ${err?.message ?? err}`);
      if (!res.headersSent) sendJson(res, 500, { error: -1, message: "fake zalo crashed" });
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    port,
    state,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** The demo OA of Phường An Hải that `npm start`, the browser tests and the benches use. */
export const DEMO_APPS = [
  {
    appId: "demo-app",
    appSecret: "demo-app-secret",
    oaId: "demo-oa-anhai",
    oaName: "Phường An Hải (OA thử nghiệm)",
    seedRefreshTokens: ["demo-refresh-seed"],
  },
];
