import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { Box, Button, Page, Text, useSnackbar } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffSession, staffToken } from "../../lib/session";
import { FormActions } from "./form-actions";

type Unit = "working_days" | "days" | "hours";
interface Draft {
  code?: string;
  name: string;
  field: string;
  documents: string;
  showDocuments: string;
  feeKind: "unknown" | "free" | "amount";
  feeAmount: string;
  timeValue: string;
  timeUnit: Unit;
  online: boolean;
  address: string;
  steps: string;
  conditions: string;
  result: string;
  legalBases: string;
}

const EMPTY: Draft = {
  name: "",
  field: "",
  documents: "",
  showDocuments: "",
  feeKind: "unknown",
  feeAmount: "",
  timeValue: "",
  timeUnit: "working_days",
  online: false,
  address: "",
  steps: "",
  conditions: "",
  result: "",
  legalBases: "",
};
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

function toBody(d: Draft) {
  const amount = Number(d.feeAmount.replace(/[.,\s]/g, ""));
  const time = Number(d.timeValue.replace(",", "."));
  return {
    name: d.name,
    field: d.field || null,
    documents: [
      ...lines(d.documents).map((name) => ({ name, submit: "submit" as const })),
      ...lines(d.showDocuments).map((name) => ({ name, submit: "show" as const })),
    ],
    fee: { kind: d.feeKind, amount: d.feeKind === "amount" && Number.isFinite(amount) ? amount : null },
    time: d.timeValue.trim() && Number.isFinite(time) ? { value: time, unit: d.timeUnit } : { value: null, unit: null },
    online: d.online,
    address: d.address || null,
    steps: lines(d.steps),
    conditions: d.conditions || null,
    result: d.result || null,
    legalBases: lines(d.legalBases),
  };
}

type Detail = Awaited<ReturnType<typeof getDetail>>;
// Signed in: a ward's own procedure is shown to its staff.
const getDetail = (code: string) => unwrap(client.api.procedures[":code"].$get({ param: { code }, query: {} }, bearer(staffToken() ?? "")));

function fromDetail(p: Detail): Draft {
  const m = p.methods[0];
  return {
    code: p.code,
    name: p.name,
    field: p.field ?? "",
    documents: p.documents.filter((d) => d.submit === "submit").map((d) => d.name).join("\n"),
    showDocuments: p.documents.filter((d) => d.submit === "show").map((d) => d.name).join("\n"),
    feeKind: m?.fee.status === "free" ? "free" : m?.fee.status === "amount" ? "amount" : "unknown",
    feeAmount: m?.fee.amount != null ? String(m.fee.amount) : "",
    timeValue: m?.time.value != null ? String(m.time.value) : "",
    timeUnit: (m?.time.unit as Unit | null) ?? "working_days",
    online: p.methods.some((x) => x.channel === "online"),
    address: p.address ?? "",
    steps: p.steps.join("\n"),
    conditions: p.conditions ?? "",
    result: p.result ?? "",
    legalBases: p.legalBases.map((l) => l.title).join("\n"),
  };
}

/**
 * Ward admin: procedures the ward publishes itself. They show to this ward's citizens in
 * search and in the chatbot's answers, marked as published by the ward.
 */
export function LocalProceduresPage() {
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { openSnackbar } = useSnackbar();
  const [draft, setDraft] = useState<Draft | null>(null);
  const list = useQuery({
    queryKey: ["staff-local-procedures"],
    enabled: !!token,
    queryFn: () => unwrap(client.api.staff["local-procedures"].$get({}, bearer(token!))),
  });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const json = toBody(d);
      return unwrap(
        d.code
          ? client.api.staff["local-procedures"][":code"].$put({ param: { code: d.code }, json }, bearer(token!))
          : client.api.staff["local-procedures"].$post({ json }, bearer(token!)),
      );
    },
    onSuccess: () => {
      setDraft(null);
      openSnackbar({ text: "Đã lưu thủ tục." });
      return qc.invalidateQueries({ queryKey: ["staff-local-procedures"] });
    },
  });
  const edit = useMutation({ mutationFn: getDetail, onSuccess: (p) => setDraft(fromDetail(p)) });
  const retire = useMutation({
    mutationFn: (code: string) => unwrap(client.api.staff["local-procedures"][":code"].$delete({ param: { code } }, bearer(token!))),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["staff-local-procedures"] }),
  });
  if (!token || session?.role !== "ward_admin") return <Navigate to="/staff" replace />;

  return (
    <Page className="page">
      <AppHeader title="Thủ tục riêng của phường" />
      <Box className="section">
        <Text size="small" className="muted">
          Chỉ thêm thủ tục chưa có trên Cổng Dịch vụ công quốc gia. Người dân của phường thấy thủ tục này khi tìm kiếm và khi hỏi trợ lý.
        </Text>
      </Box>
      {draft ? (
        <ProcedureForm draft={draft} onChange={setDraft} onCancel={() => setDraft(null)} onSave={() => save.mutate(draft)} saving={save.isPending} error={save.error} />
      ) : (
        <Box className="section">
          <Button fullWidth onClick={() => setDraft(EMPTY)}>
            Thêm thủ tục
          </Button>
        </Box>
      )}
      {list.isPending && <Skeleton lines={4} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.data?.items.length === 0 && <EmptyState>Phường chưa có thủ tục riêng.</EmptyState>}
      {list.data?.items.map((p) => (
        <Box key={p.code} className="card" data-local-procedure={p.name}>
          <Text.Title size="small">{p.name}</Text.Title>
          <Text size="small" className="muted">
            <span className="status-pill">{p.status === "active" ? "Đang áp dụng" : "Ngừng áp dụng"}</span>
            {p.field ? ` · ${p.field}` : ""}
          </Text>
          <div className="row">
            <Button size="small" variant="secondary" onClick={() => navigate(`/procedures/${encodeURIComponent(p.code)}`)}>
              Xem
            </Button>
            {p.status === "active" && (
              <>
                <Button size="small" variant="secondary" loading={edit.isPending && edit.variables === p.code} onClick={() => edit.mutate(p.code)}>
                  Sửa
                </Button>
                <Button size="small" variant="tertiary" onClick={() => window.confirm(`Ngừng áp dụng "${p.name}"?`) && retire.mutate(p.code)}>
                  Ngừng áp dụng
                </Button>
              </>
            )}
          </div>
        </Box>
      ))}
    </Page>
  );
}

function ProcedureForm(props: { draft: Draft; onChange: (d: Draft) => void; onCancel: () => void; onSave: () => void; saving: boolean; error: Error | null }) {
  const { draft } = props;
  const set = (patch: Partial<Draft>) => props.onChange({ ...draft, ...patch });
  const text = (key: keyof Draft, label: string, opts: { rows?: number; hint?: string; required?: boolean; max?: number } = {}) => (
    <div className="form-field">
      <label htmlFor={`lp-${key}`}>{label}</label>
      {opts.rows ? (
        <textarea id={`lp-${key}`} rows={opts.rows} maxLength={opts.max} required={opts.required} value={draft[key] as string} onChange={(e) => set({ [key]: e.target.value })} />
      ) : (
        <input id={`lp-${key}`} maxLength={opts.max} required={opts.required} value={draft[key] as string} onChange={(e) => set({ [key]: e.target.value })} />
      )}
      {opts.hint && <span className="form-hint">{opts.hint}</span>}
    </div>
  );
  return (
    <Box className="card">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave();
        }}
      >
        {text("name", "Tên thủ tục", { required: true, max: 300 })}
        {text("field", "Lĩnh vực", { max: 200, hint: "Ví dụ: Văn hóa cơ sở, Hộ tịch" })}
        {text("documents", "Giấy tờ phải nộp (mỗi dòng một giấy tờ)", { rows: 4 })}
        {text("showDocuments", "Giấy tờ mang theo để xuất trình (mỗi dòng một giấy tờ)", { rows: 2 })}
        <div className="form-field">
          <label htmlFor="lp-fee">Lệ phí</label>
          <select id="lp-fee" value={draft.feeKind} onChange={(e) => set({ feeKind: e.target.value as Draft["feeKind"] })}>
            <option value="unknown">Chưa quy định</option>
            <option value="free">Miễn phí</option>
            <option value="amount">Có thu phí</option>
          </select>
          {draft.feeKind === "amount" && (
            <input aria-label="Số tiền (đồng)" inputMode="numeric" required value={draft.feeAmount} onChange={(e) => set({ feeAmount: e.target.value })} placeholder="Số tiền, vd: 50000" />
          )}
        </div>
        <div className="form-field">
          <label htmlFor="lp-time">Thời hạn giải quyết</label>
          <div className="row">
            <input id="lp-time" inputMode="decimal" value={draft.timeValue} onChange={(e) => set({ timeValue: e.target.value })} placeholder="Để trống nếu chưa quy định" />
            <select aria-label="Đơn vị thời hạn" value={draft.timeUnit} onChange={(e) => set({ timeUnit: e.target.value as Unit })}>
              <option value="working_days">ngày làm việc</option>
              <option value="days">ngày</option>
              <option value="hours">giờ</option>
            </select>
          </div>
        </div>
        <label className="row">
          <input type="checkbox" checked={draft.online} onChange={(e) => set({ online: e.target.checked })} /> Nhận hồ sơ trực tuyến
        </label>
        {text("address", "Nơi nộp hồ sơ", { max: 500 })}
        {text("steps", "Các bước (mỗi dòng một bước)", { rows: 3 })}
        {text("conditions", "Điều kiện", { rows: 2, max: 3000 })}
        {text("result", "Kết quả nhận được", { max: 500 })}
        {text("legalBases", "Căn cứ (mỗi dòng một văn bản)", { rows: 2 })}
        <FormActions saving={props.saving} error={props.error} onCancel={props.onCancel} />
      </form>
    </Box>
  );
}
