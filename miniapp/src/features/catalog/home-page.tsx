import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Button, Input, List, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { AskPanel } from "../ask/ask-panel";
import { MyChatsEntry } from "../chat/my-chats-entry";
import { NoticesSection } from "../notices/notices-section";
import { PrivacyFirstUse, PrivacyLinks } from "../privacy/privacy-first-use";
import { useCurrentWard } from "../../lib/current-ward";
import { useFields } from "./queries";
import { WardFaqs } from "./ward-faqs";

export function HomePage() {
  const navigate = useNavigate();
  const { ward } = useCurrentWard();
  const [q, setQ] = useState("");
  const fields = useFields();
  const search = () => q.trim() && navigate(`/search?q=${encodeURIComponent(q.trim())}`);

  return (
    <Page className="page">
      <AppHeader title="Một Cửa" back={false} />
      <PrivacyFirstUse />
      <AskPanel />
      <MyChatsEntry />

      <Box className="card ward-card">
        {ward ? (
          <>
            <Text size="small" className="muted">
              Xã, phường của bạn
            </Text>
            <Text.Title size="normal">{ward.name}</Text.Title>
            <Text size="small" className="muted">
              {ward.provinceName}
            </Text>
            <Button size="small" variant="tertiary" onClick={() => navigate("/ward")}>
              Đổi xã, phường
            </Button>
          </>
        ) : (
          <>
            <Text>Chọn xã, phường nơi bạn làm thủ tục để xem thông tin đúng nơi.</Text>
            <Button fullWidth onClick={() => navigate("/ward")}>
              Chọn xã, phường của bạn
            </Button>
          </>
        )}
      </Box>

      <NoticesSection wardCode={ward?.code} />
      <WardFaqs wardCode={ward?.code} wardName={ward?.name} />

      <Box className="card">
        <Text.Title size="small">Tìm thủ tục</Text.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            search();
          }}
        >
          <Input.Search
            placeholder="Ví dụ: khai sinh, tạm trú, chứng thực"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={search}
            aria-label="Tìm thủ tục"
          />
        </form>
      </Box>

      <Box className="section">
        <Text.Title size="small" className="section-title">
          Thủ tục làm tại xã, phường theo lĩnh vực
        </Text.Title>
        {fields.isPending && <Skeleton lines={8} />}
        {fields.isError && <ErrorState error={fields.error} onRetry={() => fields.refetch()} />}
        {fields.data && (
          <List>
            {fields.data.items
              .filter((f) => f.communeProcedures > 0)
              .map((f) => (
                <List.Item
                  key={f.name}
                  title={f.name}
                  suffix={<span className="count">{f.communeProcedures}</span>}
                  onClick={() => navigate(`/fields/${encodeURIComponent(f.name)}`)}
                />
              ))}
          </List>
        )}
      </Box>
      <PrivacyLinks />
    </Page>
  );
}
