import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Button, Page } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, cachedCitizenToken, citizenToken, forgetCitizen } from "../../lib/session";

const STATUS = { open: "Đang chờ cán bộ", pending: "Cán bộ đã trả lời", resolved: "Đã xong" } as const;
const day = (ms: number) => new Date(ms).toLocaleDateString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

/** "Dữ liệu của tôi": what is stored about the citizen, a JSON download, and erasure. */
export function MyDataPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState<number | null>(null);
  // Without a session on this device nothing was sent from it; signing in just to look is fine.
  const data = useQuery({
    queryKey: ["my-data"],
    enabled: erased === null,
    queryFn: async () => unwrap(client.api.me.data.$get({}, bearer(cachedCitizenToken() ?? (await citizenToken())))),
  });
  const download = useMutation({
    mutationFn: async () => {
      const body = await unwrap(client.api.me.data.export.$get({}, bearer(await citizenToken())));
      const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "mot-cua-du-lieu-cua-toi.json";
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const erase = useMutation({
    mutationFn: async () => unwrap(client.api.me.data.$delete({}, bearer(await citizenToken()))),
    onSuccess: (r) => {
      // The device forgets too: the session and the recent questions.
      forgetCitizen();
      queryClient.clear();
      setErased(r.conversations);
    },
  });

  if (erased !== null) {
    return (
      <Page className="page">
        <AppHeader title="Dữ liệu của tôi" />
        <Box className="card privacy">
          <h2>Đã xóa dữ liệu của bạn</h2>
          <p>
            {erased > 0
              ? `${erased} cuộc trò chuyện đã được ẩn danh: tin nhắn, số điện thoại và mọi thông tin về bạn đã bị xóa; xã, phường chỉ còn con số thống kê.`
              : "Không còn dữ liệu nào gắn với bạn."}{" "}
            Thiết bị này cũng đã quên phiên đăng nhập và các câu hỏi gần đây.
          </p>
          <Button fullWidth onClick={() => navigate("/", { replace: true })}>
            Về trang chính
          </Button>
        </Box>
      </Page>
    );
  }

  const threads = data.data?.conversations ?? [];
  return (
    <Page className="page">
      <AppHeader title="Dữ liệu của tôi" />
      <Box className="card privacy">
        <p>Đây là toàn bộ những gì Một Cửa đang lưu về bạn. Bạn có thể tải về hoặc xóa.</p>
        <button type="button" className="link-button" onClick={() => navigate("/privacy")}>
          Đọc thông báo về dữ liệu cá nhân
        </button>
      </Box>
      {data.isPending && <Skeleton lines={5} />}
      {data.isError && <ErrorState error={data.error} onRetry={() => data.refetch()} />}
      {data.data && (
        <>
          <Box className="card privacy">
            <h2>Định danh</h2>
            <p className="small">{data.data.identity.how}</p>
            <h2>Cuộc trò chuyện với cán bộ ({threads.length})</h2>
            {threads.length === 0 && <p>Bạn chưa nhắn tin cho cán bộ nào, nên không có tin nhắn nào được lưu.</p>}
            <ul className="my-data-list">
              {threads.map((t) => (
                <li key={t.id}>
                  <p className="strong">
                    {t.ward.name ?? t.ward.code} · {day(t.createdAt)}
                  </p>
                  <p className="small">
                    {STATUS[t.status]} · {t.messages.length} tin nhắn{t.rating ? ` · bạn đánh giá ${t.rating}/5` : ""}
                  </p>
                  {t.messages[0] && <p className="muted small">“{t.messages[0].text.slice(0, 140)}”</p>}
                  {t.callback?.phone && <p className="small">Số gọi lại: {t.callback.phone}</p>}
                </li>
              ))}
            </ul>
            <p className="muted small">
              {data.data.retention}
            </p>
          </Box>
          <Box className="card privacy">
            <Button fullWidth variant="secondary" loading={download.isPending} onClick={() => download.mutate()}>
              Tải dữ liệu của tôi về máy
            </Button>
            {download.isError && <p className="warning">{(download.error as Error).message}</p>}
            {!confirming ? (
              <Button fullWidth variant="tertiary" type="danger" onClick={() => setConfirming(true)}>
                Xóa dữ liệu của tôi
              </Button>
            ) : (
              <div className="confirm" role="alertdialog" aria-label="Xác nhận xóa dữ liệu">
                <p>
                  Xóa vĩnh viễn tin nhắn, số điện thoại và đánh giá của bạn? Cán bộ sẽ không đọc được các cuộc trò chuyện này nữa. Không hoàn tác được.
                </p>
                {erase.isError && <p className="warning">{(erase.error as Error).message}</p>}
                <div className="row">
                  <Button size="small" type="danger" loading={erase.isPending} onClick={() => erase.mutate()}>
                    Xóa vĩnh viễn
                  </Button>
                  <Button size="small" variant="tertiary" onClick={() => setConfirming(false)}>
                    Thôi
                  </Button>
                </div>
              </div>
            )}
          </Box>
        </>
      )}
    </Page>
  );
}
