/** "12 phút", "3 giờ", "2 ngày": how long something has waited. */
export function duration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60000));
  return min < 60 ? `${min} phút` : min < 24 * 60 ? `${Math.round(min / 60)} giờ` : `${Math.round(min / 1440)} ngày`;
}

/** First-response timer: waiting since the question, or how fast the first answer came. */
export function firstResponseText(conv: { createdAt: number; firstResponseAt: number | null }, now = Date.now()): string {
  return conv.firstResponseAt ? `Trả lời lần đầu sau ${duration(conv.firstResponseAt - conv.createdAt)}` : `Chờ trả lời ${duration(now - conv.createdAt)}`;
}

/** Past an hour without a first answer, the badge turns to a warning. */
export const overdue = (conv: { createdAt: number; firstResponseAt: number | null; status: string }, now = Date.now()) =>
  conv.status !== "resolved" && !conv.firstResponseAt && now - conv.createdAt > 60 * 60 * 1000;
