import app from "./app";
import type { Env } from "./env";

export type { AppType } from "./app";
export { WardInbox } from "./live/ward-inbox";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
