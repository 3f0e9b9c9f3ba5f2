import { useParams } from "react-router-dom";
import { Page } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ProcedureList } from "./procedure-list";

export function FieldPage() {
  const field = decodeURIComponent(useParams().field ?? "");
  return (
    <Page className="page">
      <AppHeader title={field} />
      <ProcedureList filter={{ field, level: "xa" }} empty="Lĩnh vực này chưa có thủ tục cấp xã." />
    </Page>
  );
}
