import { useCallback, useState } from "react";
import { storage } from "../../lib/zalo";
import { ask, clearConversation, retryTurn, useConversation } from "./conversation";

export type { AskReply, Turn } from "./conversation";

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
  const turns = useConversation();
  const [recent, setRecent] = useState<string[]>(loadRecent);
  const askQuestion = useCallback(
    (question: string) => {
      const q = question.trim();
      if (!q) return;
      setRecent((r) => {
        const next = [q, ...r.filter((x) => x !== q)].slice(0, MAX_RECENT);
        storage.set(RECENT_KEY, JSON.stringify(next));
        return next;
      });
      ask(q, wardCode);
    },
    [wardCode],
  );
  const pending = turns.some((t) => t.status === "sending");
  return { turns, recent, askQuestion, retry: retryTurn, clear: clearConversation, pending };
}
