import { useNavigate, useParams } from "react-router-dom";
import { Box, Button, Page, Tabs, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { openExternal } from "../../lib/zalo";
import { DocumentsTab } from "./documents-tab";
import { FeesTab } from "./fees-tab";
import { useProcedure } from "./queries";

const LEVEL_LABEL: Record<string, string> = { xa: "Cấp xã", tinh: "Cấp tỉnh", bo: "Cấp bộ", khac: "Cơ quan khác" };

export function ProcedurePage() {
  const code = decodeURIComponent(useParams().code ?? "");
  const q = useProcedure(code);
  const navigate = useNavigate();
  return (
    <Page className="page">
      <AppHeader title="Thủ tục" />
      {q.isPending && <Skeleton lines={10} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => q.refetch()} />}
      {q.data && (
        <>
          <Box className="card">
            <Text.Title size="normal" className="procedure-name">
              {q.data.name}
            </Text.Title>
            <div className="chips">
              {q.data.field && <span className="chip">{q.data.field}</span>}
              {q.data.levels.map((l) => (
                <span key={l} className={`chip ${l === "xa" ? "chip-primary" : ""}`}>
                  {LEVEL_LABEL[l] ?? l}
                </span>
              ))}
              {q.data.origin === "local" ? <span className="chip ward-badge">Thủ tục riêng của xã, phường</span> : <span className="chip">Mã {q.data.code}</span>}
            </div>
            {q.data.origin === "local" && (
              <Text size="small" className="muted">
                Do {q.data.agencies ?? "xã, phường"} công bố, không có trên Cổng Dịch vụ công quốc gia.
              </Text>
            )}
            {q.data.status === "retired" && (
              <Text className="warning">
                {q.data.origin === "local" ? "Xã, phường đã ngừng áp dụng thủ tục này." : "Thủ tục này không còn trong danh mục mới nhất của Cổng Dịch vụ công."}
              </Text>
            )}
          </Box>
          <Tabs id="procedure-tabs" scrollable>
            <Tabs.Tab key="docs" label="Giấy tờ">
              <DocumentsTab documents={q.data.documents} />
            </Tabs.Tab>
            <Tabs.Tab key="fees" label="Phí, thời gian">
              <FeesTab methods={q.data.methods} address={q.data.address} agencies={q.data.agencies} />
            </Tabs.Tab>
            <Tabs.Tab key="steps" label="Các bước">
              <Box className="pad">
                {q.data.steps.length === 0 && <Text className="muted">Hồ sơ gốc không ghi các bước.</Text>}
                <ol className="steps">
                  {q.data.steps.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
                {q.data.conditions && (
                  <>
                    <Text.Title size="small">Điều kiện</Text.Title>
                    <Text className="pre">{q.data.conditions}</Text>
                  </>
                )}
                {q.data.result && (
                  <>
                    <Text.Title size="small">Kết quả nhận được</Text.Title>
                    <Text>{q.data.result}</Text>
                  </>
                )}
              </Box>
            </Tabs.Tab>
            <Tabs.Tab key="legal" label="Căn cứ pháp lý">
              <Box className="pad">
                <ul className="legal">
                  {q.data.legalBases.map((l, i) => (
                    <li key={i}>
                      {l.number && <strong>{l.number}</strong>} {l.title}
                    </li>
                  ))}
                </ul>
              </Box>
            </Tabs.Tab>
          </Tabs>
          <Box className="pad">
            <Button fullWidth onClick={() => navigate(`/contact?procedure=${encodeURIComponent(q.data.code)}`)}>
              Gọi cán bộ phụ trách
            </Button>
          </Box>
          {q.data.sourceUrl && (
            <Box className="pad">
              <Button fullWidth variant="secondary" onClick={() => openExternal(q.data.sourceUrl!)}>
                Xem trên Cổng Dịch vụ công quốc gia
              </Button>
            </Box>
          )}
        </>
      )}
    </Page>
  );
}
