import { useEffect, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { checklistText, groupDocuments } from "@worker/catalog/document-groups";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { showLegalName } from "../../lib/names";
import { isInZalo, shareText } from "../../lib/zalo";
import { DocumentChecklist } from "./document-checklist";
import { useProcedure } from "./queries";
import { removeChecklist, saveChecklist, toggleTick, useSavedChecklists } from "./saved-checklists";

/** "Lưu danh sách giấy tờ": the documents to bring, ticked off at home, kept on the device, shared or copied. */
export function ChecklistPage() {
  const code = decodeURIComponent(useParams().code ?? "");
  const navigate = useNavigate();
  const q = useProcedure(code);
  const saved = useSavedChecklists().find((c) => c.code === code);
  const [status, setStatus] = useState<string | null>(null);
  const groups = useMemo(() => (q.data ? groupDocuments(q.data.documents) : null), [q.data]);
  const title = q.data?.shortName ?? q.data?.name ?? "";
  useEffect(() => {
    if (q.data && !saved) saveChecklist(code, title);
    // Saved once when opened; removing it from the device is the citizen's choice below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q.data]);
  const ticked = useMemo(() => new Set(saved?.ticked ?? []), [saved]);

  const share = async () => {
    if (!groups) return;
    const text = `${checklistText(title, groups, ticked)}\n\nNguồn: Cổng Dịch vụ công quốc gia, qua Một Cửa.`;
    const result = await shareText(text, title);
    setStatus(result === "shared" ? "Đã mở chia sẻ." : result === "copied" ? "Đã chép danh sách. Bạn dán vào tin nhắn để gửi nhé." : "Chưa chia sẻ được. Bạn thử lại nhé.");
  };

  return (
    <Page className="page">
      <AppHeader title="Danh sách giấy tờ" />
      {q.isPending && <Skeleton lines={8} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => q.refetch()} />}
      {q.data && groups && (
        <>
          <Box className="card">
            <h2 className="procedure-title">{title}</h2>
            {showLegalName(title, q.data.name) && <p className="legal-name">{q.data.name}</p>}
            <Text size="small" className="muted">
              Đánh dấu giấy tờ bạn đã chuẩn bị. Danh sách được lưu trên máy này, xem lại được cả khi không có mạng.
            </Text>
          </Box>
          <Box className="card" data-checklist={code}>
            <DocumentChecklist groups={groups} ticked={ticked} onToggle={(key) => toggleTick(code, key)} />
            <Text size="xSmall" className="muted">
              Đã chuẩn bị {ticked.size} giấy tờ. Theo thông tin công bố trên Cổng Dịch vụ công quốc gia.
            </Text>
          </Box>
          <Box className="pad stack">
            <Button fullWidth onClick={share}>
              {isInZalo() ? "Chia sẻ qua Zalo" : "Chia sẻ hoặc chép danh sách"}
            </Button>
            {status && (
              <Text className="status-line" role="status">
                {status}
              </Text>
            )}
            <Button fullWidth variant="secondary" onClick={() => navigate(`/procedures/${encodeURIComponent(code)}`)}>
              Xem đầy đủ thủ tục
            </Button>
            <Button
              fullWidth
              variant="tertiary"
              onClick={() => {
                removeChecklist(code);
                navigate(-1);
              }}
            >
              Xóa danh sách khỏi máy
            </Button>
          </Box>
        </>
      )}
    </Page>
  );
}
