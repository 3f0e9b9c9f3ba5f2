import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { Box, Button, Page } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { client, unwrap } from "../../lib/api";
import { useCurrentWard } from "../../lib/current-ward";

/**
 * Thông báo về dữ liệu cá nhân (Law 91/2025): who controls the data, what is stored, why, for
 * how long, who sees it, the citizen's rights and whom to contact. Plain words, short lines.
 */
export function PrivacyPage() {
  const navigate = useNavigate();
  const { ward } = useCurrentWard();
  const contact = useQuery({
    queryKey: ["contacts", ward?.code, "privacy"],
    enabled: !!ward,
    queryFn: () => unwrap(client.api.wards[":code"].contacts.$get({ param: { code: ward!.code }, query: {} })),
  });
  const controller = ward ? `Ủy ban nhân dân ${ward.name}` : "Ủy ban nhân dân xã, phường bạn chọn";
  return (
    <Page className="page">
      <AppHeader title="Dữ liệu cá nhân của bạn" />
      <Box className="card privacy">
        <h2>Ai chịu trách nhiệm</h2>
        <p>
          {controller} là bên quyết định và chịu trách nhiệm về dữ liệu bạn gửi qua Một Cửa (theo Luật Bảo vệ dữ liệu cá nhân 2025). Một Cửa chỉ là công cụ
          giúp xã, phường trả lời bạn.
        </p>

        <h2>Một Cửa lưu gì</h2>
        <ul>
          <li>Khi bạn chỉ xem thủ tục hay hỏi trợ lý: không lưu gì gắn với bạn. Câu hỏi chỉ được giữ khi xã, phường bật “cải thiện trợ lý”, không kèm tên, đã xóa số điện thoại và số giấy tờ, tối đa 90 ngày.</li>
          <li>Khi bạn nhắn tin cho cán bộ: mã Zalo của bạn trong ứng dụng (không phải số điện thoại), các tin nhắn, đánh giá của bạn.</li>
          <li>Khi bạn nhờ gọi lại và đồng ý: số điện thoại Zalo và thời điểm bạn đồng ý.</li>
        </ul>

        <h2>Để làm gì</h2>
        <p>Chỉ để cán bộ trả lời, hướng dẫn thủ tục cho bạn, và để xã, phường thống kê (đã ẩn danh) nhằm phục vụ tốt hơn. Không quảng cáo, không bán cho ai.</p>

        <h2>Lưu bao lâu</h2>
        <ul>
          <li>Số điện thoại gọi lại: xóa ngay khi cán bộ trả lời xong, hoặc khi bạn rút lại.</li>
          <li>Tin nhắn: 12 tháng (hoặc thời hạn xã, phường đặt), sau đó được ẩn danh: xóa tin nhắn và mọi thông tin về bạn, chỉ giữ con số thống kê.</li>
        </ul>

        <h2>Ai xem được</h2>
        <p>Chỉ cán bộ của xã, phường bạn nhắn tin. Mỗi lần cán bộ mở cuộc trò chuyện đều được ghi lại để quản trị của phường kiểm tra.</p>

        <h2>Quyền của bạn</h2>
        <ul>
          <li>Biết và xem dữ liệu của mình; tải về.</li>
          <li>Yêu cầu xóa; rút lại đồng ý chia sẻ số điện thoại bất cứ lúc nào.</li>
          <li>Khiếu nại với xã, phường, hoặc với cơ quan bảo vệ dữ liệu cá nhân (Bộ Công an).</li>
        </ul>
        <Button fullWidth variant="secondary" onClick={() => navigate("/my-data")}>
          Xem, tải về hoặc xóa dữ liệu của tôi
        </Button>

        <h2>Liên hệ</h2>
        <p>
          Bộ phận một cửa {ward ? ward.name : "của xã, phường"}
          {contact.data?.address ? `, ${contact.data.address}` : ""}
          {contact.data?.hotline ? `. Điện thoại: ${contact.data.hotline}` : ""}.
        </p>
      </Box>
    </Page>
  );
}
