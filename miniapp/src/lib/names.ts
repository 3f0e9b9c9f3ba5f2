/** Whether the legal name says more than the everyday title ("Thủ tục đăng ký khai sinh" does not). */
export function showLegalName(short: string, legal: string): boolean {
  const key = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi").replace(/^thủ tục\s+/, "").replace(/[\s.]+$/, "").trim();
  return key(short) !== key(legal);
}
