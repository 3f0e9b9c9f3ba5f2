import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Input, List, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { useCurrentWard } from "../../lib/current-ward";
import { useDebounced } from "../../lib/use-debounced";

export function WardPickerPage() {
  const navigate = useNavigate();
  const { setWard } = useCurrentWard();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 250);
  const wards = useQuery({
    queryKey: ["wards", query],
    enabled: query.length > 0,
    queryFn: () => unwrap(client.api.wards.$get({ query: { q: query, limit: "30" } })),
  });

  return (
    <Page className="page">
      <AppHeader title="Chọn xã, phường" />
      <Box className="pad">
        <Input.Search
          autoFocus
          placeholder="Tên xã, phường (vd: an hai hai phong)"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label="Tên xã, phường"
        />
        <Text size="small" className="muted hint">
          Gõ có dấu hay không dấu đều được. Có thể thêm tên tỉnh, thành phố.
        </Text>
      </Box>
      {query && wards.isPending && <Skeleton lines={5} />}
      {wards.isError && <ErrorState error={wards.error} onRetry={() => wards.refetch()} />}
      {wards.data && wards.data.items.length === 0 && <EmptyState>Không tìm thấy xã, phường nào. Bạn kiểm tra lại tên nhé.</EmptyState>}
      {wards.data && wards.data.items.length > 0 && (
        <List>
          {wards.data.items.map((w) => (
            <List.Item
              key={w.code}
              title={w.name}
              subTitle={w.provinceName}
              data-code={w.code}
              onClick={() => {
                setWard(w);
                navigate("/", { replace: true });
              }}
            />
          ))}
        </List>
      )}
    </Page>
  );
}
