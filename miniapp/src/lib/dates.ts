/** Ward-local dates and times (Vietnam, UTC+7), whatever the device is set to: dd/MM. */
const parts = (ms: number) => {
  const d = new Date(ms + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { dd: pad(d.getUTCDate()), MM: pad(d.getUTCMonth() + 1), yyyy: String(d.getUTCFullYear()), HH: pad(d.getUTCHours()), mm: pad(d.getUTCMinutes()) };
};

/** "03/12/2026" */
export function wardDate(ms: number): string {
  const p = parts(ms);
  return `${p.dd}/${p.MM}/${p.yyyy}`;
}

/** "21:53 03/12" (the year only when it is not this year). */
export function wardDateTime(ms: number, now = Date.now()): string {
  const p = parts(ms);
  const sameYear = parts(now).yyyy === p.yyyy;
  return `${p.HH}:${p.mm} ${p.dd}/${p.MM}${sameYear ? "" : `/${p.yyyy}`}`;
}
