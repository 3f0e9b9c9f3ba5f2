import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { ErrorState, Skeleton } from "../../components/states";
import { client, unwrap } from "../../lib/api";
import { useCurrentWard } from "../../lib/current-ward";

/**
 * Where "Hỏi cán bộ" leads. Until the officers' inbox exists, it shows only what we know for
 * sure: the ward's service centre address from the official unit data.
 */
export function ContactPage() {
  const navigate = useNavigate();
  const { ward } = useCurrentWard();
  const detail = useQuery({
    queryKey: ["ward", ward?.code],
    enabled: !!ward,
    queryFn: () => unwrap(client.api.wards[":code"].$get({ param: { code: ward!.code } })),
  });
  return (
    <Page className="page">
      <AppHeader title="Hỏi cán bộ" />
      <Box className="card">
        {!ward && (
          <>
            <Text>Bạn chọn xã, phường trước để biết nơi hỏi nhé.</Text>
            <Button onClick={() => navigate("/ward")}>Chọn xã, phường</Button>
          </>
        )}
        {ward && detail.isPending && <Skeleton lines={3} />}
        {detail.isError && <ErrorState error={detail.error} onRetry={() => detail.refetch()} />}
        {detail.data && (
          <>
            <Text.Title size="small">Trung tâm phục vụ hành chính công {detail.data.name}</Text.Title>
            {detail.data.adminCenterAddress ? (
              <Text>Địa chỉ trụ sở: {detail.data.adminCenterAddress}</Text>
            ) : (
              <Text className="muted">Chưa có địa chỉ trụ sở trong dữ liệu.</Text>
            )}
            <Text size="small" className="muted">
              Nhắn tin và gọi cán bộ phụ trách ngay trong ứng dụng sắp có. Hiện bạn có thể đến trực tiếp trụ sở trong giờ hành chính.
            </Text>
          </>
        )}
      </Box>
    </Page>
  );
}
