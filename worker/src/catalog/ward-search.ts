/**
 * Ward search: accent-insensitive matching with accent-aware ranking. Pure.
 *
 * "an hai", "An Hải" and "phuong an hai hai phong" all find Phường An Hải; when the user
 * typed diacritics, wards whose accented name contains them rank first (An Hải before Ấn Hải).
 */
import { hasDiacritics, normalize, searchKey, tokens } from "../text/fold";

const TYPE_WORDS = new Set(["xa", "phuong", "dac", "khu", "tinh", "thanh", "pho", "tp"]);

export interface WardCandidate {
  code: string;
  name: string;
  shortName: string;
  provinceName: string;
  searchKey: string;
}

/** LIKE patterns every candidate must match: each query word as a word prefix. */
export function wardQueryPatterns(q: string): string[] {
  return tokens(q).map((t) => `% ${t}%`);
}

export function rankWards<T extends WardCandidate>(q: string, candidates: T[]): T[] {
  const key = searchKey(q);
  const words = key.split(" ").filter((w) => !TYPE_WORDS.has(w));
  const core = words.join(" ");
  const accented = hasDiacritics(q) ? normalize(q) : null;
  const score = (w: T) => {
    const short = searchKey(w.shortName);
    const province = searchKey(w.provinceName);
    let s = 0;
    if (short === key || short === core) s += 100;
    else if (core.startsWith(`${short} `) && core.slice(short.length + 1).split(" ").every((x) => province.includes(x))) {
      // "an hai hai phong": the ward name followed by its province.
      s += 90;
    } else if (core && short.startsWith(core)) s += 40;
    if (core && ` ${w.searchKey} `.includes(` ${core} `)) s += 20;
    if (accented && normalize(w.name).includes(accented.replace(/^(xã|phường|đặc khu) /, ""))) s += 30;
    if (accented && normalize(`${w.name} ${w.provinceName}`).includes(accented)) s += 10;
    return s;
  };
  return candidates
    .map((w) => ({ w, s: score(w) }))
    .sort((a, b) => b.s - a.s || a.w.searchKey.localeCompare(b.w.searchKey) || a.w.code.localeCompare(b.w.code))
    .map((x) => x.w);
}
