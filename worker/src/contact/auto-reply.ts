/**
 * The automatic reply a closed service centre sends, once per closed period. Pure.
 */
import { describeMoment, isOpen, nextOpening, type WeeklyHours } from "./hours";

export function outOfHoursReply(
  hours: WeeklyHours,
  closedDays: string[],
  now: Date,
  lastAutoReplyAt: number | null,
): string | null {
  if (isOpen(hours, closedDays, now)) return null;
  // Already answered in this closed period: the centre has not opened since the last reply.
  if (lastAutoReplyAt != null) {
    const openedSince = nextOpening(hours, closedDays, new Date(lastAutoReplyAt));
    if (!openedSince || openedSince.getTime() > now.getTime()) return null;
  }
  const next = nextOpening(hours, closedDays, now);
  return next
    ? `Trung tâm phục vụ hành chính công đang ngoài giờ làm việc. Tin nhắn của bạn đã được lưu; cán bộ sẽ trả lời từ ${describeMoment(next)}.`
    : "Trung tâm phục vụ hành chính công đang ngoài giờ làm việc. Tin nhắn của bạn đã được lưu; cán bộ sẽ trả lời khi trung tâm làm việc trở lại.";
}
