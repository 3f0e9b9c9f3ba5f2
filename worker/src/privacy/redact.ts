/**
 * Removes what looks like a phone number or an ID number from a citizen's question before it
 * is kept: any run of 9 or more digits (9–12 digits are CMND, phone and CCCD numbers),
 * also when written in groups ("0912 345 678", "0912.345.678"). Pure.
 */
const DIGIT_RUN = /\+?\d(?:[ .\-]?\d){8,}/g;

export function redactNumbers(text: string): string {
  return text.replace(DIGIT_RUN, "[số đã ẩn]");
}
