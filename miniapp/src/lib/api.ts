/**
 * The one API client: Hono's typed RPC client over the worker's AppType, so request and
 * response shapes are checked against the worker at compile time.
 */
import { hc, type ClientResponse, type InferResponseType } from "hono/client";
import type { AppType } from "@worker/app";

// Same origin in development (Vite proxies /api); the deployed worker URL in production.
export const baseUrl: string = import.meta.env.VITE_API_URL ?? window.location.origin;

export const client = hc<AppType>(baseUrl);

/** Thrown for non-2xx answers; `message` is the Vietnamese text from the API. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyResponse = ClientResponse<any, number, string>;
/** The success body of a (union of) typed responses; error bodies are left out. */
type SuccessBody<R> = R extends ClientResponse<infer T, number, string> ? Exclude<T, { error: unknown }> : never;

/** Resolves to the success body; error bodies (`{ error }`) become an ApiRequestError. */
export async function unwrap<R extends AnyResponse>(request: Promise<R>): Promise<SuccessBody<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiRequestError(0, "network", "Không có kết nối mạng. Bạn kiểm tra mạng rồi thử lại nhé.");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiRequestError(res.status, body?.error?.code ?? "http", body?.error?.message ?? "Có lỗi xảy ra, bạn thử lại nhé.");
  }
  return (await res.json()) as SuccessBody<R>;
}

export type ProcedureDetail = InferResponseType<(typeof client.api.procedures)[":code"]["$get"], 200>;
export type ProcedureListItem = InferResponseType<typeof client.api.procedures.$get, 200>["items"][number];
export type WardItem = InferResponseType<typeof client.api.wards.$get, 200>["items"][number];
export type FieldItem = InferResponseType<typeof client.api.fields.$get, 200>["items"][number];
