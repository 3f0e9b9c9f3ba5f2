/**
 * Plain-Vietnamese wording of fees and processing times, shared by the mini app and (later)
 * the answer engine so both say the same thing. Pure. Never turns "unknown" into a value.
 */
import type { Channel, ParsedFee, ParsedTime, TimeUnit } from "./portal-parser";

/** The API's fee and time objects are the parser's, field for field. */
export type FeeFacts = ParsedFee;
export type TimeFacts = ParsedTime;

export const CHANNEL_LABEL: Record<Channel, string> = {
  in_person: "Nộp trực tiếp",
  online: "Nộp trực tuyến",
  post: "Gửi qua bưu chính",
};

const UNIT_LABEL: Record<TimeUnit, string> = {
  working_days: "ngày làm việc",
  days: "ngày",
  hours: "giờ",
  months: "tháng",
  years: "năm",
};

function formatNumber(n: number): string {
  // Vietnamese groups thousands with "." (2.000, 200.000).
  const [int, frac] = String(n).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return frac ? `${grouped},${frac}` : grouped;
}

/** One line for the fee; `status` decides the wording, the record's own numbers fill it. */
export function describeFee(fee: FeeFacts): string {
  switch (fee.status) {
    case "amount": {
      const currency = fee.currency === "USD" ? "USD" : "đồng";
      return `${formatNumber(fee.amount ?? 0)} ${currency}${fee.unit ?? ""}`;
    }
    case "free":
      return "Miễn phí";
    case "set_by_province":
      return "Mức phí do Hội đồng nhân dân tỉnh, thành phố quy định (hỏi cán bộ để biết mức cụ thể)";
    case "see_note":
      return "Tùy trường hợp, xem ghi chú về phí";
    case "not_published":
      return "Chưa công bố mức phí trên Cổng Dịch vụ công";
  }
}

/** The record gives no time: say so in plain words and send the citizen to an officer. */
export const TIME_NOT_STATED = "Hồ sơ không ghi rõ thời hạn, bạn hỏi cán bộ nhé";

/**
 * The processing time in plain words. A bare number ("1") takes its unit from another
 * channel of the same record that gives the same number with a unit; otherwise it is shown
 * as what it is, a number without a unit, never a guess.
 */
export function describeTime(time: TimeFacts, siblings: readonly TimeFacts[] = []): string {
  if (time.value == null) return /^Không phải trả kết quả/i.test(time.text) ? time.text : TIME_NOT_STATED;
  const unit = time.unit ?? siblings.find((t) => t.value === time.value && t.unit)?.unit ?? null;
  if (!unit) return `Hồ sơ chỉ ghi “${time.text}”, không rõ là ngày hay giờ; bạn hỏi cán bộ nhé`;
  return `${formatNumber(time.value)} ${UNIT_LABEL[unit]}`;
}

/** A method's description that is about money (the fee's conditions live there on many records). */
export function isFeeNote(note: string | null | undefined): note is string {
  return !!note && /phí|lệ phí|\d\s*(?:đồng|đ\b|usd|vnđ)|\bthu\b|miễn/iu.test(note);
}
