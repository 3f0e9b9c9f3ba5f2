import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffSession, staffToken } from "../../lib/session";

const when = (ms: number) =>
  new Date(ms).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });

/** Ward admin: how long the ward keeps personal data, "cải thiện trợ lý", and who opened which conversation. */
export function StaffPrivacyPage() {
  const navigate = useNavigate();
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const auth = bearer(token ?? "");
  const settings = useQuery({ queryKey: ["privacy-settings"], enabled: !!token, queryFn: () => unwrap(client.api.staff["privacy-settings"].$get({}, auth)) });
  const log = useQuery({ queryKey: ["access-log"], enabled: !!token, queryFn: () => unwrap(client.api.staff["access-log"].$get({ query: {} }, auth)) });
  const questions = useQuery({ queryKey: ["question-log"], enabled: !!token, queryFn: () => unwrap(client.api.staff["question-log"].$get({}, auth)) });
  const [months, setMonths] = useState(12);
  const [improve, setImprove] = useState(false);
  useEffect(() => {
    if (settings.data) {
      setMonths(settings.data.retentionMonths);
      setImprove(settings.data.improveAssistant);
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => unwrap(client.api.staff["privacy-settings"].$put({ json: { retentionMonths: months, improveAssistant: improve } }, auth)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["privacy-settings"] }),
  });
  if (!token || session?.role !== "ward_admin") return <Navigate to="/staff" replace />;
  return (
    <Page className="page">
      <AppHeader title="Dữ liệu cá nhân" />
      <Box className="card settings-form">
        <Text.Title size="small">Thời hạn lưu</Text.Title>
        <label>
          Ẩn danh cuộc trò chuyện sau
          <select className="text-input" value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            {[3, 6, 12, 24, 36].map((m) => (
              <option key={m} value={m}>
                {m} tháng
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={improve} onChange={(e) => setImprove(e.target.checked)} /> Cải thiện trợ lý: giữ câu hỏi của người dân 90 ngày (đã xóa
          số điện thoại, số giấy tờ) để viết câu trả lời tốt hơn
        </label>
        {save.isError && <Text className="warning">{(save.error as Error).message}</Text>}
        {save.isSuccess && <Text size="small">Đã lưu.</Text>}
        <Button loading={save.isPending} disabled={settings.isPending} onClick={() => save.mutate()}>
          Lưu cài đặt
        </Button>
      </Box>

      <Box className="card">
        <Text.Title size="small">Ai đã mở cuộc trò chuyện nào</Text.Title>
        {log.isPending && <Skeleton lines={4} />}
        {log.isError && <ErrorState error={log.error} onRetry={() => log.refetch()} />}
        {log.data && log.data.items.length === 0 && <EmptyState>Chưa có lượt mở nào.</EmptyState>}
        <ul className="my-data-list">
          {log.data?.items.map((r, i) => (
            <li key={`${r.at}-${i}`}>
              <Text size="small" bold>
                {r.username ?? r.staffId} · {when(r.at)}
              </Text>
              <button type="button" className="link-button" onClick={() => navigate(`/staff/c/${r.conversationId}`)}>
                {r.subject ? r.subject.slice(0, 80) : "(đã ẩn danh)"}
              </button>
            </li>
          ))}
        </ul>
      </Box>

      {questions.data && questions.data.items.length > 0 && (
        <Box className="card">
          <Text.Title size="small">Câu hỏi người dân gửi trợ lý (90 ngày)</Text.Title>
          <ul className="my-data-list">
            {questions.data.items.map((q, i) => (
              <li key={`${q.at}-${i}`}>
                <Text size="small">{q.question}</Text>
                <Text size="small" className="muted">
                  {when(q.at)} · {q.kind === "answer" ? "đã trả lời" : q.kind === "clarify" ? "hỏi lại" : "chưa trả lời được"}
                </Text>
              </li>
            ))}
          </ul>
        </Box>
      )}
    </Page>
  );
}
