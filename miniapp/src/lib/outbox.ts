/**
 * Messages to officers typed while offline (or whose send failed on a dropped connection):
 * kept on the device and sent once the network is back, each with its own clientMessageId,
 * so a retry never posts it twice (the API returns the first copy for a repeated id).
 */
import { useSyncExternalStore } from "react";
import { ApiRequestError, client, unwrap } from "./api";
import { isOnline, subscribeOnline } from "./network";
import { queryClient } from "./query";
import { bearer, citizenToken } from "./session";
import { storage } from "./zalo";

export interface NewConversation {
  wardCode: string;
  text: string;
  procedureCode?: string;
  field?: string;
  context?: { question: string; matches: [] };
}

export type OutboxItem = { id: string; createdAt: number; error?: string } & (
  | { kind: "message"; conversationId: string; text: string }
  | { kind: "conversation"; body: NewConversation }
);

const KEY = "motcua.outbox";
// Read on first use: in Zalo the device storage is ready only once the SDK has loaded.
let cache: OutboxItem[] | null = null;
const current = () => (cache ??= load());
const listeners = new Set<() => void>();
let flushing: Promise<void> | null = null;

function load(): OutboxItem[] {
  try {
    const list = JSON.parse(storage.get(KEY) ?? "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function save(next: OutboxItem[]) {
  cache = next;
  storage.set(KEY, JSON.stringify(cache));
  listeners.forEach((l) => l());
}

export const newClientMessageId = () => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export function useOutbox(): OutboxItem[] {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    current,
    current,
  );
}

async function send(item: OutboxItem): Promise<string | null> {
  const auth = bearer(await citizenToken());
  if (item.kind === "message") {
    await unwrap(client.api.conversations[":id"].messages.$post({ param: { id: item.conversationId }, json: { text: item.text, clientMessageId: item.id } }, auth));
    return item.conversationId;
  }
  const res = await unwrap(client.api.conversations.$post({ json: { ...item.body, clientMessageId: item.id } }, auth));
  return res.conversation.id;
}

/**
 * Sends what is waiting, oldest first. A network failure leaves the item for later; an
 * answer from the API (e.g. a closed thread) marks it failed with the API's message.
 */
export function flushOutbox(): Promise<void> {
  if (flushing) return flushing;
  flushing = (async () => {
    for (const item of [...current()]) {
      if (!isOnline()) break;
      if (item.error) continue;
      try {
        const conversationId = await send(item);
        save(current().filter((i) => i.id !== item.id));
        sentListeners.forEach((l) => l(item, conversationId));
        void queryClient.invalidateQueries({ queryKey: ["my-chats"] });
        if (conversationId) void queryClient.invalidateQueries({ queryKey: ["thread", conversationId] });
      } catch (err) {
        if (err instanceof ApiRequestError && err.status !== 0 && err.status < 500) {
          save(current().map((i) => (i.id === item.id ? { ...i, error: err.message } : i)));
        } else break; // still offline or the server is down: try again later
      }
    }
  })().finally(() => (flushing = null));
  return flushing;
}

const sentListeners = new Set<(item: OutboxItem, conversationId: string | null) => void>();
/** Called when a queued item was delivered (the new-message page moves to the thread). */
export function onOutboxSent(l: (item: OutboxItem, conversationId: string | null) => void): () => void {
  sentListeners.add(l);
  return () => sentListeners.delete(l);
}

/** Queues and tries at once (a send that works right away leaves the outbox empty again). */
export function enqueue(item: OutboxItem): Promise<void> {
  save([...current().filter((i) => i.id !== item.id), item]);
  return flushOutbox();
}

export function retry(id: string): Promise<void> {
  save(current().map((i) => (i.id === id ? { ...i, error: undefined } : i)));
  return flushOutbox();
}

export function discard(id: string): void {
  save(current().filter((i) => i.id !== id));
}

/** Flush whenever the network comes back, once at start, and every few seconds while something waits. */
export function startOutbox(): void {
  subscribeOnline(() => {
    if (isOnline()) void flushOutbox();
  });
  // A send that failed while we looked online (a dropped connection) is tried again soon.
  setInterval(() => {
    if (isOnline() && current().some((i) => !i.error)) void flushOutbox();
  }, RETRY_MS);
  void flushOutbox();
}

const RETRY_MS = 5_000;
