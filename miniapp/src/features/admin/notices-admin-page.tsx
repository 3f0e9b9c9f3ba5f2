import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate } from "react-router-dom";
import { Box, Button, Page, Text, useSnackbar } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffSession, staffToken } from "../../lib/session";
import { FormActions } from "./form-actions";
import { ProcedurePicker } from "./procedure-picker";

type Item = Awaited<ReturnType<typeof listNotices>>["items"][number];
interface Draft {
  id?: string;
  title: string;
  body: string;
  procedure: { code: string; name: string } | null;
  pinned: boolean;
  /** yyyy-mm-dd in Vietnam time; empty: from now / until removed. */
  startDay: string;
  endDay: string;
  /** Kept when editing without touching the start day. */
  startsAt?: number;
}

const EMPTY: Draft = { title: "", body: "", procedure: null, pinned: false, startDay: "", endDay: "" };
const STATE = { current: "Đang hiển thị", scheduled: "Chưa đến ngày", ended: "Đã hết hạn" } as const;
const listNotices = (token: string) => unwrap(client.api.staff.notices.$get({}, bearer(token)));

// Days are the ward's days (UTC+7), whatever the admin's device clock zone is.
const dayStart = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const dayOf = (ms: number) => new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 10);

function toBody(d: Draft) {
  const startsAt = d.startDay ? dayStart(d.startDay) : d.startsAt;
  return {
    title: d.title,
    body: d.body,
    procedureCode: d.procedure?.code ?? null,
    pinned: d.pinned,
    ...(startsAt != null ? { startsAt } : {}),
    // Shown through the whole end day.
    endsAt: d.endDay ? dayStart(d.endDay) + 24 * 3600 * 1000 : null,
  };
}

/** Ward admin: notices to the ward's citizens (home screen, and answers about the linked procedure). */
export function NoticesAdminPage() {
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const { openSnackbar } = useSnackbar();
  const [draft, setDraft] = useState<Draft | null>(null);
  const notices = useQuery({ queryKey: ["staff-notices"], enabled: !!token, queryFn: () => listNotices(token!) });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const json = toBody(d);
      return unwrap(d.id ? client.api.staff.notices[":id"].$put({ param: { id: d.id }, json }, bearer(token!)) : client.api.staff.notices.$post({ json }, bearer(token!)));
    },
    onSuccess: () => {
      setDraft(null);
      openSnackbar({ text: "Đã lưu thông báo." });
      return qc.invalidateQueries({ queryKey: ["staff-notices"] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(client.api.staff.notices[":id"].$delete({ param: { id } }, bearer(token!))),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["staff-notices"] }),
  });
  if (!token || session?.role !== "ward_admin") return <Navigate to="/staff" replace />;

  const edit = (n: Item) =>
    setDraft({
      id: n.id,
      title: n.title,
      body: n.body,
      procedure: n.procedureCode ? { code: n.procedureCode, name: n.procedureName ?? n.procedureCode } : null,
      pinned: n.pinned,
      startDay: "",
      startsAt: n.startsAt,
      endDay: n.endsAt ? dayOf(n.endsAt - 1) : "",
    });
  const set = (patch: Partial<Draft>) => draft && setDraft({ ...draft, ...patch });

  return (
    <Page className="page">
      <AppHeader title="Thông báo của phường" />
      {draft ? (
        <Box className="card">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(draft);
            }}
          >
            <div className="form-field">
              <label htmlFor="notice-title">Tiêu đề</label>
              <input id="notice-title" required minLength={3} maxLength={150} value={draft.title} onChange={(e) => set({ title: e.target.value })} />
            </div>
            <div className="form-field">
              <label htmlFor="notice-body">Nội dung</label>
              <textarea id="notice-body" required rows={4} maxLength={3000} value={draft.body} onChange={(e) => set({ body: e.target.value })} />
            </div>
            <div className="form-field">
              <span className="fact-label">Thủ tục liên quan (không bắt buộc)</span>
              <ProcedurePicker value={draft.procedure} onChange={(procedure) => set({ procedure })} />
              <span className="form-hint">Người dân hỏi về thủ tục này sẽ thấy thông báo kèm câu trả lời.</span>
            </div>
            <div className="row">
              <div className="form-field">
                <label htmlFor="notice-start">Hiển thị từ ngày</label>
                <input id="notice-start" type="date" value={draft.startDay || (draft.startsAt ? dayOf(draft.startsAt) : "")} onChange={(e) => set({ startDay: e.target.value })} />
              </div>
              <div className="form-field">
                <label htmlFor="notice-end">Đến hết ngày</label>
                <input id="notice-end" type="date" value={draft.endDay} onChange={(e) => set({ endDay: e.target.value })} />
              </div>
            </div>
            <span className="form-hint">Để trống: hiển thị ngay, đến khi xóa.</span>
            <label className="row">
              <input type="checkbox" checked={draft.pinned} onChange={(e) => set({ pinned: e.target.checked })} /> Ghim lên đầu
            </label>
            <FormActions saving={save.isPending} error={save.error} onCancel={() => setDraft(null)} label="Đăng" />
          </form>
        </Box>
      ) : (
        <Box className="section">
          <Button fullWidth onClick={() => setDraft(EMPTY)}>
            Đăng thông báo
          </Button>
        </Box>
      )}
      {notices.isPending && <Skeleton lines={4} />}
      {notices.isError && <ErrorState error={notices.error} onRetry={() => notices.refetch()} />}
      {notices.data?.items.length === 0 && <EmptyState>Phường chưa có thông báo nào.</EmptyState>}
      {notices.data?.items.map((n) => (
        <Box key={n.id} className="card" data-admin-notice={n.title}>
          <Text.Title size="small">{n.title}</Text.Title>
          <Text size="small" className="muted">
            <span className="status-pill">{STATE[n.state]}</span>
            {n.pinned ? " · Ghim" : ""}
            {n.procedureName ? ` · ${n.procedureName}` : ""}
          </Text>
          <p className="faq-answer">{n.body}</p>
          <div className="row">
            <Button size="small" variant="secondary" onClick={() => edit(n)}>
              Sửa
            </Button>
            <Button size="small" variant="tertiary" onClick={() => window.confirm(`Xóa thông báo "${n.title}"?`) && remove.mutate(n.id)}>
              Xóa
            </Button>
          </div>
        </Box>
      ))}
    </Page>
  );
}
