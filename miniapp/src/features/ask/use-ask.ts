import { useMutation } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { client, unwrap } from "../../lib/api";
import { storage } from "../../lib/zalo";

export type AskReply = Awaited<ReturnType<typeof sendQuestion>>;

function sendQuestion(question: string, wardCode?: string) {
  return unwrap(client.api.ask.$post({ json: { question, ...(wardCode ? { wardCode } : {}) } }));
}

export interface Turn {
  id: number;
  question: string;
  reply?: AskReply;
  error?: string;
}

const RECENT_KEY = "motcua.recent-questions";
const MAX_RECENT = 8;

function loadRecent(): string[] {
  try {
    const raw = storage.get(RECENT_KEY);
    const list = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((x) => typeof x === "string").slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** The conversation on the ask screen, with recent questions kept on the device. */
export function useAsk(wardCode?: string) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [recent, setRecent] = useState<string[]>(loadRecent);
  const mutation = useMutation({
    mutationFn: ({ question }: { id: number; question: string }) => sendQuestion(question, wardCode),
    // Remote communes: retry a dropped connection twice before giving up.
    retry: (count, error) => count < 2 && error instanceof Error && /mạng/.test(error.message),
    onSuccess: (reply, { id }) => setTurns((ts) => ts.map((t) => (t.id === id ? { ...t, reply } : t))),
    onError: (error, { id }) =>
      setTurns((ts) => ts.map((t) => (t.id === id ? { ...t, error: error instanceof Error ? error.message : "Có lỗi xảy ra." } : t))),
  });
  const askQuestion = useCallback(
    (question: string) => {
      const q = question.trim();
      if (!q) return;
      const id = Date.now();
      setTurns((ts) => [...ts, { id, question: q }]);
      setRecent((r) => {
        const next = [q, ...r.filter((x) => x !== q)].slice(0, MAX_RECENT);
        storage.set(RECENT_KEY, JSON.stringify(next));
        return next;
      });
      mutation.mutate({ id, question: q });
    },
    [mutation],
  );
  return { turns, recent, askQuestion, pending: mutation.isPending };
}
