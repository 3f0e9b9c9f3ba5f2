import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Error shown to the caller as `{ error: { code, message } }`; messages are for citizens, in Vietnamese. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Seconds the caller should wait before retrying (sent as Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

/** The database failed or did not answer in time: the caller may retry. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly kind: "error" | "timeout",
    readonly detail: string,
  ) {
    super(`database ${kind}: ${detail}`);
    this.name = "DatabaseUnavailableError";
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export const notFound = (what = "Không tìm thấy nội dung bạn yêu cầu.") => new ApiError(404, "not_found", what);

/** Seconds a client waits after a database failure before retrying. */
const DB_RETRY_AFTER_S = 5;

/** The D1 error under a Drizzle wrapper, if any (Drizzle's message holds the bound parameters). */
function databaseCause(err: Error): { query: string; cause: string } | null {
  if (err instanceof DatabaseUnavailableError) return { query: "", cause: `${err.kind}: ${err.detail}` };
  const e = err as Error & { query?: unknown; cause?: unknown };
  const cause = e.cause instanceof Error ? e.cause : null;
  if (typeof e.query === "string") return { query: e.query, cause: cause ? `${cause.name}: ${cause.message}` : e.name };
  if (/^D1_|SQLITE_/.test(err.message)) return { query: "", cause: err.message };
  if (cause instanceof DatabaseUnavailableError) return { query: "", cause: `${cause.kind}: ${cause.detail}` };
  return null;
}

/** Messages of D1 errors carry no bound values; query text is cut to its head (no values either). */
const safe = (text: string, max: number) => text.replace(/[\r\n]+/g, " ").replace(/'[^']*'/g, "'…'").slice(0, max);

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    if (err.retryAfterS) c.header("Retry-After", String(err.retryAfterS));
    return c.json(errorBody(err.code, err.message), err.status);
  }
  if (err instanceof HTTPException) {
    // Hono raises these for malformed requests (e.g. a body that is not JSON, or too large).
    const status = err.status as ContentfulStatusCode;
    if (status === 413) return c.json(errorBody("payload_too_large", "Nội dung gửi lên quá lớn."), 413);
    return c.json(errorBody(status === 400 ? "bad_request" : "http_error", "Yêu cầu không hợp lệ."), status);
  }
  const db = databaseCause(err);
  if (db) {
    // The cause, never the parameters (they may be a citizen's message or phone number).
    console.error(`database failure on ${c.req.method} ${c.req.routePath}: ${safe(db.cause, 300)}${db.query ? ` [${safe(db.query, 120)}]` : ""}`);
    c.header("Retry-After", String(DB_RETRY_AFTER_S));
    return c.json(errorBody("unavailable", "Hệ thống đang bận, bạn vui lòng thử lại sau ít phút."), 503);
  }
  // Log the kind of failure only: request bodies may hold personal data.
  console.error(`unhandled ${err.name} on ${c.req.method} ${c.req.routePath}: ${safe(err.message, 200)}`);
  return c.json(errorBody("internal", "Hệ thống đang bận, bạn vui lòng thử lại sau."), 500);
}

export function onNotFound(c: Context) {
  return c.json(errorBody("not_found", "Không tìm thấy đường dẫn này."), 404);
}
