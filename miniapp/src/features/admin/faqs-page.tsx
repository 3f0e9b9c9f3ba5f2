import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { Box, Button, Page, Text, useSnackbar } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffSession, staffToken } from "../../lib/session";
import { AskTester } from "./ask-tester";
import { FormActions } from "./form-actions";
import { ProcedurePicker } from "./procedure-picker";

type Faq = Awaited<ReturnType<typeof listFaqs>>["items"][number];
interface Draft {
  id?: string;
  question: string;
  answer: string;
  keywords: string;
  procedure: { code: string; name: string } | null;
  published: boolean;
}

const EMPTY: Draft = { question: "", answer: "", keywords: "", procedure: null, published: true };
const listFaqs = (token: string) => unwrap(client.api.staff.faqs.$get({}, bearer(token)));

/**
 * Ward admin: the questions the ward answers itself. Citizens of this ward get these answers
 * from the chatbot and see them on the home screen; "Thử hỏi" shows what the bot would say.
 */
export function FaqsPage() {
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const { openSnackbar } = useSnackbar();
  // From a conversation ("Lưu thành câu hỏi thường gặp"): start with its question and reply.
  const fromThread = (useLocation().state as { draft?: { question: string; answer: string; procedureCode: string | null } } | null)?.draft;
  const [draft, setDraft] = useState<Draft | null>(
    fromThread
      ? { ...EMPTY, question: fromThread.question, answer: fromThread.answer, procedure: fromThread.procedureCode ? { code: fromThread.procedureCode, name: fromThread.procedureCode } : null }
      : null,
  );
  const faqs = useQuery({ queryKey: ["staff-faqs"], enabled: !!token, queryFn: () => listFaqs(token!) });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const json = { question: d.question, answer: d.answer, keywords: d.keywords.split("\n").map((k) => k.trim()).filter(Boolean).join(", "), procedureCode: d.procedure?.code ?? null, published: d.published };
      return unwrap(d.id ? client.api.staff.faqs[":id"].$put({ param: { id: d.id }, json }, bearer(token!)) : client.api.staff.faqs.$post({ json }, bearer(token!)));
    },
    onSuccess: () => {
      setDraft(null);
      openSnackbar({ text: "Đã lưu câu hỏi." });
      return qc.invalidateQueries({ queryKey: ["staff-faqs"] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(client.api.staff.faqs[":id"].$delete({ param: { id } }, bearer(token!))),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["staff-faqs"] }),
  });
  if (!token || session?.role !== "ward_admin") return <Navigate to="/staff" replace />;

  const edit = (f: Faq) =>
    setDraft({
      id: f.id,
      question: f.question,
      answer: f.answer,
      keywords: f.keywords.split(",").map((k) => k.trim()).filter(Boolean).join("\n"),
      procedure: f.procedureCode ? { code: f.procedureCode, name: f.procedureName ?? f.procedureCode } : null,
      published: f.published,
    });

  return (
    <Page className="page">
      <AppHeader title="Câu hỏi thường gặp của phường" />
      <AskTester wardCode={session.ward} />
      {draft ? (
        <FaqForm draft={draft} onChange={setDraft} onCancel={() => setDraft(null)} onSave={() => save.mutate(draft)} saving={save.isPending} error={save.error} />
      ) : (
        <Box className="section">
          <Button fullWidth onClick={() => setDraft(EMPTY)}>
            Thêm câu hỏi
          </Button>
        </Box>
      )}
      {faqs.isPending && <Skeleton lines={4} />}
      {faqs.isError && <ErrorState error={faqs.error} onRetry={() => faqs.refetch()} />}
      {faqs.data?.items.length === 0 && <EmptyState>Phường chưa có câu hỏi nào. Thêm những câu người dân hay hỏi qua điện thoại, Zalo.</EmptyState>}
      {faqs.data?.items.map((f) => (
        <Box key={f.id} className="card" data-faq={f.question}>
          <Text.Title size="small">{f.question}</Text.Title>
          <Text size="small" className="muted">
            <span className="status-pill">{f.published ? "Đang hiển thị" : "Đang ẩn"}</span>
            {f.procedureName ? ` · Thủ tục: ${f.procedureName}` : ""}
          </Text>
          <p className="faq-answer">{f.answer}</p>
          <div className="row">
            <Button size="small" variant="secondary" onClick={() => edit(f)}>
              Sửa
            </Button>
            <Button
              size="small"
              variant="tertiary"
              loading={remove.isPending && remove.variables === f.id}
              onClick={() => window.confirm(`Xóa câu hỏi "${f.question}"?`) && remove.mutate(f.id)}
            >
              Xóa
            </Button>
          </div>
        </Box>
      ))}
    </Page>
  );
}

function FaqForm(props: { draft: Draft; onChange: (d: Draft) => void; onCancel: () => void; onSave: () => void; saving: boolean; error: Error | null }) {
  const { draft, onChange } = props;
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  return (
    <Box className="card">
      <Text size="small" className="muted">
        Viết câu hỏi, câu trả lời chung cho mọi người; bỏ tên, số điện thoại, địa chỉ và thông tin cá nhân khác.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave();
        }}
      >
        <div className="form-field">
          <label htmlFor="faq-question">Câu hỏi</label>
          <input id="faq-question" required minLength={5} maxLength={300} value={draft.question} onChange={(e) => set({ question: e.target.value })} placeholder="Ví dụ: Phường có nhận hồ sơ sáng thứ Bảy không?" />
        </div>
        <div className="form-field">
          <label htmlFor="faq-answer">Trả lời</label>
          <textarea id="faq-answer" required rows={4} maxLength={2000} value={draft.answer} onChange={(e) => set({ answer: e.target.value })} />
        </div>
        <div className="form-field">
          <label htmlFor="faq-keywords">Cách hỏi khác (mỗi dòng một cách)</label>
          <textarea id="faq-keywords" rows={3} maxLength={500} value={draft.keywords} onChange={(e) => set({ keywords: e.target.value })} placeholder={"thứ 7 có làm không\ncuối tuần có mở cửa không"} />
          <span className="form-hint">Người dân gõ không dấu, viết tắt vẫn tìm được; thêm cách hỏi khác khi họ dùng từ khác hẳn.</span>
        </div>
        <div className="form-field">
          <span className="fact-label">Thủ tục liên quan (không bắt buộc)</span>
          <ProcedurePicker value={draft.procedure} onChange={(procedure) => set({ procedure })} />
          <span className="form-hint">Khi người dân hỏi về thủ tục này, câu trả lời của phường hiện kèm như một lưu ý.</span>
        </div>
        <label className="row">
          <input type="checkbox" checked={draft.published} onChange={(e) => set({ published: e.target.checked })} /> Hiển thị cho người dân
        </label>
        <FormActions saving={props.saving} error={props.error} onCancel={props.onCancel} />
      </form>
    </Box>
  );
}
