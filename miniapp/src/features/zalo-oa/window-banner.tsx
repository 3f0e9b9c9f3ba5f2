export interface ZaloWindowInfo {
  open: boolean;
  remaining: number;
  closesAt: number | null;
  warn: boolean;
  closedBy?: "no_message" | "expired" | "used_up";
  follows: boolean | null;
  linked: boolean;
}

function left(ms: number) {
  const h = Math.floor(ms / 3_600_000);
  return h >= 1 ? `${h} giờ` : `${Math.max(1, Math.floor(ms / 60_000))} phút`;
}

/** Officers see Zalo's free-reply window for an OA conversation: replies and time left, and a warning before it closes. */
export function ZaloWindowBanner({ zalo, now = Date.now() }: { zalo: ZaloWindowInfo; now?: number }) {
  if (!zalo.open) {
    const why =
      zalo.closedBy === "used_up" ? "đã gửi đủ 8 tin miễn phí kể từ tin nhắn gần nhất của người dân" : zalo.closedBy === "expired" ? "đã quá 48 giờ kể từ tin nhắn gần nhất của người dân" : "người dân chưa nhắn qua Zalo";
    return (
      <div className="zalo-window zalo-closed" role="status" data-testid="zalo-window">
        <p className="oa-text">
          <strong>Zalo: hết thời hạn trả lời</strong> ({why}). Câu trả lời vẫn được lưu{zalo.linked ? " và hiện trong mini app, mục “Tin nhắn của tôi”" : ""}; Zalo chỉ gửi được khi người dân nhắn lại.
        </p>
      </div>
    );
  }
  return (
    <div className={`zalo-window ${zalo.warn ? "zalo-warn" : ""}`} role="status" data-testid="zalo-window">
      <p className="oa-text">
        <strong>Trả lời qua Zalo OA:</strong> còn {zalo.remaining}/8 tin miễn phí
        {zalo.closesAt ? `, trong ${left(zalo.closesAt - now)} nữa` : ""}.
        {zalo.warn ? " Sắp hết thời hạn: tin cuối sẽ kèm lời nhắn để người dân xem tiếp trong mini app." : ""}
      </p>
    </div>
  );
}

const DELIVERY = {
  queued: "Đang gửi qua Zalo…",
  sending: "Đang gửi qua Zalo…",
  sent: "✓ Đã gửi qua Zalo",
  failed: "Không gửi được qua Zalo",
  window_closed: "Ngoài thời hạn Zalo: người dân xem trong mini app",
} as const;

export type Delivery = { status: keyof typeof DELIVERY; reason: string | null; sentAt: number | null };

export function DeliveryStatus({ delivery }: { delivery: Delivery }) {
  return (
    <span className={`delivery delivery-${delivery.status}`} data-delivery={delivery.status} title={delivery.reason ?? undefined}>
      {DELIVERY[delivery.status]}
      {delivery.status === "failed" && delivery.reason ? `: ${delivery.reason}` : ""}
    </span>
  );
}
