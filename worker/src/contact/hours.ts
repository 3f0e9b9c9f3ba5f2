/**
 * Opening hours of a ward's service centre. Pure. Times are local to Vietnam
 * (Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving), so the offset is fixed.
 */
export type Interval = [string, string]; // ["07:30", "11:30"]
/** Keys 0 (Sunday) … 6 (Saturday), as JavaScript numbers weekdays. */
export type WeeklyHours = Partial<Record<"0" | "1" | "2" | "3" | "4" | "5" | "6", Interval[]>>;

const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAY_NAMES = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
};

function local(now: Date) {
  const shifted = new Date(now.getTime() + OFFSET_MS);
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay(),
    minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    midnightUtc: Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()) - OFFSET_MS,
  };
}

function intervalsOn(hours: WeeklyHours, closedDays: string[], date: string, weekday: number): Interval[] {
  if (closedDays.includes(date)) return [];
  return hours[String(weekday) as keyof WeeklyHours] ?? [];
}

export function isOpen(hours: WeeklyHours, closedDays: string[], now: Date): boolean {
  const l = local(now);
  return intervalsOn(hours, closedDays, l.date, l.weekday).some(([a, b]) => l.minute >= minutes(a) && l.minute < minutes(b));
}

/** Start of the next opening period after `now` (or null if none within two weeks). */
export function nextOpening(hours: WeeklyHours, closedDays: string[], now: Date): Date | null {
  const l = local(now);
  for (let d = 0; d < 14; d++) {
    const dayStartUtc = l.midnightUtc + d * DAY_MS;
    const dl = local(new Date(dayStartUtc));
    for (const [a] of intervalsOn(hours, closedDays, dl.date, dl.weekday)) {
      const start = new Date(dayStartUtc + minutes(a) * 60 * 1000);
      if (start.getTime() > now.getTime()) return start;
    }
  }
  return null;
}

/** "7:30 sáng Thứ Hai, 24/11" in local time. */
export function describeMoment(at: Date): string {
  const l = local(at);
  const h = Math.floor(l.minute / 60);
  const m = l.minute % 60;
  const part = h < 11 ? "sáng" : h < 13 ? "trưa" : h < 18 ? "chiều" : "tối";
  const [, month, day] = l.date.split("-");
  return `${h}:${String(m).padStart(2, "0")} ${part} ${WEEKDAY_NAMES[l.weekday]}, ${Number(day)}/${Number(month)}`;
}

/** Weekly schedule as lines, grouping consecutive days with the same hours. */
export function describeHours(hours: WeeklyHours): string[] {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const fmt = (list: Interval[]) => list.map(([a, b]) => `${a.replace(/^0/, "")}–${b.replace(/^0/, "")}`).join(", ");
  const lines: string[] = [];
  let i = 0;
  while (i < order.length) {
    const key = fmt(hours[String(order[i]) as keyof WeeklyHours] ?? []);
    let j = i;
    while (j + 1 < order.length && fmt(hours[String(order[j + 1]) as keyof WeeklyHours] ?? []) === key) j++;
    if (key) {
      const days = i === j ? WEEKDAY_NAMES[order[i]] : `${WEEKDAY_NAMES[order[i]]} – ${WEEKDAY_NAMES[order[j]]}`;
      lines.push(`${days}: ${key}`);
    }
    i = j + 1;
  }
  return lines;
}
