import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Error shown to the caller as `{ error: { code, message } }`; messages are for citizens, in Vietnamese. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export const notFound = (what = "Không tìm thấy nội dung bạn yêu cầu.") => new ApiError(404, "not_found", what);

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
  if (err instanceof HTTPException) {
    // Hono raises these for malformed requests (e.g. a body that is not JSON).
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(status === 400 ? "bad_request" : "http_error", "Yêu cầu không hợp lệ."), status);
  }
  // Log the kind of failure only: request bodies may hold personal data.
  console.error(`unhandled ${err.name}: ${err.message.slice(0, 200)}`);
  return c.json(errorBody("internal", "Hệ thống đang bận, bạn vui lòng thử lại sau."), 500);
}

export function onNotFound(c: Context) {
  return c.json(errorBody("not_found", "Không tìm thấy đường dẫn này."), 404);
}
