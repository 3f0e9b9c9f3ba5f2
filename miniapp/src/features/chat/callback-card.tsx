import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Text } from "zmp-ui";
import { ApiRequestError, client, unwrap } from "../../lib/api";
import { bearer, citizenToken } from "../../lib/session";
import { zaloAccessToken, zaloPhoneToken } from "../../lib/zalo";

/**
 * Asks for a call-back. The phone number is personal data: we say why we need it, who sees
 * it and when it is erased, and ask consent before Zalo's own prompt.
 */
export function CallbackCard({ conversationId, requested, wardName, onChange }: { conversationId: string; requested: boolean; wardName: string; onChange: () => void }) {
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [consent, setConsent] = useState(false);
  const share = useMutation({
    mutationFn: async () => {
      let phoneToken = await zaloPhoneToken();
      let accessToken = await zaloAccessToken();
      // Browser preview only: the development worker accepts this fictional number.
      if (!phoneToken && import.meta.env.DEV) [phoneToken, accessToken] = ["dev-0900000999", "dev"];
      if (!phoneToken || !accessToken) throw new ApiRequestError(400, "phone_refused", "Bạn chưa cho phép chia sẻ số điện thoại. Bạn vẫn có thể nhắn tin cho cán bộ.");
      return unwrap(
        client.api.conversations[":id"].callback.$post({ param: { id: conversationId }, json: { consent: true, accessToken, phoneToken } }, bearer(await citizenToken())),
      );
    },
    onSuccess: () => {
      setAsking(false);
      onChange();
    },
  });
  const withdraw = useMutation({
    mutationFn: async () => unwrap(client.api.conversations[":id"].callback.$delete({ param: { id: conversationId } }, bearer(await citizenToken()))),
    onSuccess: onChange,
  });

  if (requested) {
    return (
      <div className="callback-card">
        <Text size="small">Bạn đã nhờ cán bộ gọi lại. Số điện thoại tự xóa khi cán bộ trả lời xong.</Text>
        <Button size="small" variant="tertiary" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
          Rút lại, xóa số của tôi
        </Button>
      </div>
    );
  }
  if (!asking) {
    return (
      <Button size="small" variant="secondary" onClick={() => setAsking(true)}>
        Nhờ cán bộ gọi lại
      </Button>
    );
  }
  return (
    <div className="callback-card" role="group" aria-label="Đồng ý chia sẻ số điện thoại">
      <Text size="small">
        Để cán bộ gọi lại, Một Cửa cần số điện thoại Zalo của bạn. Chỉ cán bộ {wardName} xem được số này, chỉ để gọi lại về câu hỏi này; số tự xóa
        khi cán bộ trả lời xong, và bạn rút lại được bất cứ lúc nào.
      </Text>
      <button type="button" className="link-button" onClick={() => navigate("/privacy")}>
        Xem thông báo về dữ liệu cá nhân
      </button>
      <label className="inline">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> Tôi đồng ý chia sẻ số điện thoại
      </label>
      {share.isError && <Text className="warning">{(share.error as Error).message}</Text>}
      <div className="row">
        <Button size="small" disabled={!consent} loading={share.isPending} onClick={() => share.mutate()}>
          Chia sẻ số điện thoại
        </Button>
        <Button size="small" variant="tertiary" onClick={() => setAsking(false)}>
          Thôi
        </Button>
      </div>
    </div>
  );
}
