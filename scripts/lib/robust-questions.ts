// The robustness suite's question generator (issue 10, item 5). Pure and seeded: from each
// commune-level procedure's name it writes one question per perturbation (no diacritics, wrong
// diacritics, typos, teencode, context around it, clauses in the other order), once bare and once
// with a field question. Nobody writes these questions, so no rule can be fitted to them; they
// measure how the engine copes with what citizens do to a name.
//
// Everything here (folding, abbreviations, keyboard) is written for this suite and does not use
// the engine's text code or dictionary: the instrument must not share the engine's blind spots.

export const PERTURBATIONS = ["no_diacritics", "wrong_diacritics", "typos", "teencode", "context", "shuffled"] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

/** The field questions combined with every perturbation (the engine's intent field names). */
export const ROBUST_FIELDS = ["components", "fees", "processing_time", "address", "online"] as const;
export type RobustField = (typeof ROBUST_FIELDS)[number];

export const DEFAULT_SEED = 2026;

export interface CatalogName {
  code: string;
  name: string;
  levels: readonly string[];
}

export interface RobustQuestion {
  /** `<code>:<perturbation>:<variant>` */
  id: string;
  code: string;
  perturbation: Perturbation;
  /** `plain`: the perturbed name alone; `field`: combined with a field question. */
  variant: "plain" | "field";
  q: string;
  /** The procedure and every procedure of the same name at another level. */
  accept: string[];
  /** The field asked (empty for `plain`). */
  fields: RobustField[];
  /** The readable name the question was made from. */
  name: string;
}

// ---------------------------------------------------------------------------
// Randomness: one small generator per question, seeded from (seed, code, perturbation,
// variant), so a question does not change when other procedures are added or removed.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const rngFor = (seed: number, ...parts: string[]): Rng => mulberry32(fnv1a(`${seed}|${parts.join("|")}`));

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

// ---------------------------------------------------------------------------
// Names

/** Lower case, no diacritics, đ → d. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .normalize("NFC");
}

/** "(cấp xã)", "(thực hiện tại cấp tỉnh)", "(cấp Xã)": the same act at another level. */
const LEVEL_PAREN = /\s*\((?:thực hiện\s+)?(?:tại\s+|ở\s+)?cấp\s+[^()]*\)/giu;
/** A record's own code repeated in its name: "(1.010736)". */
const CODE_PAREN = /\s*\(\d\.\d{6}\)/gu;

/**
 * The name a citizen would use: no leading "Thủ tục" (kept before "đối với", where the rest
 * would open with a preposition), no level parenthetical, no stray dots.
 */
export function cleanName(name: string): string {
  return name
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/^thủ tục\s+(?!đối với)/iu, "")
    .replace(LEVEL_PAREN, "")
    .replace(CODE_PAREN, "")
    .replace(/[\s.]+$/u, "")
    .trim();
}

/** Folded words of a cleaned name, for comparing names. */
export function nameKey(name: string): string {
  return fold(cleanName(name))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(" ");
}

/** For every procedure, the codes of all procedures with the same name key (itself included). */
export function acceptSets(procs: readonly CatalogName[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const p of procs) {
    const k = nameKey(p.name);
    byKey.set(k, [...(byKey.get(k) ?? []), p.code]);
  }
  return new Map(procs.map((p) => [p.code, byKey.get(nameKey(p.name))!]));
}

/** Names longer than this many words are shortened to a clause prefix that still identifies them. */
export const LONG_NAME_WORDS = 20;

/**
 * The readable name used in questions. A long name is cut before a comma, semicolon or bracket
 * (outside brackets), taking the shortest such head that no other procedure's name begins with
 * (the procedure is still identified); when every head is shared, the whole name.
 */
export function questionName(name: string, accept: readonly string[], keys: ReadonlyMap<string, string>): string {
  const clean = cleanName(name);
  if (clean.split(" ").length <= LONG_NAME_WORDS) return clean;
  const cuts: number[] = [];
  let depth = 0;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i];
    if (ch === "(") {
      if (depth === 0) cuts.push(i);
      depth++;
    } else if (ch === ")") depth = Math.max(0, depth - 1);
    else if ((ch === "," || ch === ";") && depth === 0) cuts.push(i);
  }
  for (const cut of cuts) {
    const head = clean.slice(0, cut).trim();
    if (head.split(" ").length < 3) continue;
    const hk = nameKey(head);
    const shared = [...keys].some(([code, k]) => !accept.includes(code) && (k === hk || k.startsWith(`${hk} `)));
    if (!shared) return head;
  }
  return clean;
}

/** A name inside a sentence: lower-case first letter unless it opens with an acronym (BHXH). */
export function embed(name: string): string {
  if (/^\p{Lu}{2}/u.test(name)) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

// ---------------------------------------------------------------------------
// Field questions (written for this suite)

const FIELD_ASKS: Record<RobustField, readonly string[]> = {
  components: ["cần giấy tờ gì", "cần những giấy tờ gì", "hồ sơ gồm những gì", "cần chuẩn bị giấy tờ gì"],
  fees: ["lệ phí bao nhiêu", "mất phí bao nhiêu", "có mất tiền không", "lệ phí là bao nhiêu tiền"],
  processing_time: ["bao lâu thì xong", "mất bao lâu", "mấy ngày thì có kết quả", "thời gian giải quyết bao lâu"],
  address: ["nộp ở đâu", "nộp hồ sơ ở đâu", "làm ở đâu"],
  online: ["làm online được không", "nộp trực tuyến được không", "có làm qua mạng được không"],
};

/** Field first, then the name ("shuffled clause order"). */
const FIELD_FIRST: Record<RobustField, readonly string[]> = {
  components: ["cần giấy tờ gì để {name}", "cần chuẩn bị những giấy tờ gì khi {name}"],
  fees: ["lệ phí bao nhiêu khi {name}", "mất bao nhiêu tiền để {name}"],
  processing_time: ["mất bao lâu để {name}", "bao nhiêu ngày thì xong việc {name}"],
  address: ["nộp hồ sơ ở đâu để {name}", "phải đến đâu để {name}"],
  online: ["có làm online được không nếu muốn {name}", "nộp trực tuyến được không khi {name}"],
};
const HOW_FIRST = ["làm thế nào để {name}", "phải làm những gì để {name}", "hướng dẫn giúp em cách {name}"];

const CONTEXTS = [
  "Nhà em ở xa, đi lại khó.",
  "Em đi làm cả tuần, chỉ rảnh cuối tuần.",
  "Bố mẹ em lớn tuổi rồi nên em hỏi giúp.",
  "Chào cán bộ, em mới chuyển về đây được mấy tháng.",
  "Em chưa làm việc này bao giờ nên không rõ lắm.",
  "Tôi lớn tuổi, không rành điện thoại lắm.",
  "Năm ngoái em có hỏi một lần nhưng quên mất rồi.",
  "Chị ơi, em đang cần gấp.",
  "Nhà tôi làm nông, ít khi lên phường.",
  "Em đọc trên mạng mà không hiểu lắm.",
  "Công ty em bận nên em tranh thủ hỏi trước.",
];
const LEADS = ["Em muốn hỏi về {name}.", "Cho em hỏi {name} thì làm thế nào ạ?", "Em đang cần {name}.", "Tôi cần làm {name}."];
const SECOND_FIELD = ["Cho em hỏi luôn là {ask} ạ?", "Với lại {ask} ạ?", "À mà {ask} vậy?"];
const SECOND_PLAIN = ["Có cần đặt lịch hẹn trước không ạ?", "Em nhờ người nhà đi thay được không ạ?", "Thứ bảy có làm không ạ?"];

// ---------------------------------------------------------------------------
// Perturbations of text

/** Name (or question) without any diacritics, as typed on a keyboard without Vietnamese input. */
export function stripDiacritics(text: string): string {
  return fold(text);
}

const TONE_MARKS = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const QUALITY_MARKS = ["\u0302", "\u0306", "\u031b"];
/** Vowel-quality marks each base vowel can carry ("" = plain). */
const QUALITIES: Record<string, readonly string[]> = {
  a: ["", "\u0302", "\u0306"],
  e: ["", "\u0302"],
  o: ["", "\u0302", "\u031b"],
  u: ["", "\u031b"],
  i: [""],
  y: [""],
};

interface Letter {
  base: string;
  quality: string;
  tone: string;
}

function lettersOf(word: string): Letter[] {
  const out: Letter[] = [];
  for (const ch of word.normalize("NFC")) {
    const d = ch.normalize("NFD");
    const base = d[0];
    const marks = [...d.slice(1)];
    out.push({
      base,
      quality: marks.find((m) => QUALITY_MARKS.includes(m)) ?? "",
      tone: marks.find((m) => TONE_MARKS.includes(m)) ?? "",
    });
  }
  return out;
}

const isVowel = (l: Letter) => l.base.toLowerCase() in QUALITIES;
const render = (ls: Letter[]) => ls.map((l) => (l.base + l.quality + l.tone).normalize("NFC")).join("");

/** One syllable with an implausible tone (another tone, possibly on another vowel) and, half the time, a changed vowel mark. */
export function misaccentSyllable(word: string, rng: Rng): string {
  const letters = lettersOf(word);
  const vowels = letters.map((l, i) => (isVowel(l) ? i : -1)).filter((i) => i >= 0);
  if (!vowels.length) return word;
  const oldTone = letters.find((l) => l.tone)?.tone ?? "";
  const tone = pick(
    rng,
    TONE_MARKS.filter((t) => t !== oldTone),
  );
  for (const i of vowels) letters[i].tone = "";
  letters[pick(rng, vowels)].tone = tone;
  if (rng() < 0.5) {
    const changeable = vowels.filter((i) => QUALITIES[letters[i].base.toLowerCase()].length > 1);
    if (changeable.length) {
      const l = letters[pick(rng, changeable)];
      l.quality = pick(
        rng,
        QUALITIES[l.base.toLowerCase()].filter((q) => q !== l.quality),
      );
    }
  }
  return render(letters);
}

/** Share of syllables given wrong marks: "most syllables carry implausible marks". */
export const WRONG_DIACRITIC_SHARE = 0.75;

export function wrongDiacritics(text: string, rng: Rng): string {
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, word: m[0] }));
  const candidates = words.map((w, i) => (lettersOf(w.word).some(isVowel) ? i : -1)).filter((i) => i >= 0);
  const chosen = new Set(shuffle(candidates, rng).slice(0, Math.ceil(candidates.length * WRONG_DIACRITIC_SHARE)));
  return replaceWords(text, words, (w, i) => (chosen.has(i) ? misaccentSyllable(w, rng) : w));
}

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
/**
 * Keys touching a key on a QWERTY keyboard. Rows are staggered: the middle row sits half a key
 * right of the top one and the bottom row half a key right of the middle one, so a key at column
 * c touches columns c and c+1 of the row above and c-1 and c of the row below (g: t y f h v b).
 */
export function keyboardNeighbours(letter: string): string[] {
  const l = fold(letter);
  const row = KEYBOARD_ROWS.findIndex((r) => r.includes(l));
  if (row < 0) return [];
  const col = KEYBOARD_ROWS[row].indexOf(l);
  const around: [number, number][] = [
    [row, col - 1],
    [row, col + 1],
    [row - 1, col],
    [row - 1, col + 1],
    [row + 1, col - 1],
    [row + 1, col],
  ];
  return around.map(([r, c]) => KEYBOARD_ROWS[r]?.[c]).filter((k): k is string => k !== undefined);
}

export const TYPO_KINDS = ["deletion", "swap", "substitution", "keyboard"] as const;
export type TypoKind = (typeof TYPO_KINDS)[number];
const ALPHABET = "abcdeghiklmnopqrstuvxy";

/** One typo in a word; never returns the word unchanged. */
export function typo(word: string, kind: TypoKind, rng: Rng): string {
  const chars = [...word.normalize("NFC")];
  const at = Math.floor(rng() * chars.length);
  const cased = (c: string, like: string) => (like === like.toUpperCase() && like !== like.toLowerCase() ? c.toUpperCase() : c);
  switch (kind) {
    case "deletion":
      return chars.filter((_, i) => i !== at).join("");
    case "swap": {
      const pairs = chars.map((_, i) => i).filter((i) => i + 1 < chars.length && chars[i] !== chars[i + 1]);
      if (!pairs.length) return typo(word, "deletion", rng);
      const i = pick(rng, pairs);
      [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
      return chars.join("");
    }
    case "substitution": {
      const options = [...ALPHABET].filter((c) => c !== fold(chars[at]));
      chars[at] = cased(pick(rng, options), chars[at]);
      return chars.join("");
    }
    case "keyboard": {
      const options = keyboardNeighbours(chars[at]);
      if (!options.length) return typo(word, "substitution", rng);
      chars[at] = cased(pick(rng, options), chars[at]);
      return chars.join("");
    }
  }
}

/** Words of at least this many letters get one typo each. */
export const TYPO_MIN_LETTERS = 4;

export function typos(text: string, rng: Rng): string {
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, word: m[0] }));
  return replaceWords(text, words, (w) => ([...w].length >= TYPO_MIN_LETTERS ? typo(w, pick(rng, TYPO_KINDS), rng) : w));
}

/**
 * Abbreviations and teencode as citizens type them in chats (our own list, from general usage).
 * Longest phrases first; each occurrence takes one of the alternatives.
 */
export const TEENCODE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["chứng minh nhân dân", ["cmnd", "cmt"]],
  ["căn cước công dân", ["cccd"]],
  ["ủy ban nhân dân", ["ubnd"]],
  ["bảo hiểm xã hội", ["bhxh"]],
  ["bảo hiểm y tế", ["bhyt"]],
  ["quyền sử dụng đất", ["qsdđ", "qsd đất"]],
  ["giấy chứng nhận", ["gcn", "giấy cn"]],
  ["hộ kinh doanh", ["hkd"]],
  ["hợp tác xã", ["htx"]],
  ["doanh nghiệp", ["dn"]],
  ["như thế nào", ["ntn"]],
  ["nước ngoài", ["nc ngoài", "nuoc ngoai"]],
  ["bao nhiêu", ["bn", "bao nhiu", "bnhiu"]],
  ["đăng ký", ["dk", "đk", "dky", "đăng kí"]],
  ["khai sinh", ["ks"]],
  ["kết hôn", ["kh", "ket hon"]],
  ["hộ khẩu", ["hk"]],
  ["thủ tục", ["tt", "thu tuc"]],
  ["xác nhận", ["xn", "xac nhan"]],
  ["giải quyết", ["gq"]],
  ["hồ sơ", ["hs", "ho so"]],
  ["ở đâu", ["o dau", "ở đau"]],
  ["trực tuyến", ["onl", "truc tuyen"]],
  ["online", ["onl"]],
  ["giấy", ["giay", "gjấy"]],
  ["không", ["ko", "k", "hông", "kh"]],
  ["được", ["dc", "đc"]],
  ["người", ["ng", "ngừi"]],
  ["với", ["vs", "voi"]],
  ["gì", ["j", "gi", "zì"]],
  ["trước", ["trc"]],
  ["vợ", ["vk"]],
  ["chồng", ["ck"]],
  ["mình", ["mk", "mik"]],
  ["tiền", ["xiền", "tien"]],
  ["phí", ["fí", "phi"]],
  ["làm", ["lm"]],
  ["biết", ["bít", "bik"]],
  ["rồi", ["rùi", "r"]],
  ["vậy", ["v", "z"]],
  ["ạ", ["a", "ak"]],
];

const phraseRe = (phrase: string) => new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, "gu");
const TEENCODE_RES = TEENCODE.map(([phrase, alts]) => [phraseRe(phrase), alts] as const);

/** Share of the words no rule touched that lose their diacritics (chat typing mixes both). */
export const TEENCODE_FOLD_SHARE = 0.25;

export function teencode(text: string, rng: Rng): string {
  const lower = text.normalize("NFC").toLowerCase();
  // Mark replaced spans with U+E000..: rules never see another rule's output.
  const produced: string[] = [];
  let out = lower;
  for (const [re, alts] of TEENCODE_RES) {
    out = out.replace(re, () => {
      produced.push(pick(rng, alts));
      return String.fromCharCode(0xe000 + produced.length - 1);
    });
  }
  out = out.replace(/\p{L}+/gu, (w) => (rng() < TEENCODE_FOLD_SHARE ? fold(w) : w));
  out = out.replace(/[\ue000-\uf8ff]/gu, (c) => produced[c.charCodeAt(0) - 0xe000]);
  // Nothing to abbreviate and nothing folded: chat typing still drops the marks.
  return out === lower ? fold(lower) : out;
}

// ---------------------------------------------------------------------------

function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function replaceWords(text: string, words: { start: number; word: string }[], f: (word: string, i: number) => string): string {
  let out = "";
  let last = 0;
  words.forEach((w, i) => {
    out += text.slice(last, w.start) + f(w.word, i);
    last = w.start + w.word.length;
  });
  return out + text.slice(last);
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k]);

/** One question: the perturbation applied to the name, bare or with a field question. */
export function makeQuestion(name: string, perturbation: Perturbation, field: RobustField | null, rng: Rng): string {
  const n = embed(name);
  const ask = field ? pick(rng, FIELD_ASKS[field]) : "";
  const withField = field ? `${n} ${ask}` : name;
  switch (perturbation) {
    case "no_diacritics":
      return stripDiacritics(withField);
    case "wrong_diacritics":
      return wrongDiacritics(withField, rng);
    case "typos":
      return typos(withField, rng);
    case "teencode":
      return teencode(withField, rng);
    case "context": {
      const lead = fill(pick(rng, LEADS), { name: n });
      const second = field ? fill(pick(rng, SECOND_FIELD), { ask }) : pick(rng, SECOND_PLAIN);
      return `${pick(rng, CONTEXTS)} ${lead} ${second}`;
    }
    case "shuffled":
      return fill(pick(rng, field ? FIELD_FIRST[field] : HOW_FIRST), { name: n });
  }
}

export interface GenerateOptions {
  seed?: number;
  perturbations?: readonly Perturbation[];
}

/** Questions for every commune-level procedure of `catalog` (accept sets span the whole catalog). */
export function robustQuestions(catalog: readonly CatalogName[], options: GenerateOptions = {}): RobustQuestion[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const perturbations = options.perturbations ?? PERTURBATIONS;
  const accepts = acceptSets(catalog);
  const keys = new Map(catalog.map((p) => [p.code, nameKey(p.name)]));
  const out: RobustQuestion[] = [];
  for (const p of catalog) {
    if (!p.levels.includes("xa")) continue;
    const accept = accepts.get(p.code)!;
    const name = questionName(p.name, accept, keys);
    for (const perturbation of perturbations) {
      const fieldRng = rngFor(seed, p.code, perturbation, "which-field");
      const field = pick(fieldRng, ROBUST_FIELDS);
      for (const variant of ["plain", "field"] as const) {
        const rng = rngFor(seed, p.code, perturbation, variant);
        const f = variant === "field" ? field : null;
        out.push({
          id: `${p.code}:${perturbation}:${variant}`,
          code: p.code,
          perturbation,
          variant,
          q: makeQuestion(name, perturbation, f, rng),
          accept,
          fields: f ? [f] : [],
          name,
        });
      }
    }
  }
  return out;
}
