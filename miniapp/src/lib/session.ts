/**
 * Session tokens for the API: citizens sign in with their Zalo identity (verified by the
 * worker), staff with username and password. Tokens live on the device only.
 */
import { ApiRequestError, client, unwrap } from "./api";
import { storage, zaloAccessToken } from "./zalo";

const CITIZEN_KEY = "motcua.citizen-token";
const STAFF_KEY = "motcua.staff-token";
const DEVICE_KEY = "motcua.dev-device";

function valid(token: string | null): token is string {
  if (!token) return false;
  try {
    const payload = JSON.parse(atob(token.split(".")[0].replace(/-/g, "+").replace(/_/g, "/")));
    return typeof payload.exp === "number" && payload.exp * 1000 > Date.now() + 60_000;
  } catch {
    return false;
  }
}

export async function citizenToken(): Promise<string> {
  const cached = storage.get(CITIZEN_KEY);
  if (valid(cached)) return cached;
  let accessToken = await zaloAccessToken();
  if (!accessToken && import.meta.env.DEV) {
    // Browser preview: the development worker accepts "dev-<id>" in place of a Zalo token.
    let device = storage.get(DEVICE_KEY);
    if (!device) storage.set(DEVICE_KEY, (device = Math.random().toString(36).slice(2, 12)));
    accessToken = `dev-${device}`;
  }
  if (!accessToken) throw new ApiRequestError(401, "no_zalo", "Bạn mở Một Cửa trong Zalo để nhắn tin với cán bộ nhé.");
  const { token } = await unwrap(client.api.auth.zalo.$post({ json: { accessToken } }));
  storage.set(CITIZEN_KEY, token);
  return token;
}

/** The citizen's session if they already have one (no sign-in triggered). */
export function cachedCitizenToken(): string | null {
  const t = storage.get(CITIZEN_KEY);
  return valid(t) ? t : null;
}

/** What the staff token says about its holder (the worker re-checks on every request). */
export function staffSession(): { role: string; ward?: string; officer?: string } | null {
  const t = staffToken();
  if (!t) return null;
  try {
    return JSON.parse(atob(t.split(".")[0].replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
}

export function staffToken(): string | null {
  const t = storage.get(STAFF_KEY);
  return valid(t) ? t : null;
}

export async function staffLogin(username: string, password: string) {
  const res = await unwrap(client.api.auth.login.$post({ json: { username, password } }));
  storage.set(STAFF_KEY, res.token);
  return res;
}

/**
 * Officer sign-in with the Zalo identity the ward admin linked (first time: with the admin's
 * one-time code). Outside Zalo only the development preview can do this, with a dev identity.
 */
export async function staffZaloLogin(link?: { linkCode: string; username: string }) {
  let accessToken = await zaloAccessToken();
  if (!accessToken && import.meta.env.DEV) {
    let device = storage.get(DEVICE_KEY);
    if (!device) storage.set(DEVICE_KEY, (device = Math.random().toString(36).slice(2, 12)));
    accessToken = `dev-staff-${device}`;
  }
  if (!accessToken) throw new ApiRequestError(401, "no_zalo", "Đăng nhập bằng Zalo chỉ dùng được trong ứng dụng Zalo.");
  const res = await unwrap(client.api.auth["zalo-staff"].$post({ json: { accessToken, ...(link ?? {}) } }));
  storage.set(STAFF_KEY, res.token);
  return res;
}

/** Signs out everywhere: the worker revokes the account's sessions, then the device forgets. */
export function staffLogout() {
  const token = staffToken();
  storage.set(STAFF_KEY, "");
  if (token) client.api.auth.logout.$post({}, bearer(token)).catch(() => undefined);
}

/** After erasure: this device forgets the citizen's session and recent questions. */
export function forgetCitizen() {
  storage.set(CITIZEN_KEY, "");
  storage.set("motcua.recent-questions", "");
}

export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
