import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { client, unwrap } from "../../lib/api";
import { useDebounced } from "../../lib/use-debounced";
import { staffSession } from "../../lib/session";

type Picked = { code: string; name: string } | null;

/** Search the catalog (and the ward's own procedures) by name, pick one. */
export function ProcedurePicker({ value, onChange }: { value: Picked; onChange: (p: Picked) => void }) {
  const [q, setQ] = useState("");
  const term = useDebounced(q.trim(), 300);
  const ward = staffSession()?.ward;
  const results = useQuery({
    queryKey: ["procedure-picker", term, ward],
    enabled: term.length >= 2,
    queryFn: () => unwrap(client.api.procedures.$get({ query: { q: term, level: "xa", limit: "6", ...(ward ? { ward } : {}) } })),
  });
  if (value) {
    return (
      <div className="row">
        <Text size="small" className="picked-procedure">
          {value.name}
        </Text>
        <Button size="small" variant="tertiary" onClick={() => onChange(null)}>
          Bỏ liên kết
        </Button>
      </div>
    );
  }
  return (
    <div>
      <input className="text-input" aria-label="Tìm thủ tục liên quan" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Gõ tên thủ tục, vd: khai sinh" />
      {results.data?.items.map((p) => (
        <button type="button" key={p.code} className="choice" onClick={() => onChange({ code: p.code, name: p.name })}>
          {p.name}
        </button>
      ))}
    </div>
  );
}
