/**
 * LIKE patterns that respect D1's limits by construction: at most 50 bytes per pattern and a
 * bounded number of them (each is a bound parameter; D1 allows 100 per query).
 */
import { tokens } from "../text/fold";

export const MAX_LIKE_BYTES = 50;
export const MAX_SEARCH_WORDS = 8;

const utf8 = new TextEncoder();

/** Cuts `text` to at most `bytes` UTF-8 bytes without splitting a character. */
export function cutBytes(text: string, bytes: number): string {
  if (utf8.encode(text).length <= bytes) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const n = utf8.encode(ch).length;
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * The query's distinct folded words (longest first when there are too many: they narrow
 * most), each as a word-prefix pattern `% word%` for `' ' || key`. Words hold letters and
 * digits only, so no LIKE wildcard can come from the user.
 */
export function wordPrefixPatterns(q: string, maxWords = MAX_SEARCH_WORDS): string[] {
  let words = [...new Set(tokens(q))];
  if (words.length > maxWords) words = [...words].sort((a, b) => b.length - a.length).slice(0, maxWords);
  return words.map((w) => `% ${cutBytes(w, MAX_LIKE_BYTES - 3)}%`);
}
