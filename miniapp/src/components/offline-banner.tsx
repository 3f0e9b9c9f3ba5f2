import { useEffect } from "react";
import { useOnline } from "../lib/network";

/** Shown on every screen while offline: what still works, and that sends wait for the network. */
export function OfflineBanner() {
  const online = useOnline();
  useEffect(() => {
    document.documentElement.classList.toggle("offline", !online);
  }, [online]);
  if (online) return null;
  return (
    <div className="offline-banner" role="status" data-offline-banner>
      Không có mạng. Bạn vẫn xem được thông tin đã mở trước đó; tin nhắn và câu hỏi sẽ tự gửi khi có mạng.
    </div>
  );
}
