import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { useCurrentWard } from "../../lib/current-ward";
import { directionsUrl } from "../../lib/maps";
import { callPhone, isInZalo, openMaps } from "../../lib/zalo";

/** "Gọi cán bộ": the officers responsible for the procedure's field in the citizen's ward. */
export function ContactPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const procedureCode = params.get("procedure") ?? undefined;
  const field = params.get("field") ?? undefined;
  const { ward } = useCurrentWard();
  const contacts = useQuery({
    queryKey: ["contacts", ward?.code, procedureCode, field],
    enabled: !!ward,
    queryFn: () =>
      unwrap(
        client.api.wards[":code"].contacts.$get({
          param: { code: ward!.code },
          query: { ...(procedureCode ? { procedureCode } : {}), ...(field ? { field } : {}) },
        }),
      ),
  });
  const data = contacts.data;
  const maps = data ? directionsUrl({ location: data.location, address: data.address, wardName: data.ward.name, provinceName: data.ward.provinceName }) : null;
  return (
    <Page className="page">
      <AppHeader title="Hỏi cán bộ" />
      {!ward && (
        <Box className="card">
          <Text>Bạn chọn xã, phường trước để biết cán bộ phụ trách nhé.</Text>
          <Button onClick={() => navigate("/ward")}>Chọn xã, phường</Button>
        </Box>
      )}
      {ward && contacts.isPending && <Skeleton lines={6} />}
      {contacts.isError && <ErrorState error={contacts.error} onRetry={() => contacts.refetch()} />}
      {data && (
        <>
          <Box className="card">
            <h2 className="sub-title">Trung tâm phục vụ hành chính công {data.ward.name}</h2>
            {data.address && <Text>Địa chỉ: {data.address}</Text>}
            {maps &&
              (isInZalo() ? (
                <Button variant="secondary" onClick={() => openMaps(maps)}>
                  Chỉ đường
                </Button>
              ) : (
                // A plain link in a browser: the phone opens its maps app.
                <a className="button-link" href={maps} target="_blank" rel="noopener noreferrer" data-directions>
                  Chỉ đường
                </a>
              ))}
            {data.openNow === true && <Text className="open-now">Đang trong giờ làm việc</Text>}
            {data.openNow === false && (
              <Text className="warning">
                Hiện ngoài giờ làm việc.{data.nextOpeningText ? ` Trung tâm mở cửa lại lúc ${data.nextOpeningText}.` : ""}
              </Text>
            )}
            {data.hours.length > 0 && (
              <ul className="hours">
                {data.hours.map((h) => (
                  <li key={h}>{h}</li>
                ))}
              </ul>
            )}
            {data.hotline && (
              <Button variant="secondary" className="wrap-button" onClick={() => callPhone(data.hotline!)} aria-label={`Gọi đường dây nóng ${data.hotline}`}>
                Gọi đường dây nóng <span className="nowrap">{data.hotline}</span>
              </Button>
            )}
          </Box>
          <Box className="section">
            <h2 className="section-title">{data.field && data.fieldMatched ? `Cán bộ phụ trách ${data.field}` : "Cán bộ của trung tâm"}</h2>
            {data.officers.length === 0 && (
              <Text className="muted pad">
                Xã, phường chưa công bố danh sách cán bộ trên Một Cửa. Bạn đến trực tiếp trung tâm trong giờ làm việc nhé.
              </Text>
            )}
            {data.officers.map((o) => (
              <div key={o.id} className="card officer" data-officer={o.id}>
                <h3 className="sub-title">{o.name}</h3>
                <Text size="small" className="muted">
                  {o.title}
                  {o.onDuty ? "" : " · hôm nay không trực"}
                </Text>
                <Text size="small">Phụ trách: {o.fields.join(", ")}</Text>
                {o.phone && (
                  <Button size="small" className="wrap-button" onClick={() => callPhone(o.phone!)} disabled={data.openNow === false}>
                    {data.openNow === false ? "Gọi trong giờ làm việc" : "Gọi"} <span className="nowrap">{o.phone}</span>
                  </Button>
                )}
              </div>
            ))}
            <Button
              fullWidth
              variant={data.openNow === false ? "primary" : "secondary"}
              onClick={() =>
                navigate(
                  `/chat/new?${new URLSearchParams({
                    ...(procedureCode ? { procedure: procedureCode } : {}),
                    ...(field ? { field } : {}),
                    ...(params.get("q") ? { q: params.get("q")! } : {}),
                  })}`,
                )
              }
            >
              {data.openNow === false ? "Để lại tin nhắn cho cán bộ" : "Nhắn tin cho cán bộ"}
            </Button>
            {data.demo && (
              <Text size="xSmall" className="muted pad">
                Tên và số điện thoại cán bộ ở đây là dữ liệu minh họa của bản chạy thử.
              </Text>
            )}
          </Box>
        </>
      )}
    </Page>
  );
}
