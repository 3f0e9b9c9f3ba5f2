import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Button } from "zmp-ui";
import { storage } from "../../lib/zalo";

const SEEN_KEY = "motcua.privacy-seen";

/** On first use: what Một Cửa keeps, with the notice one tap away; hidden once acknowledged. */
export function PrivacyFirstUse() {
  const navigate = useNavigate();
  const [seen, setSeen] = useState(() => storage.get(SEEN_KEY) === "1");
  if (seen) return null;
  const done = () => {
    storage.set(SEEN_KEY, "1");
    setSeen(true);
  };
  return (
    <Box className="card privacy privacy-first-use" role="note">
      <p>Xem và hỏi thủ tục không cần thông tin cá nhân. Chỉ tin nhắn bạn gửi cán bộ mới được lưu, để cán bộ trả lời.</p>
      <div className="row">
        <Button
          size="small"
          variant="secondary"
          onClick={() => {
            done();
            navigate("/privacy");
          }}
        >
          Xem thông báo
        </Button>
        <Button size="small" variant="tertiary" onClick={done}>
          Đã hiểu
        </Button>
      </div>
    </Box>
  );
}

/** The lasting links at the bottom of the home page. */
export function PrivacyLinks() {
  const navigate = useNavigate();
  return (
    <nav className="privacy-links" aria-label="Dữ liệu cá nhân">
      <button type="button" className="link-button" onClick={() => navigate("/my-data")}>
        Dữ liệu của tôi
      </button>
      <span aria-hidden="true"> · </span>
      <button type="button" className="link-button" onClick={() => navigate("/privacy")}>
        Quyền riêng tư
      </button>
    </nav>
  );
}
