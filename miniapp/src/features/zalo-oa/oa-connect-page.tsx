import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate } from "react-router-dom";
import { Box, Button, Page, Text, useSnackbar } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffSession, staffToken } from "../../lib/session";
import { openExternal } from "../../lib/zalo";

const STATUS = {
  pending: ["Chưa cấp quyền", "badge-warn"],
  connected: ["Đã kết nối", "badge-soft"],
  reauth: ["Cần kết nối lại", "badge-warn"],
} as const;

const time = (ms: number) =>
  new Date(ms).toLocaleString("vi-VN", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

type TestResult = { ok: boolean; steps: { key: string; label: string; ok: boolean; detail: string }[]; reply: string | null };

/**
 * Ward admin: connect the ward's Zalo Official Account. Secrets are typed in and saved,
 * never shown again (the API says only whether each one is set).
 */
export function OaConnectPage() {
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const { openSnackbar } = useSnackbar();
  const [form, setForm] = useState<{ oaId: string; appId: string; oaSecretKey: string; appSecretKey: string } | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const view = useQuery({
    queryKey: ["zalo-oa"],
    enabled: !!token,
    queryFn: () => unwrap(client.api.staff["zalo-oa"].$get({}, bearer(token!))),
  });
  const save = useMutation({
    mutationFn: (f: NonNullable<typeof form>) =>
      unwrap(
        client.api.staff["zalo-oa"].$put(
          {
            json: {
              oaId: f.oaId.trim(),
              appId: f.appId.trim(),
              ...(f.oaSecretKey.trim() ? { oaSecretKey: f.oaSecretKey.trim() } : {}),
              ...(f.appSecretKey.trim() ? { appSecretKey: f.appSecretKey.trim() } : {}),
            },
          },
          bearer(token!),
        ),
      ),
    onSuccess: (data) => {
      qc.setQueryData(["zalo-oa"], data);
      setForm(null);
      openSnackbar({ text: "Đã lưu cấu hình OA." });
    },
  });
  const consent = useMutation({
    mutationFn: () => unwrap(client.api.staff["zalo-oa"].consent.$post({}, bearer(token!))),
    onSuccess: ({ url }) => openExternal(url),
  });
  const runTest = useMutation({
    mutationFn: () => unwrap(client.api.staff["zalo-oa"].test.$post({}, bearer(token!))),
    onSuccess: (r) => {
      setTest(r);
      void qc.invalidateQueries({ queryKey: ["zalo-oa"] });
    },
  });
  if (!token || session?.role !== "ward_admin") return <Navigate to="/staff" replace />;
  const cfg = view.data?.config ?? null;
  const editing = form ?? (view.data && !cfg ? { oaId: "", appId: "", oaSecretKey: "", appSecretKey: "" } : null);
  const set = (patch: Partial<NonNullable<typeof form>>) => setForm({ ...(editing ?? { oaId: "", appId: "", oaSecretKey: "", appSecretKey: "" }), ...patch });

  return (
    <Page className="page oa-screen">
      <AppHeader title="Kết nối Zalo OA" />
      {view.isPending && <Skeleton lines={5} />}
      {view.isError && <ErrorState error={view.error} onRetry={() => view.refetch()} />}
      {view.data && (
        <>
          <Box className="card">
            <Text size="small">
              Người dân nhắn tin cho Official Account (OA) của phường sẽ được trợ lý Một Cửa trả lời; khi cần, câu hỏi chuyển vào hộp thư cán bộ và câu trả lời của
              cán bộ gửi lại qua Zalo.
            </Text>
          </Box>
          {cfg && !form && (
            <Box className="card" data-testid="oa-config">
              <div className="row-between">
                <Text.Title size="small">{cfg.oaName ?? `OA ${cfg.oaId}`}</Text.Title>
                <span className={`badge ${STATUS[cfg.status][1]}`}>{STATUS[cfg.status][0]}</span>
              </div>
              <Text size="small">OA ID: {cfg.oaId}</Text>
              <Text size="small">App ID: {cfg.appId}</Text>
              <Text size="small" className="muted">
                Khóa bí mật của OA: {cfg.oaSecretKeySet ? "đã lưu" : "chưa có"} · Khóa của ứng dụng: {cfg.appSecretKeySet ? "đã lưu" : cfg.usesMiniAppSecret ? "dùng của mini app" : "chưa có"}
              </Text>
              {cfg.accessExpiresAt && <Text size="small" className="muted">Mã truy cập còn hạn đến {time(cfg.accessExpiresAt)} (tự làm mới).</Text>}
              {cfg.sameAppAsMiniApp && <Text size="small" className="muted">OA dùng chung ứng dụng Zalo với mini app: người dân nhắn OA cũng thấy trả lời trong “Tin nhắn của tôi”.</Text>}
              {cfg.lastError && <Text className="warning">{cfg.lastError}</Text>}
              <div className="row">
                <Button size="small" variant="secondary" onClick={() => setForm({ oaId: cfg.oaId, appId: cfg.appId, oaSecretKey: "", appSecretKey: "" })}>
                  Sửa
                </Button>
              </div>
            </Box>
          )}
          {editing && (
            <Box className="card">
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  save.mutate(editing);
                }}
              >
                <div className="form-field">
                  <label htmlFor="oa-id">OA ID</label>
                  <input id="oa-id" required pattern="[\w-]{1,64}" inputMode="numeric" value={editing.oaId} onChange={(e) => set({ oaId: e.target.value })} />
                  <span className="form-hint">Trong trang quản lý OA (oa.zalo.me), mục Thông tin OA.</span>
                </div>
                <div className="form-field">
                  <label htmlFor="app-id">App ID</label>
                  <input id="app-id" required pattern="[\w-]{1,64}" value={editing.appId} onChange={(e) => set({ appId: e.target.value })} />
                  <span className="form-hint">Ứng dụng trên developers.zalo.me đã liên kết với OA.</span>
                </div>
                <div className="form-field">
                  <label htmlFor="oa-secret">Khóa bí mật của OA (OA Secret Key)</label>
                  <input
                    id="oa-secret"
                    type="password"
                    autoComplete="off"
                    required={!cfg?.oaSecretKeySet}
                    minLength={6}
                    placeholder={cfg?.oaSecretKeySet ? "Đã lưu: để trống nếu không đổi" : ""}
                    value={editing.oaSecretKey}
                    onChange={(e) => set({ oaSecretKey: e.target.value })}
                  />
                  <span className="form-hint">Ứng dụng → Webhook → OA Secret Key. Dùng để kiểm tra chữ ký sự kiện Zalo gửi.</span>
                </div>
                <div className="form-field">
                  <label htmlFor="app-secret">Khóa bí mật của ứng dụng (App Secret Key)</label>
                  <input
                    id="app-secret"
                    type="password"
                    autoComplete="off"
                    minLength={6}
                    placeholder={cfg?.appSecretKeySet ? "Đã lưu: để trống nếu không đổi" : "Để trống nếu OA dùng chung ứng dụng với mini app"}
                    value={editing.appSecretKey}
                    onChange={(e) => set({ appSecretKey: e.target.value })}
                  />
                  <span className="form-hint">Ứng dụng → Cài đặt. Dùng khi lấy và làm mới mã truy cập.</span>
                </div>
                {save.isError && <ErrorState error={save.error} />}
                <div className="row">
                  <Button htmlType="submit" size="small" loading={save.isPending}>
                    Lưu
                  </Button>
                  {form && (
                    <Button size="small" variant="tertiary" onClick={() => setForm(null)}>
                      Hủy
                    </Button>
                  )}
                </div>
              </form>
            </Box>
          )}
          {cfg && (
            <>
              <Box className="card">
                <Text.Title size="small">1. Đăng ký webhook</Text.Title>
                <Text size="small">Trong ứng dụng Zalo, mục Webhook, dán địa chỉ sau và bật các sự kiện: người dùng gửi tin nhắn (chữ, ảnh, sticker, tệp, vị trí), quan tâm, bỏ quan tâm.</Text>
                <code className="pre" data-testid="webhook-url">
                  {view.data.webhookUrl}
                </code>
                <Text size="small" className="muted">
                  Zalo yêu cầu xác thực tên miền này trước (mục Xác thực domain của ứng dụng).
                </Text>
              </Box>
              <Box className="card">
                <Text.Title size="small">2. Cấp quyền gửi tin cho Một Cửa</Text.Title>
                <Text size="small">Mở trang của Zalo, chọn OA của phường và đồng ý. Địa chỉ chuyển hướng cần khai trong ứng dụng:</Text>
                <code className="pre">{view.data.redirectUri}</code>
                <Button size="small" loading={consent.isPending} onClick={() => consent.mutate()}>
                  {cfg.status === "connected" ? "Kết nối lại với Zalo" : "Kết nối với Zalo"}
                </Button>
                {consent.isError && <ErrorState error={consent.error} />}
              </Box>
              <Box className="card">
                <Text.Title size="small">3. Gửi thử</Text.Title>
                <Text size="small">Một sự kiện thử có chữ ký đi qua webhook và trợ lý (không gửi cho ai), rồi kiểm tra quyền gửi tin của OA tại Zalo.</Text>
                <Button size="small" variant="secondary" loading={runTest.isPending} onClick={() => runTest.mutate()}>
                  Gửi thử
                </Button>
                {runTest.isError && <ErrorState error={runTest.error} />}
                {test && (
                  <ul className="checklist" data-testid="oa-test">
                    {test.steps.map((s) => (
                      <li key={s.key} className={s.ok ? "ok" : "bad"}>
                        <strong>{s.ok ? "✓" : "✗"} {s.label}</strong>: {s.detail}
                      </li>
                    ))}
                  </ul>
                )}
                {test?.reply && (
                  <details>
                    <summary>Trợ lý sẽ trả lời “Đăng ký khai sinh cần giấy tờ gì?”</summary>
                    <div className="bubble-text oa-preview">{test.reply}</div>
                  </details>
                )}
                {cfg.lastTestAt && !test && (
                  <Text size="small" className="muted">
                    Lần thử gần nhất {time(cfg.lastTestAt)}: {cfg.lastTestOk ? "đạt" : "chưa đạt"}.
                  </Text>
                )}
              </Box>
            </>
          )}
        </>
      )}
    </Page>
  );
}
