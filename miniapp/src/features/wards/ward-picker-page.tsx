import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Page, Text } from "zmp-ui";
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
        <label className="field-label" htmlFor="ward-input">
          Tên xã, phường
        </label>
        <input
          id="ward-input"
          className="text-input search-input"
          type="search"
          autoFocus
          lang="vi"
          placeholder="Ví dụ: an hai hai phong"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label="Tên xã, phường"
        />
        <Text size="small" className="muted hint">
          Gõ có dấu hay không dấu đều được. Thêm tên tỉnh, thành phố để tìm đúng nơi.
        </Text>
      </Box>
      {query && wards.isPending && <Skeleton lines={5} />}
      {wards.isError && <ErrorState error={wards.error} onRetry={() => wards.refetch()} />}
      {wards.data && wards.data.items.length === 0 && <EmptyState>Không tìm thấy xã, phường nào. Bạn kiểm tra lại tên nhé.</EmptyState>}
      {wards.data && wards.data.items.length > 0 && (
        <ul className="row-list" aria-label="Xã, phường tìm thấy">
          {wards.data.items.map((w) => (
            <li key={w.code}>
              {/* The province on every row: many wards share a name (An Hải in Hải Phòng and in Đà Nẵng). */}
              <button
                type="button"
                className="row-button"
                data-code={w.code}
                onClick={() => {
                  setWard(w);
                  navigate("/", { replace: true });
                }}
              >
                <span className="row-title">{w.name}</span>
                <span className="row-sub province">{w.provinceName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
