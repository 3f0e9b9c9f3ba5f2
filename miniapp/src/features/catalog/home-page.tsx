import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { AskPanel } from "../ask/ask-panel";
import { MyChatsEntry } from "../chat/my-chats-entry";
import { NoticesSection } from "../notices/notices-section";
import { PrivacyFirstUse, PrivacyLinks } from "../privacy/privacy-first-use";
import { useCurrentWard } from "../../lib/current-ward";
import { useFields } from "./queries";
import { useSavedChecklists } from "./saved-checklists";
import { WardFaqs } from "./ward-faqs";

type Field = NonNullable<ReturnType<typeof useFields>["data"]>["items"][number];

function FieldRows({ fields }: { fields: Field[] }) {
  const navigate = useNavigate();
  return (
    <ul className="row-list">
      {fields.map((f) => (
        <li key={f.name}>
          <button type="button" className="row-button row-with-count" data-field={f.name} onClick={() => navigate(`/fields/${encodeURIComponent(f.name)}`)}>
            <span className="row-title">{f.name}</span>
            <span className="count" aria-label={`${f.communeProcedures} thủ tục`}>
              {f.communeProcedures}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function HomePage() {
  const navigate = useNavigate();
  const { ward } = useCurrentWard();
  const [q, setQ] = useState("");
  const fields = useFields();
  const saved = useSavedChecklists();
  const search = () => q.trim() && navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  const atWard = fields.data?.items.filter((f) => f.atWard) ?? [];
  const elsewhere = fields.data?.items.filter((f) => !f.atWard) ?? [];

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
            <h2 className="ward-name">{ward.name}</h2>
            <Text size="small" className="muted">
              {ward.provinceName}
            </Text>
            <div className="row">
              <Button size="small" variant="secondary" onClick={() => navigate("/contact")}>
                Giờ làm việc, chỉ đường
              </Button>
              <Button size="small" variant="tertiary" onClick={() => navigate("/ward")}>
                Đổi xã, phường
              </Button>
            </div>
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

      {saved.length > 0 && (
        <Box className="section" data-saved-checklists>
          <h2 className="section-title">Danh sách giấy tờ đã lưu</h2>
          <ul className="row-list">
            {saved.map((c) => (
              <li key={c.code}>
                <button type="button" className="row-button" onClick={() => navigate(`/procedures/${encodeURIComponent(c.code)}/checklist`)}>
                  <span className="row-title">{c.title}</span>
                  <span className="row-sub">Đã đánh dấu {c.ticked.length} giấy tờ</span>
                </button>
              </li>
            ))}
          </ul>
        </Box>
      )}

      <NoticesSection wardCode={ward?.code} />
      <WardFaqs wardCode={ward?.code} wardName={ward?.name} />

      <Box className="card">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            search();
          }}
        >
          <label className="field-label" htmlFor="home-search">
            Tìm thủ tục
          </label>
          <div className="search-row">
            <input
              id="home-search"
              className="text-input search-input"
              type="search"
              lang="vi"
              enterKeyHint="search"
              placeholder="Ví dụ: khai sinh, tạm trú, chứng thực"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              aria-label="Tìm thủ tục"
            />
            <Button htmlType="submit" variant="secondary" disabled={!q.trim()}>
              Tìm
            </Button>
          </div>
        </form>
      </Box>

      <Box className="section">
        <h2 className="section-title">Thủ tục làm tại xã, phường theo lĩnh vực</h2>
        {fields.isPending && <Skeleton lines={8} />}
        {fields.isError && <ErrorState error={fields.error} onRetry={() => fields.refetch()} />}
        {atWard.length > 0 && <FieldRows fields={atWard} />}
        {elsewhere.length > 0 && (
          <details className="other-level">
            <summary>Thủ tục cấp khác ({elsewhere.length} lĩnh vực: hải quan, thuế…)</summary>
            <Text size="small" className="muted">
              Những việc này không làm tại trung tâm của xã, phường; thủ tục cho biết cơ quan giải quyết.
            </Text>
            <FieldRows fields={elsewhere} />
          </details>
        )}
      </Box>
      <PrivacyLinks />
    </Page>
  );
}
