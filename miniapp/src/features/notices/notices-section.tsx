import { useNavigate } from "react-router-dom";
import { Box, Button, Text } from "zmp-ui";
import { NoticeCard } from "./notice-card";
import { useNotices } from "./queries";

const SHOWN = 3;

/** Home screen: the ward's latest notices; hidden when it has none. */
export function NoticesSection({ wardCode }: { wardCode?: string }) {
  const navigate = useNavigate();
  const notices = useNotices(wardCode);
  const items = notices.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Box className="section notices">
      <h2 className="section-title">
        Thông báo của xã, phường
      </h2>
      {items.slice(0, SHOWN).map((n, i) => (
        <NoticeCard key={n.id} notice={n} open={i === 0} />
      ))}
      {items.length > SHOWN && (
        <Button size="small" variant="tertiary" onClick={() => navigate("/notices")}>
          Xem tất cả {items.length} thông báo
        </Button>
      )}
    </Box>
  );
}
