/**
 * Turns what a citizen types into clean folded tokens: Telex residue, glued words, typos,
 * abbreviations and teencode (with context), everyday phrases and negations. Pure.
 *
 * Each output token keeps the accented form the user typed (if any), so an exact accented
 * match can beat a folded one later (hộ vs hỗ).
 */
import { entryOf, CONTEXT_RULES, INHERITANCE_CUES, NEGATION_CUES, NOT_DEATH_AFTER_MAT, PERSON_FORMS, PERSON_WORDS, PHRASES, QUERY_EXPANSIONS, STOPWORDS } from "./dictionary";
import { deliberateAccents } from "./accents";
import { fold, hasDiacritics } from "./fold";
import { decodeTypos } from "./typo-decoder";

export interface QueryToken {
  /** Folded lower-case syllable. */
  folded: string;
  /** What the user typed (lower case, NFC) when it carried diacritics; otherwise null. */
  accented: string | null;
  /** Added by a phrase rule: other phrase rules do not rewrite it again. */
  generated?: boolean;
  /** Kept by a phrase rule that matched it (the phrase): a shorter rule of the same start is redundant. */
  covered?: string;
  /** Intent words were removed just before it: it never stood next to the token before. */
  afterGap?: boolean;
  /** Which clause of the message it comes from (split at . ? ! ; , :), from 0. */
  clause?: number;
  /** Inferred from a situation or an everyday phrase, not typed ("mẹ tôi mất" → khai tử). */
  inferred?: boolean;
}

export interface Vocabulary {
  /** Folded syllables known from the catalog and dictionary. */
  has(word: string): boolean;
  /** In how many catalog names the syllable appears (0 for dictionary-only words). */
  frequency(word: string): number;
  /** True when the catalog uses the two syllables side by side. */
  hasPair(a: string, b: string): boolean;
  /** In how many catalog names the two stand side by side (how strongly a pair vouches). */
  pairFrequency?(a: string, b: string): number;
  /** Known syllables one edit away (for typo tolerance on words of 4+ letters). */
  near(word: string): string[];
  /** True when the catalog writes this accented syllable (lower case, NFC). */
  knowsAccented?(word: string): boolean;
}

const TELEX_TONES: Record<string, string> = { s: "\u0301", f: "\u0300", r: "\u0309", x: "\u0303", j: "\u0323" };

/** Decode Telex typing left in the text ("dang kys", "tamj vangws") into Vietnamese. */
export function decodeTelex(word: string): string | null {
  if (!/^[a-z]+$/.test(word) || word.length < 2) return null;
  let w = word;
  let tone = "";
  const last = w[w.length - 1];
  if (entryOf(TELEX_TONES, last) && /[aeiouy]/.test(w.slice(0, -1))) {
    tone = TELEX_TONES[last];
    w = w.slice(0, -1);
  }
  const before = w;
  w = w
    .replace(/dd/g, "đ")
    .replace(/aa/g, "â")
    .replace(/ee/g, "ê")
    .replace(/oo/g, "ô")
    .replace(/uow/g, "ươ")
    .replace(/aw/g, "ă")
    .replace(/ow/g, "ơ")
    .replace(/uw/g, "ư");
  // "vangws": the modifier may come after the final consonant.
  if (/w/.test(w)) w = w.replace(/([aou])([^aeiouyw]*)w/, (_, v: string, c: string) => ({ a: "ă", o: "ơ", u: "ư" })[v] + c);
  w = w.replace(/w/g, "");
  if (!tone && w === before) return null;
  if (tone) {
    // Put the tone on the main vowel: the modified vowel if any, else the last of a pair.
    const vowels = [...w.matchAll(/[aăâeêioôơuưy]/g)];
    if (vowels.length === 0) return null;
    const modified = vowels.find((v) => /[ăâêôơư]/.test(v[0]));
    const target = modified ?? (vowels.length >= 2 && !/[^aăâeêioôơuưy]$/.test(w) ? vowels[vowels.length - 2] : vowels[vowels.length - 1]);
    const i = target.index!;
    w = (w.slice(0, i + 1) + tone + w.slice(i + 1)).normalize("NFC");
  }
  return w;
}

/** Words with the clause each stands in: a long message's last clause usually holds the question. */
function clauseWords(text: string): { word: string; clause: number }[] {
  const out: { word: string; clause: number }[] = [];
  text
    .normalize("NFC")
    .split(/[.?!;,:\n]+|\s[-–]\s/)
    .forEach((part, clause) => {
      for (const word of rawWords(part)) out.push({ word, clause });
    });
  return out;
}

function rawWords(text: string): string[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/**
 * One Vietnamese syllable, folded: onset, one to three vowels, coda. Such a word is a word
 * the catalog does not use ("khuyết" in "khuyết tật"), not two glued ones ("khu" + "yet").
 */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;

/**
 * Split a glued token ("kethon", "dangkykhaisinh") into known syllables: fewest pieces,
 * then the most pairs the catalog uses ("ket hon" over "ke thon").
 */
function segment(word: string, vocab: Vocabulary): string[] | null {
  if (word.length < 5 || word.length > 40) return null;
  type Best = { parts: string[]; pairs: number } | null;
  const memo = new Map<number, Best>();
  const better = (a: Best, b: Best) =>
    !a ? b : !b ? a : a.parts.length !== b.parts.length ? (a.parts.length < b.parts.length ? a : b) : a.pairs >= b.pairs ? a : b;
  const from = (start: number): Best => {
    if (start === word.length) return { parts: [], pairs: 0 };
    if (memo.has(start)) return memo.get(start)!;
    let best: Best = null;
    for (let end = start + 2; end <= Math.min(word.length, start + 7); end++) {
      const piece = word.slice(start, end);
      if (!vocab.has(piece)) continue;
      const rest = from(end);
      if (!rest) continue;
      const pairs = rest.pairs + (rest.parts[0] && vocab.hasPair(piece, rest.parts[0]) ? 1 : 0);
      best = better(best, { parts: [piece, ...rest.parts], pairs });
    }
    memo.set(start, best);
    return best;
  };
  const best = from(0);
  return best && best.parts.length >= 2 ? best.parts : null;
}

/** True when `a` and `b` are one insertion, deletion, substitution or swap apart. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const EXPANSION_KEYS = Object.keys(QUERY_EXPANSIONS).filter((k) => k.length >= 3 && /^[a-z]+$/.test(k));

/**
 * A mistyped abbreviation ("BHTY", "BQYT", "HXH" for BHXH): the catalog spells these out, so
 * no syllable of it is near; the one abbreviation one edit away is meant. Only a token that
 * cannot be a syllable, or one typed in capitals, is read so ("byt" could be a typo of a word).
 */
function nearAbbreviation(folded: string, capitals: boolean): string | undefined {
  if (folded.length < 3 || (!capitals && (folded.length < 4 || SYLLABLE.test(folded)))) return undefined;
  const found = EXPANSION_KEYS.filter((k) => (capitals || k.length >= 4) && oneEditApart(folded, k));
  return found.length === 1 ? QUERY_EXPANSIONS[found[0]] : undefined;
}

function expandToken(folded: string, accented: string | null, vocab: Vocabulary, fixTypos: boolean, capitals = false): QueryToken[] {
  const expansion = entryOf(QUERY_EXPANSIONS, folded);
  // An accented token the user typed is taken as written ("đk" → đăng ký still applies, and
  // so does any abbreviation without a vowel, "BHTNLĐ").
  if (expansion && (!accented || folded.length <= 4 || !/[aeiouy]/.test(folded))) return expansion.split(" ").map((f) => ({ folded: f, accented: null }));
  if (vocab.has(folded) || /^\d+$/.test(folded)) return [{ folded, accented }];
  const abbreviation = fixTypos ? nearAbbreviation(folded, capitals) : undefined;
  if (abbreviation) return abbreviation.split(" ").map((f) => ({ folded: f, accented: null }));
  if (!accented) {
    const telex = decodeTelex(folded);
    if (telex && vocab.has(fold(telex))) return [{ folded: fold(telex), accented: telex }];
  }
  const syllable = SYLLABLE.test(folded);
  const parts = syllable ? null : segment(folded, vocab);
  if (parts) return parts.map((f) => ({ folded: f, accented: null }));
  // A real syllable may be an everyday word the catalog never uses ("tiệm" typed "tiem"):
  // only a neighbour that forms a catalog pair with a correction changes it (fixByContext).
  if (fixTypos && folded.length >= 4 && !syllable) {
    const near = vocab.near(folded);
    if (near.length === 1) return [{ folded: near[0], accented: null }];
  }
  return [{ folded, accented }];
}

function applyContextRules(tokens: QueryToken[]): QueryToken[] {
  const out: QueryToken[] = [];
  tokens.forEach((t, i) => {
    const rule = CONTEXT_RULES.find((r) => r.token === t.folded);
    if (!rule) {
      out.push(t);
      return;
    }
    const prev = tokens[i - 1]?.folded;
    const next = tokens[i + 1]?.folded;
    const window = tokens.slice(Math.max(0, i - 3), i + 4).map((x) => x.folded);
    const hit =
      (rule.before && prev !== undefined && rule.before.includes(prev)) ||
      (rule.after && next !== undefined && rule.after.includes(next)) ||
      (rule.near && rule.near.some((w) => window.includes(w)));
    const to = hit ? rule.to : rule.otherwise;
    if (to) out.push(...to.split(" ").map((f) => ({ folded: f, accented: null, clause: t.clause })));
  });
  return out;
}

const SORTED_PHRASES = [...PHRASES]
  .sort((a, b) => b.phrase.length - a.phrase.length)
  .map((rule) => ({ rule, words: rule.phrase.split(" "), add: rule.add.split(" ") }));

/** The question's words around a match, for a rule's onlyWith / unlessWith. */
function textAround(before: QueryToken[], after: QueryToken[]): string {
  let text = " ";
  for (const t of before) text += `${t.folded} `;
  for (const t of after) text += `${t.folded} `;
  return text;
}

const saysAny = (text: string, words: string[]) => words.some((w) => text.includes(` ${w} `));

/** Replace everyday phrases by catalog words (longest first, at word boundaries). */
function applyPhrases(tokens: QueryToken[]): QueryToken[] {
  let out = tokens;
  for (const { rule, words, add: ruleAdd } of SORTED_PHRASES) {
    // Most rules do not apply: skip them without copying the tokens.
    if (!out.some((t) => t.folded === words[0] && !t.generated)) continue;
    const next: QueryToken[] = [];
    for (let i = 0; i < out.length; ) {
      // "nhận con nuôi" already said what it means: "nhận con" (paternity) must not fire too.
      let match = words.every((w, k) => out[i + k]?.folded === w && !out[i + k].generated) && !out[i].covered?.startsWith(`${rule.phrase} `);
      const around = match && (rule.onlyWith || rule.unlessWith) ? textAround(next, out.slice(i + words.length)) : "";
      if (match && rule.onlyWith && !saysAny(around, rule.onlyWith)) match = false;
      if (!match) {
        next.push(out[i]);
        i++;
        continue;
      }
      if (!rule.replace) for (let k = 0; k < words.length; k++) next.push({ ...out[i + k], covered: rule.phrase });
      const add = rule.unlessWith && saysAny(around, rule.unlessWith.words) ? rule.unlessWith.add.split(" ") : ruleAdd;
      for (const f of add) if (f) next.push({ folded: f, accented: null, generated: true, inferred: true, clause: out[i].clause });
      i += words.length;
    }
    out = next;
  }
  return out;
}

/** A person word, unless its marks say it is the other word of that spelling ("có", "đi"). */
function isPerson(t: QueryToken): boolean {
  if (!PERSON_WORDS.has(t.folded)) return false;
  const forms = PERSON_FORMS[t.folded];
  return !t.accented || !forms || forms.includes(t.accented.toLowerCase());
}

/**
 * "mất" after a person ("mẹ tôi mất", "chồng em vừa mất", "nhà em có người vừa mất") is a
 * death: replace the person words and "mất" by "khai tử". "mất" before money, time or a
 * thing ("mất bao lâu", "mất ví", "mất thẻ") is left alone for the other rules.
 */
function applyDeathRule(tokens: QueryToken[]): QueryToken[] {
  // "bố mẹ mất không để lại di chúc, anh em muốn chia đất": the death is the circumstance of
  // an inheritance, not a death to register.
  const text = ` ${tokens.map((t) => t.folded).join(" ")} `;
  if (INHERITANCE_CUES.some((c) => text.includes(` ${c} `))) return tokens;
  const out: QueryToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1]?.folded;
    // Typed marks decide between "mất" and "mặt" ("căn nhà mặt phố" is no death).
    const isDeathVerb = (t.folded === "mat" && (!t.accented || t.accented === "mất")) || (t.folded === "qua" && next === "doi");
    const losesThing = t.folded === "mat" && next !== undefined && (NOT_DEATH_AFTER_MAT.has(next) || (next === "can" && tokens[i + 2]?.folded === "cuoc"));
    if (isDeathVerb && !losesThing) {
      let k = out.length;
      const skippable = (w: string) => PERSON_WORDS.has(w) || w === "vua" || w === "moi" || w === "da" || w === "co" || w === "cua";
      while (k > 0 && skippable(out[k - 1].folded)) k--;
      if (k < out.length && out.slice(k).some(isPerson)) {
        const clause = t.clause;
        out.splice(k, out.length - k, { folded: "khai", accented: null, inferred: true, clause }, { folded: "tu", accented: null, inferred: true, clause });
        if (t.folded === "qua") i++;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/**
 * Drop what the user says they do NOT want: "không phải loại có yếu tố nước ngoài",
 * "đừng đưa bản có yếu tố nước ngoài", "chứ không phải khai sinh", ", không phải kết hôn có
 * yếu tố nước ngoài". Works on the raw word list so commas still end the negated part.
 * "Không phải" after a noun describes it instead ("người dịch không phải cộng tác viên"):
 * a condition the procedure's name may carry, kept unless it names a kind ("không phải loại…").
 */
const NEGATED = "(?:co )?([a-z0-9 ]{1,60}?)(?=[,.;!?]| thi | ma | nhung | nhe | nha | dau | a |$)";
const KIND = "(?:la )?(?:loai|ban|thu tuc|truong hop) ";

function dropNegated(text: string): string {
  let t = ` ${fold(text.toLowerCase())} `;
  for (const cue of NEGATION_CUES) {
    if (cue === "khong phai") {
      t = t.replace(new RegExp(`(^|[,.;!?:]) *khong phai (?:${KIND})?${NEGATED}`, "g"), "$1 ");
      t = t.replace(new RegExp(` khong phai ${KIND}${NEGATED}`, "g"), " ");
    } else {
      t = t.replace(new RegExp(` ${cue} (?:loai |ban |la |thu tuc )?${NEGATED}`, "g"), " ");
    }
  }
  return t.trim();
}

export interface NormalizedQuery {
  tokens: QueryToken[];
  /** Folded text after normalization, for phrase checks. */
  text: string;
  /** True when the user typed any diacritic. */
  accented: boolean;
}

/**
 * `fixTypos: false` for text written with care (a ward's own questions): its words are meant
 * as written, even those the catalog never uses.
 */
export function normalizeQuery(question: string, vocab: Vocabulary, { fixTypos = true } = {}): NormalizedQuery {
  const accentedInput = hasDiacritics(question);
  // Negation works on folded text; keep accented words aligned by re-reading after it only
  // when nothing was dropped (otherwise accents are simply not used for this question).
  const withoutNegation = dropNegated(question);
  const droppedSomething = withoutNegation !== fold(question.toLowerCase()).replace(/\s+/g, " ").trim();
  const words = droppedSomething ? clauseWords(withoutNegation) : clauseWords(question);
  // Marks on the wrong vowel, or on most words at random, say nothing: drop them.
  const keepAccents = deliberateAccents(
    rawWords(question).filter((w) => hasDiacritics(w)),
    vocab.knowsAccented?.bind(vocab),
    (w) => {
      const f = fold(w);
      return !STOPWORDS.has(f) && vocab.frequency(f) > 0;
    },
  );
  // Words typed in capitals ("BHTY") are abbreviations, whatever they look like.
  const capitals = new Set(question.normalize("NFC").match(/(?<![\p{L}\p{N}])[\p{Lu}]{3,8}(?![\p{L}\p{N}])/gu)?.map((w) => fold(w.toLowerCase())) ?? []);
  let tokens: QueryToken[] = [];
  for (const { word: w, clause } of words) {
    const folded = fold(w);
    const accented = hasDiacritics(w) && keepAccents(w) ? w : null;
    for (const t of expandToken(folded, accented, vocab, fixTypos, capitals.has(folded))) tokens.push({ ...t, clause });
  }
  if (fixTypos) tokens = decodeTypos(tokens, vocab, capitals);
  tokens = applyContextRules(tokens);
  tokens = applyDeathRule(tokens);
  tokens = applyPhrases(tokens);
  return { tokens, text: tokens.map((t) => t.folded).join(" "), accented: accentedInput && tokens.some((t) => t.accented) };
}
