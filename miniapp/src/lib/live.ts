/**
 * Live updates: one WebSocket to the ward's inbox object, telling which conversation changed
 * (never its content). Pages keep polling as a fallback, slower while the socket is up.
 */
import { useEffect, useRef, useState } from "react";
import { baseUrl, client, unwrap } from "./api";
import { bearer } from "./session";

const PING_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;

export function useLive(getToken: () => Promise<string | null>, wardCode: string | undefined, onChange: (conversationId: string) => void): boolean {
  const [connected, setConnected] = useState(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const getTokenRef = useRef(getToken);
  getTokenRef.current = getToken;

  useEffect(() => {
    if (!wardCode || typeof WebSocket === "undefined") return;
    let stopped = false;
    let socket: WebSocket | null = null;
    let ping: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;

    const schedule = () => {
      if (stopped) return;
      retry = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
    async function connect() {
      try {
        const token = await getTokenRef.current();
        if (!token || stopped) return;
        const { ticket } = await unwrap(client.api.live.ticket.$post({ json: { wardCode } }, bearer(token)));
        if (stopped) return;
        const url = new URL(`/api/live?ticket=${encodeURIComponent(ticket)}`, baseUrl);
        url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
        socket = new WebSocket(url);
        socket.onopen = () => {
          backoff = 1000;
          setConnected(true);
          ping = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send("ping"), PING_MS);
        };
        socket.onmessage = (e) => {
          if (e.data === "pong") return;
          try {
            const event = JSON.parse(String(e.data)) as { type?: string; conversationId?: string };
            if (event.type === "conversation" && event.conversationId) onChangeRef.current(event.conversationId);
          } catch {
            // not ours
          }
        };
        socket.onclose = () => {
          clearInterval(ping);
          setConnected(false);
          schedule();
        };
      } catch {
        setConnected(false);
        schedule(); // offline or live delivery disabled: polling carries on meanwhile
      }
    }
    void connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket?.close();
    };
  }, [wardCode]);

  return connected;
}

/** Poll intervals: fast without a live socket, a slow safety net with one. */
export const pollInterval = (live: boolean) => (live ? 60_000 : 5_000);
