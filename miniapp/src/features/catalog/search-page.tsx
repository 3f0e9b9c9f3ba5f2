import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { useCurrentWard } from "../../lib/current-ward";
import { useDebounced } from "../../lib/use-debounced";
import { ask } from "../ask/conversation";
import { ProcedureList } from "./procedure-list";

/** Nothing fits: say so, and offer the officer (and the assistant, which reads whole sentences). */
function NotFound({ q }: { q: string }) {
  const navigate = useNavigate();
  const { ward } = useCurrentWard();
  return (
    <Box className="state-box" role="status" data-empty-search>
      <Text>Không tìm thấy thủ tục phù hợp với “{q}”. Bạn hỏi cán bộ xã, phường nhé, hoặc hỏi trợ lý bằng một câu đầy đủ.</Text>
      <div className="stack">
        <Button fullWidth onClick={() => navigate(`/contact?${new URLSearchParams({ q })}`)}>
          Hỏi cán bộ
        </Button>
        <Button
          fullWidth
          variant="secondary"
          onClick={() => {
            ask(q, ward?.code);
            navigate("/");
          }}
        >
          Hỏi trợ lý Một Cửa
        </Button>
      </div>
    </Box>
  );
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const query = useDebounced(q.trim(), 350);
  return (
    <Page className="page">
      <AppHeader title="Tìm thủ tục" />
      <Box className="pad">
        <form role="search" onSubmit={(e) => e.preventDefault()}>
          <label className="field-label" htmlFor="search-input">
            Tên thủ tục hoặc việc cần làm
          </label>
          <input
            id="search-input"
            className="text-input search-input"
            type="search"
            autoFocus
            lang="vi"
            enterKeyHint="search"
            placeholder="Ví dụ: làm căn cước, sổ đỏ, khai sinh"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setParams({ q: e.target.value }, { replace: true });
            }}
            aria-label="Tìm thủ tục"
          />
          <Text size="small" className="muted hint">
            Có dấu hay không dấu đều được.
          </Text>
        </form>
      </Box>
      <ProcedureList filter={{ q: query }} enabled={query.length > 0} empty={<NotFound q={query} />} />
    </Page>
  );
}
