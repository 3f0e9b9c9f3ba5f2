import { Text } from "zmp-ui";
import { wardDateTime } from "../../lib/dates";
import { DeliveryStatus, type Delivery } from "../zalo-oa/window-banner";

export interface ChatMessage {
  id: string;
  authorRole: string;
  kind: string;
  text: string;
  createdAt: number;
  /** Staff only, for OA conversations: how the reply went out through Zalo. */
  delivery?: Delivery | null;
}

// Ward time, whatever the device is set to: "21:53 03/12".
const time = (ms: number) => wardDateTime(ms);

/** Messages rendered as text (never HTML), own side on the right. */
export function MessagesView({ messages, mine }: { messages: ChatMessage[]; mine: "citizen" | "officer" }) {
  return (
    <div className="conversation">
      {messages.map((m) => (
        <div
          key={m.id}
          className={m.kind === "note" ? "note-bubble" : m.authorRole === "system" ? "system-bubble" : m.authorRole === mine ? "user-bubble" : "bot-card"}
          data-role={m.authorRole}
          data-kind={m.kind}
        >
          {m.kind === "note" && <Text size="xSmall">Ghi chú nội bộ</Text>}
          {m.authorRole === "system" && <Text size="xSmall">Tin nhắn tự động</Text>}
          <div className="bubble-text">{m.text}</div>
          <Text size="xxSmall" className="muted">
            {time(m.createdAt)}
            {m.delivery && (
              <>
                {" · "}
                <DeliveryStatus delivery={m.delivery} />
              </>
            )}
          </Text>
        </div>
      ))}
    </div>
  );
}
