import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffSession, staffToken } from "../../lib/session";

const ROLE = { officer: "Cán bộ", ward_admin: "Quản trị phường", system_admin: "Quản trị hệ thống" } as const;

/** Ward admin: the ward's staff accounts and their Zalo links (one-time codes). */
export function AccountsPage() {
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const [codes, setCodes] = useState<Record<string, { code: string; expiresAt: number }>>({});
  const accounts = useQuery({
    queryKey: ["staff-accounts"],
    enabled: !!token,
    queryFn: () => unwrap(client.api.staff.accounts.$get({}, bearer(token!))),
  });
  const makeCode = useMutation({
    mutationFn: (id: string) => unwrap(client.api.staff.accounts[":id"]["link-code"].$post({ param: { id } }, bearer(token!))),
    onSuccess: (res, id) => setCodes((c) => ({ ...c, [id]: res })),
  });
  const unlink = useMutation({
    mutationFn: (id: string) => unwrap(client.api.staff.accounts[":id"].zalo.$delete({ param: { id } }, bearer(token!))),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["staff-accounts"] }),
  });
  if (!token || session?.role !== "ward_admin") return <Navigate to="/staff" replace />;
  const time = (ms: number) => new Date(ms).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
  return (
    <Page className="page">
      <AppHeader title="Tài khoản cán bộ" />
      {accounts.isPending && <Skeleton lines={4} />}
      {accounts.isError && <ErrorState error={accounts.error} onRetry={() => accounts.refetch()} />}
      {accounts.data?.items.map((a) => (
        <Box key={a.id} className="card" data-account={a.username}>
          <Text.Title size="small">{a.officerName ?? a.username}</Text.Title>
          <Text size="small" className="muted">
            {a.username} · {ROLE[a.role]} · {a.zaloLinked ? "Đã liên kết Zalo" : "Chưa liên kết Zalo"}
          </Text>
          {codes[a.id] && (
            <Text>
              Mã liên kết: <strong className="link-code">{codes[a.id].code}</strong> (dùng một lần, hết hạn lúc {time(codes[a.id].expiresAt)}; cán bộ nhập kèm tên đăng nhập {a.username})
            </Text>
          )}
          <div className="row">
            <Button size="small" variant="secondary" loading={makeCode.isPending && makeCode.variables === a.id} onClick={() => makeCode.mutate(a.id)}>
              Tạo mã liên kết Zalo
            </Button>
            {a.zaloLinked && (
              <Button size="small" variant="tertiary" onClick={() => unlink.mutate(a.id)}>
                Gỡ liên kết
              </Button>
            )}
          </div>
        </Box>
      ))}
    </Page>
  );
}
