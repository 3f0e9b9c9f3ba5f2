/**
 * Whether the diacritics a citizen typed look deliberate. Phones autocorrect, old keyboards
 * leave marks on the wrong vowel, and some texts carry marks on most syllables at random
 * ("Sáng tạô trọng vận hành chính qưỷền"): then the marks are noise and only the folded
 * letters may decide. Pure.
 */

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** Vowel groups of Vietnamese syllables, with vowel modifiers but without tone marks. */
const NUCLEI = new Set(
  (
    "a ă â e ê i o ô ơ u ư y " +
    "ai ao au ay âu ây eo êu ia iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê iê " +
    "oai oao oay oeo uây uôi ươi ươu uya uyê uyu iêu yêu"
  ).split(" "),
);
const VOWELS = "aăâeêioôơuưy";

/**
 * A well-formed Vietnamese syllable as far as its marks go: at most one tone mark, and a vowel
 * group that exists. Tone placement itself varies (hoà / hòa) and is not judged.
 */
export function plausibleSyllable(word: string): boolean {
  const nfd = word.normalize("NFD").toLowerCase();
  if ((nfd.match(TONES) ?? []).length > 1) return false;
  const letters = nfd.replace(TONES, "").normalize("NFC");
  const m = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]+)(ch|ng|nh|[cmnpt])?$/.exec(letters);
  if (!m) return false;
  let nucleus = m[2];
  // "gìn", "quý": the i or u belongs to the onset only when another vowel follows.
  if (!nucleus && (m[1] === "gi" || m[1] === "qu")) nucleus = m[1].slice(1);
  return nucleus.length > 0 && [...nucleus].every((c) => VOWELS.includes(c)) && NUCLEI.has(nucleus);
}

/**
 * Which typed words keep their accents. `known(w)`: the catalog writes this accented form;
 * `folds(w)`: the catalog has the word once folded. When half or more of the accented words
 * the catalog knows folded are written as the catalog never writes them, or are not syllables
 * at all, the question's marks are noise and none is kept.
 */
export function deliberateAccents(
  accentedWords: string[],
  known: ((w: string) => boolean) | undefined,
  folds: (w: string) => boolean,
): (w: string) => boolean {
  let judged = 0;
  let odd = 0;
  for (const w of accentedWords) {
    if (!plausibleSyllable(w)) {
      judged++;
      odd++;
    } else if (known && folds(w)) {
      judged++;
      if (!known(w)) odd++;
    }
  }
  if (judged >= 2 && odd / judged >= 0.5) return () => false;
  return plausibleSyllable;
}
