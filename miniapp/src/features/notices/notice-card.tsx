import { useNavigate } from "react-router-dom";
import { Text } from "zmp-ui";
import { noticeDate, type Notice } from "./queries";

export function NoticeCard({ notice, open = false }: { notice: Notice; open?: boolean }) {
  const navigate = useNavigate();
  return (
    <details className="card notice" open={open} data-notice={notice.title}>
      <summary>
        {notice.pinned && <span className="status-pill">Ghim</span>}
        <span className="notice-title">{notice.title}</span>
        <Text size="xSmall" className="muted">
          Từ {noticeDate(notice.startsAt)}
          {notice.endsAt ? ` đến ${noticeDate(notice.endsAt - 1)}` : ""}
        </Text>
        {/* Closed notices look like plain lines otherwise: say that they open. */}
        <span className="tap-hint">Chạm để xem nội dung</span>
      </summary>
      <p className="faq-answer">{notice.body}</p>
      {notice.procedureCode && (
        <button type="button" className="link-button" onClick={() => navigate(`/procedures/${encodeURIComponent(notice.procedureCode!)}`)}>
          Xem thủ tục: {notice.procedureName}
        </button>
      )}
    </details>
  );
}
