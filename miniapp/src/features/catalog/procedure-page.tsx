import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { showLegalName } from "../../lib/names";
import { openExternal } from "../../lib/zalo";
import { DocumentsTab } from "./documents-tab";
import { FeesTab } from "./fees-tab";
import { useProcedure } from "./queries";

const LEVEL_LABEL: Record<string, string> = { xa: "Cấp xã", tinh: "Cấp tỉnh", bo: "Cấp bộ", khac: "Cơ quan khác" };
const TABS = [
  { key: "docs", label: "Giấy tờ" },
  { key: "fees", label: "Phí, thời gian" },
  { key: "steps", label: "Các bước" },
  { key: "legal", label: "Căn cứ pháp lý" },
] as const;

export function ProcedurePage() {
  const code = decodeURIComponent(useParams().code ?? "");
  const q = useProcedure(code);
  const navigate = useNavigate();
  const [tab, setTab] = useState<(typeof TABS)[number]["key"]>("docs");
  const d = q.data;
  return (
    <Page className="page">
      <AppHeader title="Thủ tục" />
      {q.isPending && <Skeleton lines={10} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => q.refetch()} />}
      {d && (
        <>
          <Box className="card">
            <h2 className="procedure-title">{d.shortName}</h2>
            {showLegalName(d.shortName, d.name) && <p className="legal-name">{d.name}</p>}
            <div className="chips">
              {d.field && <span className="chip">{d.field}</span>}
              {d.levels.map((l) => (
                <span key={l} className={`chip ${l === "xa" ? "chip-primary" : ""}`}>
                  {LEVEL_LABEL[l] ?? l}
                </span>
              ))}
              {d.origin === "local" ? <span className="chip ward-badge">Thủ tục riêng của xã, phường</span> : <span className="chip">Mã {d.code}</span>}
            </div>
            {d.origin === "local" && (
              <Text size="small" className="muted">
                Do {d.agencies ?? "xã, phường"} công bố, không có trên Cổng Dịch vụ công quốc gia.
              </Text>
            )}
            {d.status === "retired" && (
              <Text className="warning">
                {d.origin === "local" ? "Xã, phường đã ngừng áp dụng thủ tục này." : "Thủ tục này không còn trong danh mục mới nhất của Cổng Dịch vụ công."}
              </Text>
            )}
          </Box>
          {/* Tabs that wrap onto two rows at large text instead of scrolling sideways. */}
          <div className="tab-bar" role="tablist" aria-label="Nội dung thủ tục">
            {TABS.map((t) => (
              <button
                key={t.key}
                type="button"
                role="tab"
                id={`tab-${t.key}`}
                aria-selected={tab === t.key}
                aria-controls={`panel-${t.key}`}
                className={`tab ${tab === t.key ? "tab-active" : ""}`}
                onClick={() => setTab(t.key)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === "docs" && <DocumentsTab documents={d.documents} sourceUrl={d.sourceUrl} onChecklist={() => navigate(`/procedures/${encodeURIComponent(d.code)}/checklist`)} />}
            {tab === "fees" && <FeesTab methods={d.methods} address={d.address} agencies={d.agencies} />}
            {tab === "steps" && (
              <Box className="pad">
                {d.steps.length === 0 && <Text className="muted">Hồ sơ gốc không ghi các bước.</Text>}
                <ol className="steps">
                  {d.steps.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
                {d.conditions && (
                  <>
                    <h3 className="sub-title">Điều kiện</h3>
                    <Text className="pre">{d.conditions}</Text>
                  </>
                )}
                {d.result && (
                  <>
                    <h3 className="sub-title">Kết quả nhận được</h3>
                    <Text>{d.result}</Text>
                  </>
                )}
              </Box>
            )}
            {tab === "legal" && (
              <Box className="pad">
                <ul className="legal">
                  {d.legalBases.map((l, i) => (
                    <li key={i}>
                      {l.number && <strong>{l.number}</strong>} {l.title}
                    </li>
                  ))}
                </ul>
              </Box>
            )}
          </div>
          <Box className="pad stack">
            <Button fullWidth onClick={() => navigate(`/contact?procedure=${encodeURIComponent(d.code)}`)}>
              Gọi cán bộ phụ trách
            </Button>
            {d.sourceUrl && (
              <Button fullWidth variant="secondary" onClick={() => openExternal(d.sourceUrl!)}>
                Xem trên Cổng Dịch vụ công quốc gia
              </Button>
            )}
          </Box>
        </>
      )}
    </Page>
  );
}
