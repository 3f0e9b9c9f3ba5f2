import { dehydrate, QueryClient } from "@tanstack/react-query";
import { createSyncStoragePersister } from "@tanstack/query-sync-storage-persister";
import type { PersistedClient, PersistQueryClientOptions } from "@tanstack/react-query-persist-client";
import { ApiRequestError } from "./api";
import { storage } from "./zalo";

const WEEK = 7 * 24 * 60 * 60 * 1000;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Catalog data changes rarely; keep it while the app is open so flaky networks hurt less.
      staleTime: 10 * 60 * 1000,
      // As long as the device copy (below): a restored query must not be collected at once.
      gcTime: WEEK,
      // Retry network failures (remote communes), never client errors.
      retry: (count, error) => count < 3 && (!(error instanceof ApiRequestError) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * What a citizen has read stays readable offline: procedures, the ward's contacts, notices
 * and answers, fields, and their own threads. Staff data never leaves memory (shared
 * computers at the centre).
 */
const KEPT = new Set(["fields", "field-procedures", "procedure", "contacts", "notices", "ward-faqs", "thread", "my-chats"]);
/** Per kind, the most recently fetched ones kept (localStorage and nativeStorage are small). */
const LIMIT: Record<string, number> = { procedure: 25, thread: 15, "field-procedures": 10, contacts: 10 };

function prune(client: PersistedClient): PersistedClient {
  const count = new Map<string, number>();
  const queries = [...client.clientState.queries]
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .filter((q) => {
      const kind = String(q.queryKey[0]);
      const n = (count.get(kind) ?? 0) + 1;
      count.set(kind, n);
      return n <= (LIMIT[kind] ?? 5);
    });
  return { ...client, clientState: { ...client.clientState, queries, mutations: [] } };
}

const KEY = "motcua.query-cache";
// Bump when a cached response's shape changes.
const BUSTER = "v2";
const dehydrateOptions = {
  shouldDehydrateQuery: (q: { state: { status: string }; queryKey: readonly unknown[] }) => q.state.status === "success" && KEPT.has(String(q.queryKey[0])),
};
const serialize = (client: PersistedClient) => JSON.stringify(prune(client));

/** TanStack's own persister over the device storage: nativeStorage in Zalo, localStorage in a browser. */
export const persistOptions: Omit<PersistQueryClientOptions, "queryClient"> = {
  persister: createSyncStoragePersister({
    key: KEY,
    storage: { getItem: (k) => storage.get(k), setItem: (k, v) => storage.set(k, v), removeItem: (k) => storage.remove(k) },
    throttleTime: 1000,
    serialize,
  }),
  maxAge: WEEK,
  buster: BUSTER,
  dehydrateOptions,
};

/**
 * The persister writes at most once a second; when the page is hidden or left (app closed,
 * reload) the last changes are written at once, in the persister's own format.
 */
export function keepQueryCacheOnExit(): void {
  const flush = () => {
    try {
      storage.set(KEY, serialize({ buster: BUSTER, timestamp: Date.now(), clientState: dehydrate(queryClient, dehydrateOptions) }));
    } catch {
      // storage full: the throttled copy stays
    }
  };
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
}
