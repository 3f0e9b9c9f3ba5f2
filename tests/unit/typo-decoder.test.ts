// The typo decoder on a small made-up catalog (pure), then on the shipped catalog.
import { describe, expect, it } from "vitest";
import { decodeTypos } from "../../worker/src/text/typo-decoder";
import { normalizeQuery, type QueryToken, type Vocabulary } from "../../worker/src/text/query";
import { catalogIndex } from "./catalog-index";

const NAMES = [
  "dang ky khai sinh",
  "dang ky lai khai sinh",
  "dang ky khai tu",
  "cap giay chung nhan",
  "cap giay phep xay dung",
  "cap giay phep kinh doanh",
  "thong bao luu tru",
  "gia cong hang hoa",
  "nam sinh hoc",
];
/** Names the common words are not in: "kha" is a rare word (one name). */
const RARE = ["kha nang"];

function fakeVocabulary(names: string[], dictionary: string[] = []): Vocabulary {
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const name of names) {
    const ws = name.split(" ");
    for (const w of new Set(ws)) words.set(w, (words.get(w) ?? 0) + 1);
    ws.slice(1).forEach((w, i) => pairs.set(`${ws[i]} ${w}`, (pairs.get(`${ws[i]} ${w}`) ?? 0) + 1));
  }
  const known = new Set([...words.keys(), ...dictionary]);
  const oneEdit = (a: string, b: string) => {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    let i = 0;
    while (a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  };
  return {
    has: (w) => known.has(w),
    frequency: (w) => words.get(w) ?? 0,
    hasPair: (a, b) => pairs.has(`${a} ${b}`),
    pairFrequency: (a, b) => pairs.get(`${a} ${b}`) ?? 0,
    near: (w) => [...known].filter((k) => oneEdit(w, k)),
  };
}

const tokens = (text: string, clauses?: number[]): QueryToken[] =>
  text.split(" ").map((folded, i) => ({ folded, accented: null, clause: clauses?.[i] ?? 0 }));
const decode = (text: string, vocab: Vocabulary, opts: { clauses?: number[]; keep?: string[] } = {}) =>
  decodeTypos(tokens(text, opts.clauses), vocab, new Set(opts.keep))
    .map((t) => t.folded)
    .join(" ");

describe("typo decoder", () => {
  // Each name once more, so the common words count as common (more than two names).
  const vocab = fakeVocabulary([...NAMES, ...NAMES, ...NAMES, ...RARE], ["muon", "hien"]);

  it("reads a message with a typo in every word as a whole", () => {
    // "kha" (a real word) and "xinh" are each typos whose neighbour is a typo too.
    expect(decode("dang ky lai kha xinh", vocab)).toBe("dang ky lai khai sinh");
    expect(decode("dnag ky khai snih", vocab)).toBe("dang ky khai sinh");
  });

  it("keeps a common word that stands beside its neighbour", () => {
    expect(decode("sua nam sinh hoc", vocab)).toBe("sua nam sinh hoc");
    expect(decode("gia cong hang hoa", vocab)).toBe("gia cong hang hoa");
  });

  it("never changes a particle, however strong the pair it would make", () => {
    // "cấp giấy" is a pair in many names; "cần giấy tờ" is still "cần".
    expect(decode("toi can giay to gi", vocab)).toBe("toi can giay to gi");
  });

  it("does not turn an unknown word into a particle for want of a better reading", () => {
    // "hiện" is a particle one edit from "tiền", which this catalog never writes.
    expect(decode("bao nhieu tien", vocab)).toBe("bao nhieu tien");
  });

  it("keeps words it is told to keep (abbreviations typed in capitals)", () => {
    expect(decode("cap giay phep adn", vocab, { keep: ["adn"] })).toBe("cap giay phep adn");
  });

  it("does not let neighbours across a full stop vouch for a change", () => {
    // "khai" would pair with "sinh", but the two stand in different sentences.
    expect(decode("muon kha sinh", vocab, { clauses: [0, 0, 1] })).toBe("muon kha sinh");
    expect(decode("muon kha sinh", vocab)).toBe("muon khai sinh");
  });

  it("leaves a message without a possible change alone", () => {
    expect(decode("dang ky khai sinh", vocab)).toBe("dang ky khai sinh");
    expect(decodeTypos([], vocab)).toEqual([]);
  });
});

describe("typo decoding on the shipped catalog", () => {
  const index = catalogIndex();
  const norm = (q: string) => normalizeQuery(q, index.vocab).text;

  it("fixes real words typed for others when the whole message agrees", () => {
    expect(norm("đăgn ký lại kha xinh làm ở đâu")).toBe("dang ky lai khai sinh lam o dau");
    expect(norm("đănt ký lại hai sih")).toBe("dang ky lai khai sinh");
  });

  it("keeps everyday words and particles as typed", () => {
    expect(norm("toi can giay to gi de dang ky tam tru")).toContain("toi can giay to gi");
    expect(norm("cach nau pho bo ngon nhu ngoai hang")).toBe("cach nau pho bo ngon nhu ngoai hang");
  });

  it("reads mistyped abbreviations the catalog spells out", () => {
    expect(norm("cấp sổ BHXI, thẻ HBYT")).toBe("cap so bao hiem xa hoi the bao hiem y te");
    expect(norm("thanh toán chi phí BYT")).toBe("thanh toan chi phi bao hiem y te");
    // Ambiguous (BHYT or BHTN): left alone rather than guessed.
    expect(norm("thẻ BHYN")).toBe("the bhyn");
  });
});
