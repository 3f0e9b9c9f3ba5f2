import { Box, Text } from "zmp-ui";
import { CHANNEL_LABEL, describeFee, describeTime } from "@worker/catalog/describe";
import type { ProcedureDetail } from "../../lib/api";

type Method = ProcedureDetail["methods"][number];

export function FeesTab({ methods, address, agencies }: { methods: Method[]; address: string | null; agencies: string | null }) {
  const times = methods.map((m) => m.time);
  return (
    <Box className="pad">
      {methods.length === 0 && <Text className="muted">Hồ sơ gốc không ghi cách nộp, phí và thời hạn.</Text>}
      {methods.map((m, i) => (
        <div key={i} className="method card-flat" data-channel={m.channel}>
          <h3 className="sub-title">{CHANNEL_LABEL[m.channel]}</h3>
          <dl>
            <dt>Thời hạn giải quyết</dt>
            <dd>{describeTime(m.time, times)}</dd>
            <dt>Phí, lệ phí</dt>
            <dd className={`fee fee-${m.fee.status}`}>{describeFee(m.fee)}</dd>
            {m.fee.note && (
              <>
                <dt>Ghi chú về phí</dt>
                <dd className="pre">{m.fee.note}</dd>
              </>
            )}
            {m.note && (
              <>
                <dt>Mô tả</dt>
                <dd className="pre">{m.note}</dd>
              </>
            )}
          </dl>
        </div>
      ))}
      {(address || agencies) && (
        <div className="card-flat">
          {agencies && (
            <>
              <h3 className="sub-title">Cơ quan thực hiện</h3>
              <Text>{agencies}</Text>
            </>
          )}
          {address && (
            <>
              <h3 className="sub-title">Nơi tiếp nhận</h3>
              <Text>{address}</Text>
            </>
          )}
        </div>
      )}
    </Box>
  );
}
