import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { client, unwrap } from "../../lib/api";
import { bearer } from "../../lib/session";
import { useDebounced } from "../../lib/use-debounced";

/**
 * Canned replies: the official summary of a procedure from the catalog (the thread's procedure,
 * the bot's matches, or one the officer searches), inserted into the reply box for editing.
 */
export function CannedReplies({ conversationId, token, onPick }: { conversationId: string; token: string; onPick: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const canned = useQuery({
    queryKey: ["canned", conversationId, q],
    enabled: open,
    queryFn: () => unwrap(client.api.conversations[":id"].canned.$get({ param: { id: conversationId }, query: q ? { q } : {} }, bearer(token))),
  });
  if (!open) {
    return (
      <Button size="small" variant="secondary" onClick={() => setOpen(true)}>
        Mẫu trả lời từ thủ tục
      </Button>
    );
  }
  return (
    <div className="canned-list" aria-label="Mẫu trả lời">
      <input
        className="text-input"
        type="search"
        lang="vi"
        aria-label="Tìm thủ tục cho mẫu trả lời"
        placeholder="Tìm thủ tục khác, ví dụ: khai sinh"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {canned.isPending && <Text size="small">Đang tải…</Text>}
      {canned.data?.items.length === 0 && <Text size="small">Chưa có thủ tục phù hợp; bạn tìm theo tên thủ tục.</Text>}
      {canned.data?.items.map((item) => (
        <button
          key={item.code}
          className="chip chip-button"
          onClick={() => {
            onPick(item.text);
            setOpen(false);
          }}
        >
          {item.name}
        </button>
      ))}
      <Button size="small" variant="tertiary" onClick={() => setOpen(false)}>
        Đóng
      </Button>
    </div>
  );
}
