import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { pollInterval, useLive } from "../../lib/live";
import { bearer, staffLogout, staffSession, staffToken } from "../../lib/session";
import { useDebounced } from "../../lib/use-debounced";
import { firstResponseText, overdue } from "./waiting";

const VIEWS = [
  ["mine", "Của tôi"],
  ["unassigned", "Chưa giao"],
  ["all", "Tất cả"],
] as const;
const STATUS = { open: "Chờ trả lời", pending: "Chờ dân phản hồi", resolved: "Đã xong" } as const;

/** Officers' inbox (role-gated): works on a 360 px phone and on a desktop at the centre. */
export function InboxPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const token = staffToken();
  const session = staffSession();
  const [view, setView] = useState<"mine" | "unassigned" | "all">(session?.officer ? "mine" : "all");
  const [status, setStatus] = useState<"" | "open" | "pending" | "resolved">("");
  const [field, setField] = useState("");
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const live = useLive(async () => staffToken(), session?.ward, () => void qc.invalidateQueries({ queryKey: ["inbox"] }));
  // The fields this ward's officers handle: the useful filter values.
  const contacts = useQuery({
    queryKey: ["contacts", session?.ward],
    enabled: !!session?.ward,
    staleTime: 10 * 60_000,
    queryFn: () => unwrap(client.api.wards[":code"].contacts.$get({ param: { code: session!.ward! }, query: {} })),
  });
  const fields = [...new Set((contacts.data?.officers ?? []).flatMap((o) => o.fields))].sort();
  const inbox = useInfiniteQuery({
    queryKey: ["inbox", view, status, field, q],
    enabled: !!token,
    refetchInterval: pollInterval(live),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        client.api.conversations.$get(
          {
            query: {
              view,
              ...(status ? { status } : {}),
              ...(field ? { field } : {}),
              ...(q ? { q } : {}),
              ...(pageParam ? { before: String(pageParam) } : {}),
            },
          },
          bearer(token!),
        ),
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  if (!token) return <Navigate to="/staff" replace />;
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page className="page">
      <AppHeader title="Hộp thư cán bộ" back={false} />
      <div className="inbox-layout">
        <Box className="pad toolbar">
          {VIEWS.map(([v, label]) => (
            <button key={v} className={`chip chip-button ${view === v ? "chip-primary" : ""}`} onClick={() => setView(v)}>
              {label}
            </button>
          ))}
          <Text size="xSmall" className={live ? "live-dot" : "muted"}>
            {live ? "● Đang nhận tin trực tiếp" : "Tự tải lại mỗi 5 giây"}
          </Text>
        </Box>
        <Box className="pad toolbar">
          <input
            className="text-input"
            type="search"
            lang="vi"
            aria-label="Tìm trong hộp thư"
            placeholder="Tìm: nội dung, lĩnh vực, mã thủ tục"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <select className="text-input" aria-label="Trạng thái" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">Mọi trạng thái</option>
            {Object.entries(STATUS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
          <select className="text-input" aria-label="Lĩnh vực" value={field} onChange={(e) => setField(e.target.value)}>
            <option value="">Mọi lĩnh vực</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          {session?.role === "ward_admin" && (
            <>
              <Button size="small" variant="tertiary" onClick={() => navigate("/staff/notices")}>
                Thông báo
              </Button>
              <Button size="small" variant="tertiary" onClick={() => navigate("/staff/faqs")}>
                Câu hỏi thường gặp
              </Button>
              <Button size="small" variant="tertiary" onClick={() => navigate("/staff/local-procedures")}>
                Thủ tục của phường
              </Button>
              <Button size="small" variant="tertiary" onClick={() => navigate("/staff/accounts")}>
                Tài khoản cán bộ
              </Button>
              <Button size="small" variant="tertiary" onClick={() => navigate("/staff/fields")}>
                Thứ tự lĩnh vực
              </Button>
              <Button size="small" variant="tertiary" onClick={() => navigate("/staff/zalo-oa")}>
                Zalo OA
              </Button>
              <Button size="small" variant="tertiary" onClick={() => navigate("/staff/privacy")}>
                Dữ liệu cá nhân
              </Button>
            </>
          )}
          <Button
            size="small"
            variant="tertiary"
            onClick={() => {
              staffLogout();
              navigate("/staff", { replace: true });
            }}
          >
            Đăng xuất
          </Button>
        </Box>
        {inbox.isPending && <Skeleton lines={6} />}
        {inbox.isError && <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />}
        {inbox.data && items.length === 0 && <EmptyState>Không có cuộc trò chuyện nào.</EmptyState>}
        <div className="inbox-grid">
          {items.map((c) => (
            <button key={c.id} className="card inbox-item" data-conversation={c.id} onClick={() => navigate(`/staff/c/${c.id}`)}>
              <div className="row-between">
                <Text.Title size="small">{c.field ?? "Câu hỏi chung"}</Text.Title>
                {c.unread > 0 && (
                  <span className="badge" aria-label={`${c.unread} tin chưa đọc`}>
                    {c.unread}
                  </span>
                )}
              </div>
              <Text size="small" className="clamp-2">
                {c.subject}
              </Text>
              <div className="row">
                <Text size="xSmall" className="muted">
                  {STATUS[c.status]} · {c.assignedOfficerId ? "đã giao" : "chưa giao"}
                </Text>
                {c.status !== "resolved" && (
                  <span className={`badge ${overdue(c) ? "badge-warn" : "badge-soft"}`} data-testid="first-response">
                    {firstResponseText(c)}
                  </span>
                )}
                {c.callbackRequested && <span className="badge badge-soft">Nhờ gọi lại</span>}
                {c.channel === "zalo_oa" && <span className="badge badge-zalo">Zalo OA</span>}
              </div>
            </button>
          ))}
        </div>
        {inbox.hasNextPage && (
          <Box className="pad">
            <Button variant="secondary" fullWidth loading={inbox.isFetchingNextPage} onClick={() => inbox.fetchNextPage()}>
              Xem thêm
            </Button>
          </Box>
        )}
      </div>
    </Page>
  );
}
