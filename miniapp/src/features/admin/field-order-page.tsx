import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Navigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { bearer, staffSession, staffToken } from "../../lib/session";

/**
 * Ward admin: which fields come first on the ward's home screen. Pinned fields lead in the
 * admin's order; the rest follow the ward-centre order the answer engine also uses.
 */
export function FieldOrderPage() {
  const token = staffToken();
  const session = staffSession();
  const qc = useQueryClient();
  const order = useQuery({
    queryKey: ["staff-field-order"],
    enabled: !!token,
    queryFn: () => unwrap(client.api.staff["field-order"].$get({}, bearer(token!))),
  });
  const [pinned, setPinned] = useState<string[]>([]);
  useEffect(() => {
    if (order.data) setPinned(order.data.pinned);
  }, [order.data]);
  const save = useMutation({
    mutationFn: (next: string[]) => unwrap(client.api.staff["field-order"].$put({ json: { pinned: next } }, bearer(token!))),
    onSuccess: (res) => {
      qc.setQueryData(["staff-field-order"], res);
      void qc.invalidateQueries({ queryKey: ["fields"] });
    },
  });
  if (!token || session?.role !== "ward_admin") return <Navigate to="/staff" replace />;
  const move = (i: number, by: number) => {
    const next = [...pinned];
    const [f] = next.splice(i, 1);
    next.splice(Math.max(0, Math.min(next.length, i + by)), 0, f);
    setPinned(next);
  };
  const others = (order.data?.items ?? []).filter((f) => !pinned.includes(f.name));
  const dirty = order.data && JSON.stringify(order.data.pinned) !== JSON.stringify(pinned);
  return (
    <Page className="page">
      <AppHeader title="Thứ tự lĩnh vực" />
      {order.isPending && <Skeleton lines={6} />}
      {order.isError && <ErrorState error={order.error} onRetry={() => order.refetch()} />}
      {order.data && (
        <>
          <Box className="card">
            <Text size="small" className="muted">
              Lĩnh vực được ghim hiện đầu tiên trên trang chủ của người dân trong phường, theo thứ tự dưới đây. Các lĩnh vực khác theo thứ tự việc
              thường làm tại trung tâm; thuế, hải quan… luôn ở cuối, mục “Thủ tục cấp khác”.
            </Text>
          </Box>
          <Box className="section">
            <h2 className="section-title">Đã ghim ({pinned.length})</h2>
            {pinned.length === 0 && <Text className="muted pad">Chưa ghim lĩnh vực nào.</Text>}
            <ul className="row-list">
              {pinned.map((f, i) => (
                <li key={f} className="pin-row" data-pinned={f}>
                  <span className="row-title">
                    {i + 1}. {f}
                  </span>
                  <span className="row">
                    <Button size="small" variant="tertiary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Đưa ${f} lên`}>
                      Lên
                    </Button>
                    <Button size="small" variant="tertiary" disabled={i === pinned.length - 1} onClick={() => move(i, 1)} aria-label={`Đưa ${f} xuống`}>
                      Xuống
                    </Button>
                    <Button size="small" variant="tertiary" onClick={() => setPinned(pinned.filter((x) => x !== f))} aria-label={`Bỏ ghim ${f}`}>
                      Bỏ ghim
                    </Button>
                  </span>
                </li>
              ))}
            </ul>
          </Box>
          <Box className="pad stack">
            {save.isError && <Text className="warning">{(save.error as Error).message}</Text>}
            <Button fullWidth disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(pinned)}>
              Lưu thứ tự
            </Button>
          </Box>
          <Box className="section">
            <h2 className="section-title">Các lĩnh vực khác</h2>
            <ul className="row-list">
              {others.map((f) => (
                <li key={f.name} className="pin-row" data-field={f.name}>
                  <span className="row-title">
                    {f.name} <span className="count">({f.communeProcedures})</span>
                  </span>
                  <Button size="small" variant="secondary" onClick={() => setPinned([...pinned, f.name])} aria-label={`Ghim ${f.name}`}>
                    Ghim lên đầu
                  </Button>
                </li>
              ))}
            </ul>
          </Box>
        </>
      )}
    </Page>
  );
}
