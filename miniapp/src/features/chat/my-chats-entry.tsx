import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { client, unwrap } from "../../lib/api";
import { bearer, cachedCitizenToken } from "../../lib/session";

/** "Tin nhắn của tôi" with the unread count; shown only to citizens who have written before. */
export function MyChatsEntry() {
  const navigate = useNavigate();
  const token = cachedCitizenToken();
  const summary = useQuery({
    queryKey: ["my-chats-summary"],
    enabled: !!token,
    refetchInterval: 60_000,
    queryFn: () => unwrap(client.api.conversations.summary.$get({}, bearer(token!))),
  });
  if (!token) return null;
  const unread = summary.data?.unreadMessages ?? 0;
  return (
    <div className="card my-chats-entry">
      <button type="button" className="row-button row-with-count" onClick={() => navigate("/chat")}>
        <span className="row-title">
          Tin nhắn của tôi
          <span className="row-sub">{unread ? `${unread} trả lời mới của cán bộ` : "Các câu đã hỏi cán bộ"}</span>
        </span>
        {unread > 0 && (
          <span className="badge" aria-label={`${unread} trả lời mới`}>
            {unread}
          </span>
        )}
      </button>
    </div>
  );
}
