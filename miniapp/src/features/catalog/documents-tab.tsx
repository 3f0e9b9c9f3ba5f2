import { useMemo } from "react";
import { Box, Button, Text } from "zmp-ui";
import { groupDocuments } from "@worker/catalog/document-groups";
import type { ProcedureDetail } from "../../lib/api";
import { openExternal } from "../../lib/zalo";
import { DocumentChecklist } from "./document-checklist";

type Doc = ProcedureDetail["documents"][number];

export function DocumentsTab({ documents, sourceUrl, onChecklist }: { documents: Doc[]; sourceUrl: string | null; onChecklist: () => void }) {
  const groups = useMemo(() => groupDocuments(documents), [documents]);
  if (documents.length === 0) {
    return (
      <Box className="pad">
        <Text className="muted">Hồ sơ gốc trên Cổng Dịch vụ công không ghi rõ thành phần giấy tờ. Bạn hỏi cán bộ xã, phường trước khi đi nhé.</Text>
      </Box>
    );
  }
  const forms = documents.some((d) => d.form);
  return (
    <Box className="pad documents">
      <DocumentChecklist groups={groups} full />
      <div className="stack">
        <Button fullWidth variant="secondary" onClick={onChecklist}>
          Lưu danh sách giấy tờ
        </Button>
        {forms && sourceUrl && (
          // The export names the forms but gives no file links: they are on the record's page.
          <Button fullWidth variant="tertiary" onClick={() => openExternal(sourceUrl)}>
            Tải mẫu tờ khai trên Cổng Dịch vụ công
          </Button>
        )}
      </div>
    </Box>
  );
}
