/**
 * Vietnamese text normalization shared by search, import and (later) the answer engine.
 * Pure functions, no I/O.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** NFC + lower case + collapse whitespace. Keeps diacritics. */
export function normalize(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Remove every diacritic. NFD strips tone and vowel marks, but đ/Đ is a separate letter
 * (not a base + mark), so it has to be mapped by hand.
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** Lower-case, folded, punctuation replaced by spaces: the key used for accent-insensitive matching. */
export function searchKey(text: string): string {
  return fold(normalize(text))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Words of a search key. */
export function tokens(text: string): string[] {
  const key = searchKey(text);
  return key ? key.split(" ") : [];
}

/** True when the text carries any Vietnamese diacritic (including đ). */
export function hasDiacritics(text: string): boolean {
  return fold(text) !== text.normalize("NFC");
}
