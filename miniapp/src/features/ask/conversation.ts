/**
 * The ask screen's conversation, kept outside the screen so it survives "Xem chi tiết" and
 * Back (and a reload in the same session), until "Câu hỏi mới". Questions asked offline wait
 * here and are sent once, when the network returns.
 */
import { useSyncExternalStore } from "react";
import { ApiRequestError, client, unwrap } from "../../lib/api";
import { isOnline, reportNetworkFailure, subscribeOnline } from "../../lib/network";

export type AskReply = Awaited<ReturnType<typeof sendQuestion>>;

export interface Turn {
  id: number;
  question: string;
  wardCode?: string;
  /** sending: request in flight; waiting: offline, sent when the network returns; failed: shown with "Thử lại". */
  status: "sending" | "waiting" | "done" | "failed";
  reply?: AskReply;
  error?: string;
}

/** What the engine hears of the conversation: earlier questions and the procedure each was answered with. */
export interface AskContext {
  previous: { question: string; code: string | null }[];
}

const MAX_CONTEXT = 5;
const KEY = "motcua.ask-conversation";

function sendQuestion(question: string, wardCode: string | undefined, context: AskContext | undefined) {
  return unwrap(client.api.ask.$post({ json: { question, ...(wardCode ? { wardCode } : {}), ...(context ? { context } : {}) } }));
}

function load(): Turn[] {
  try {
    const list = JSON.parse(sessionStorage.getItem(KEY) ?? "[]") as Turn[];
    // A request cut short by a reload is asked again.
    return Array.isArray(list) ? list.map((t) => (t.status === "sending" ? { ...t, status: "waiting" } : t)) : [];
  } catch {
    return [];
  }
}

let turns: Turn[] = load();
const listeners = new Set<() => void>();

function set(next: Turn[]) {
  turns = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(turns));
  } catch {
    // private mode: the conversation lives in memory only
  }
  listeners.forEach((l) => l());
}
const update = (id: number, patch: Partial<Turn>) => set(turns.map((t) => (t.id === id ? { ...t, ...patch } : t)));

/** The turns before `id`, oldest first, at most five. */
export function contextBefore(id: number, all: Turn[] = turns): AskContext | undefined {
  const earlier = all.filter((t) => t.id < id).slice(-MAX_CONTEXT);
  if (!earlier.length) return undefined;
  return {
    previous: earlier.map((t) => {
      const a = t.reply?.kind === "answer" && "answer" in t.reply ? t.reply.answer : undefined;
      return { question: t.question, code: a?.code ?? null };
    }),
  };
}

async function run(id: number) {
  const turn = turns.find((t) => t.id === id);
  if (!turn) return;
  if (!isOnline()) return update(id, { status: "waiting", error: undefined });
  update(id, { status: "sending", error: undefined });
  try {
    const reply = await sendQuestion(turn.question, turn.wardCode, contextBefore(id));
    if (turns.some((t) => t.id === id)) update(id, { status: "done", reply });
  } catch (err) {
    const network = err instanceof ApiRequestError && err.status === 0;
    if (network) reportNetworkFailure();
    update(id, network && !isOnline() ? { status: "waiting" } : { status: "failed", error: err instanceof Error ? err.message : "Có lỗi xảy ra, bạn thử lại nhé." });
  }
}

let nextId = Math.max(0, ...turns.map((t) => t.id)) + 1;

export function ask(question: string, wardCode?: string): void {
  const q = question.trim();
  if (!q) return;
  const id = Math.max(nextId++, Date.now());
  nextId = id + 1;
  set([...turns, { id, question: q, wardCode, status: "sending" }]);
  void run(id);
}

export const retryTurn = (id: number) => void run(id);

/** "Câu hỏi mới": the engine no longer hears the earlier questions. */
export function clearConversation(): void {
  set([]);
}

export function useConversation(): Turn[] {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => turns,
    () => turns,
  );
}

/** Waiting questions go out, oldest first, when the network comes back. */
subscribeOnline(() => {
  if (!isOnline()) return;
  for (const t of turns) if (t.status === "waiting") void run(t.id);
});
