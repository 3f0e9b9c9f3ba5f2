import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Box, Input, Page } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { useDebounced } from "../../lib/use-debounced";
import { ProcedureList } from "./procedure-list";

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const query = useDebounced(q.trim(), 350);
  return (
    <Page className="page">
      <AppHeader title="Tìm thủ tục" />
      <Box className="pad">
        <Input.Search
          autoFocus
          placeholder="Gõ tên thủ tục, có dấu hay không dấu đều được"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setParams({ q: e.target.value }, { replace: true });
          }}
          aria-label="Tìm thủ tục"
        />
      </Box>
      <ProcedureList filter={{ q: query }} enabled={query.length > 0} empty="Không tìm thấy thủ tục phù hợp. Bạn thử gõ cách khác nhé." />
    </Page>
  );
}
