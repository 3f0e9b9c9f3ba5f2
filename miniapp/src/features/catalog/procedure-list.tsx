import { Button } from "zmp-ui";
import { useNavigate } from "react-router-dom";
import { ErrorState, Skeleton } from "../../components/states";
import type { ProcedureFilter } from "./queries";
import { useProcedureList } from "./queries";
import { showLegalName } from "../../lib/names";

export function ProcedureList({ filter, enabled = true, empty }: { filter: ProcedureFilter; enabled?: boolean; empty: React.ReactNode }) {
  const navigate = useNavigate();
  const list = useProcedureList(filter, enabled);
  if (!enabled) return null;
  if (list.isPending) return <Skeleton lines={6} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <>{empty}</>;
  return (
    <>
      <ul className="row-list procedure-list" aria-label="Kết quả tìm kiếm">
        {items.map((p) => {
          // The search route may carry the everyday title (issue 13); the legal name otherwise.
          const short = "shortName" in p && typeof p.shortName === "string" ? p.shortName : p.name;
          return (
            <li key={p.code}>
              <button type="button" className="row-button" data-code={p.code} onClick={() => navigate(`/procedures/${encodeURIComponent(p.code)}`)}>
                <span className="row-title">{short}</span>
                <span className="row-sub">
                  {showLegalName(short, p.name) ? `${p.name} · ` : ""}
                  {p.field ?? ""}
                  {p.levels.includes("xa") ? "" : " · không làm ở cấp xã"}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {list.hasNextPage && (
        <div className="pad">
          <Button fullWidth variant="secondary" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Xem thêm
          </Button>
        </div>
      )}
    </>
  );
}
