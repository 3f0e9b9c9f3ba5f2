import { useNavigate, useParams } from "react-router-dom";
import { Page } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { showLegalName } from "../../lib/names";
import { useFieldProcedures } from "./queries";

const LEVEL_NOTE: Record<string, string> = { tinh: "cấp tỉnh", bo: "cấp bộ", khac: "cơ quan khác" };

/** A field's procedures, the ones citizens ask about most first. */
export function FieldPage() {
  const field = decodeURIComponent(useParams().field ?? "");
  const navigate = useNavigate();
  const list = useFieldProcedures(field);
  return (
    <Page className="page">
      <AppHeader title={field} />
      {list.isPending && <Skeleton lines={6} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.data?.items.length === 0 && <EmptyState>Lĩnh vực này chưa có thủ tục nào.</EmptyState>}
      {list.data && list.data.items.length > 0 && (
        <ul className="row-list" aria-label={`Thủ tục lĩnh vực ${field}`}>
          {list.data.items.map((p) => (
            <li key={p.code}>
              <button type="button" className="row-button" data-code={p.code} onClick={() => navigate(`/procedures/${encodeURIComponent(p.code)}`)}>
                <span className="row-title">{p.shortName}</span>
                {(showLegalName(p.shortName, p.name) || !p.levels.includes("xa")) && (
                  <span className="row-sub">
                    {showLegalName(p.shortName, p.name) ? p.name : ""}
                    {p.levels.includes("xa") ? "" : `${showLegalName(p.shortName, p.name) ? " · " : ""}không làm ở cấp xã (${p.levels.map((l) => LEVEL_NOTE[l] ?? l).join(", ")})`}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
