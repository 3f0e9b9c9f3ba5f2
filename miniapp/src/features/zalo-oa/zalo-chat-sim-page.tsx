/**
 * Development only (/dev/zalo-chat, never in a build): plays a citizen chatting with the
 * demo OA of Phường An Hải in Zalo. It signs webhook events the way Zalo does and posts them
 * to the worker, and shows the messages the local fake Zalo received from the OA.
 */
import { useQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { baseUrl } from "../../lib/api";
import { storage } from "../../lib/zalo";
import { signZaloEvent, ZALO_SIM } from "./sim-sign";

interface Sent {
  id: string;
  text: string;
  at: number;
  state: "sending" | "sent" | "error";
}
interface Received {
  messageId: string;
  text: string;
  at: number;
}

const DEVICE_KEY = "motcua.dev-device";
const time = (ms: number) => new Date(ms).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

/** The preview's own device id: as user_id_by_app it links this chat to the preview's citizen. */
function deviceId(): string {
  let id = storage.get(DEVICE_KEY);
  if (!id) storage.set(DEVICE_KEY, (id = Math.random().toString(36).slice(2, 12)));
  return id;
}

/** Links in a message become links; everything else stays text. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s)]+)/g);
  return (
    <>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} target="_blank" rel="noreferrer">
            {p}
          </a>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}

export function ZaloChatSimPage() {
  const [params, setParams] = useSearchParams();
  const sim = ZALO_SIM!;
  const userId = params.get("user") ?? `sim-${deviceId()}`;
  const byApp = params.get("user") ? userId : deviceId();
  const [text, setText] = useState("");
  const [sent, setSent] = useState<Sent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const since = useMemo(() => Date.now() - 24 * 3600_000, []);
  const bottom = useRef<HTMLDivElement>(null);

  const received = useQuery({
    queryKey: ["sim-zalo", userId],
    refetchInterval: 800,
    queryFn: async () => {
      const q = new URLSearchParams({ oa_id: sim.oaId, user_id: userId });
      const res = await fetch(`/fake-zalo/__fake/messages?${q}`);
      if (!res.ok) throw new Error("Không đọc được Zalo giả lập (npm start có chạy không?).");
      return ((await res.json()) as { messages: Received[] }).messages.filter((m) => m.at >= since);
    },
  });

  async function post(event: Record<string, unknown>, label: string) {
    const id = `sim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const at = Date.now();
    if (label) setSent((s) => [...s, { id, text: label, at, state: "sending" }]);
    const raw = JSON.stringify({ app_id: sim.appId, user_id_by_app: byApp, timestamp: String(at), ...event });
    try {
      const res = await fetch(`${baseUrl}/api/zalo/oa/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-ZEvent-Signature": `mac=${await signZaloEvent(sim.appId, raw, String(at), sim.secret)}` },
        body: raw,
      });
      setError(res.ok ? null : `Webhook trả lời ${res.status}`);
      if (label) setSent((s) => s.map((m) => (m.id === id ? { ...m, state: res.ok ? "sent" : "error" } : m)));
    } catch {
      setError("Không gửi được tới worker.");
      if (label) setSent((s) => s.map((m) => (m.id === id ? { ...m, state: "error" } : m)));
    }
  }

  const sendText = (t: string) =>
    post({ event_name: "user_send_text", sender: { id: userId }, recipient: { id: sim.oaId }, message: { msg_id: `m-${Date.now()}-${Math.random().toString(36).slice(2)}`, text: t } }, t);

  const items = [
    ...sent.map((m) => ({ key: m.id, mine: true, text: m.text, at: m.at, state: m.state })),
    ...(received.data ?? []).map((m) => ({ key: m.messageId, mine: false, text: m.text, at: m.at, state: "sent" as const })),
  ].sort((a, b) => a.at - b.at);
  // Like a chat app: the newest message is in view.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [items.length]);

  return (
    <Page className="page sim-page oa-screen">
      <AppHeader title="Zalo · OA Phường An Hải" />
      <div className="sim-banner" role="note">
        Chỉ khi phát triển: trang này đóng vai người dân ({userId}) nhắn OA thử nghiệm. Tin trả lời là tin Zalo giả lập đã nhận từ OA.
      </div>
      <div className="sim-chat" aria-live="polite" data-testid="sim-chat">
        {items.length === 0 && <Text className="muted">Bạn nhắn câu hỏi cho OA, ví dụ “Đăng ký khai sinh cần giấy tờ gì?”.</Text>}
        {items.map((m) => (
          <div key={m.key} className={m.mine ? "sim-bubble sim-mine" : "sim-bubble sim-oa"} data-from={m.mine ? "citizen" : "oa"}>
            <div className="bubble-text">
              <Linkified text={m.text} />
            </div>
            <span className="sim-time">
              {time(m.at)}
              {m.mine && m.state === "sending" ? " · đang gửi" : m.mine && m.state === "error" ? " · lỗi" : ""}
            </span>
          </div>
        ))}
      </div>
      {error && <Text className="warning">{error}</Text>}
      <form
        className="ask-form sim-form"
        onSubmit={(e) => {
          e.preventDefault();
          const t = text.trim();
          if (!t) return;
          setText("");
          void sendText(t);
        }}
      >
        <input className="ask-input" lang="vi" aria-label="Tin nhắn Zalo" placeholder="Nhập tin nhắn" value={text} onChange={(e) => setText(e.target.value)} />
        <Button htmlType="submit" disabled={!text.trim()}>
          Gửi
        </Button>
      </form>
      <div className="sim-actions" ref={bottom}>
        <button className="chip chip-button" onClick={() => post({ event_name: "follow", oa_id: sim.oaId, follower: { id: userId } }, "")}>
          Quan tâm OA
        </button>
        <button
          className="chip chip-button"
          onClick={() =>
            post(
              {
                event_name: "user_send_image",
                sender: { id: userId },
                recipient: { id: sim.oaId },
                message: { msg_id: `m-${Date.now()}`, attachments: [{ type: "image", payload: { url: "https://example.invalid/anh.jpg" } }] },
              },
              "[Ảnh]",
            )
          }
        >
          Gửi ảnh
        </button>
        <button
          className="chip chip-button"
          onClick={() => {
            setSent([]);
            setParams({ user: `sim-${Math.random().toString(36).slice(2, 10)}` });
          }}
        >
          Người dùng mới
        </button>
      </div>
    </Page>
  );
}
