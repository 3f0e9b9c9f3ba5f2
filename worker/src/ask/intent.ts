/**
 * What the question asks about (documents, fees, time, …), several at once. Pure.
 * Phrases are folded; the words they cover are removed from the topic so that "giấy tờ"
 * in "cần giấy tờ gì" does not pull procedures whose names contain "giấy tờ".
 */
import type { QueryToken } from "../text/query";
import { STOPWORDS } from "../text/dictionary";

export type IntentField =
  | "components"
  | "fees"
  | "processing_time"
  | "address"
  | "online"
  | "steps"
  | "conditions"
  | "result"
  | "meta"
  | "agency"
  | "files"
  | "methods";

const PATTERNS: Record<IntentField, string[]> = {
  components: [
    "can giay to gi", "giay to gi", "giay to can", "can nhung giay to", "nhung giay to", "can nhung gi", "can gi",
    "ho so gom", "ho so can", "ho so gi", "ho so nhu the nao", "thanh phan ho so", "can chuan bi", "chuan bi gi", "chuan bi nhung gi",
    "mang theo", "mang gi", "can mang", "gom nhung gi", "gom gi", "gom nhung", "giay to", "ho so", "can them", "them giay to",
    "can nhung", "nhung gi",
    // "… thì có khác không?": whether a case needs other papers.
    "co khac khong", "co khac gi khong", "khac gi khong",
  ],
  fees: [
    "le phi", "phi", "bao nhieu tien", "ton tien", "mat tien", "het bao nhieu", "ton bao nhieu", "mat bao nhieu", "mien phi",
    "het tien", "dong tien", "nop tien", "chi phi", "gia bao nhieu", "co mat tien", "mat bao nhieu tien", "ton bao nhieu tien",
    "het bao nhieu tien", "mat phi", "co mat phi", "dong phi", "dong tien", "phai dong tien", "ton phi",
  ],
  processing_time: [
    "bao lau", "may ngay", "thoi gian giai quyet", "thoi han giai quyet", "thoi han", "thoi gian", "bao gio", "khi nao co",
    "khi nao xong", "khi nao nhan", "lau khong", "trong bao lau", "mat bao lau", "may hom", "giai quyet xong", "mat may ngay",
    "het bao lau", "bao lau thi xong", "bao lau xong", "bao nhieu ngay", "may ngay thi", "ton bao nhieu ngay", "mat bao nhieu ngay", "het bao nhieu ngay",
    // Same-day results: "lấy ngay", "trong ngày", "lấy liền".
    "lay ngay", "nhan ngay", "trong ngay", "lay lien", "co ngay", "co lien",
  ],
  address: ["o dau", "noi nao", "cho nao", "nop o", "dia chi", "noi nop", "den dau", "nop tai", "lam o", "di dau", "co quan nao tiep nhan"],
  online: ["online", "truc tuyen", "qua mang", "dich vu cong", "dinh danh dien tu", "tren mang", "qua app", "qua dien thoai", "tu nha"],
  steps: [
    "cac buoc", "trinh tu", "quy trinh", "lam the nao", "lam sao", "nhu the nao", "ra sao", "the nao", "thu tuc the nao",
    "can lam gi", "phai lam gi", "lam gi", "huong dan", "cach lam", "thuc hien nhu the nao", "gom nhung buoc", "buoc",
  ],
  conditions: ["dieu kien", "duoc khong", "co duoc", "co phai", "ai duoc"],
  // What one receives, and how long it stays valid ("có giá trị bao lâu").
  result: ["ket qua", "nhan duoc gi", "duoc cap gi", "gia tri bao lau", "co gia tri", "hieu luc", "thoi han su dung", "het han chua"],
  meta: [
    "can cu phap ly", "can cu", "van ban nao", "quy dinh nao", "theo quy dinh", "nguon", "duong dan", "luat nao", "link", "trich dan",
    "dan chung", "dan can cu", "nghi dinh", "thong tu nao", "theo thong tu", "thong tu so", "quyet dinh cong bo", "so hieu", "quy dinh o",
    "dang tin", "lay thong tin",
  ],
  agency: ["co quan nao", "ai giai quyet", "ai cap", "don vi nao", "cap nao giai quyet", "ai lam", "ai ky", "tham quyen", "co quan thuc hien", "co quan giai quyet"],
  files: ["bieu mau", "mau don", "to khai", "mau to khai", "tai mau", "tai o dau", "file mau"],
  // How to file: in person, online or by post ("nộp bằng hình thức nào", "gửi qua bưu điện được không").
  methods: ["hinh thuc nao", "hinh thuc nop", "nhung hinh thuc", "nop bang", "buu dien", "buu chinh", "cach nop", "gui qua", "cach thuc nop", "cach thuc thuc hien"],
};

/**
 * Question words that ask nothing specific: removed from the topic, no field. Bare "giải
 * quyết" is not one: "giải quyết tranh chấp" names a procedure ("ai giải quyết" is agency).
 */
const QUESTION_WORDS = [
  "bao nhieu", "nhu the nao", "the nao", "ra sao", "co khong", "khong a", "duoc khong", "gom", "nao", "thuc hien", "duoc giai quyet",
  "lam thu tuc", "thu tuc gi", "can lam", "phai lam",
  // Filing is the act, not a question about the papers ("nộp hồ sơ qua bưu điện được không").
  "nop ho so",
];

/**
 * "Cần làm gì" asks what to do and what to bring: answer with both the steps and the
 * documents.
 */
const ALSO: Record<string, IntentField[]> = {
  "can lam gi": ["components"],
  "phai lam gi": ["components"],
  "lam gi": ["components"],
  "lam the nao": ["components"],
  "lam sao": ["components"],
};

/** Changes whenever the phrases do (stored analyses are redone then). */
export const INTENT_SIGNATURE = JSON.stringify([PATTERNS, QUESTION_WORDS, ALSO]);

const MONEY_UNITS = new Set(["dong", "vnd", "nghin", "ngan", "trieu", "k"]);

const ORDERED = (Object.entries(PATTERNS) as [IntentField, string[]][])
  .flatMap(([field, phrases]) => phrases.map((p) => ({ field: field as IntentField | null, words: p.split(" ") })))
  .concat(QUESTION_WORDS.map((p) => ({ field: null, words: p.split(" ") })))
  .sort((a, b) => b.words.length - a.words.length);

export interface IntentResult {
  fields: IntentField[];
  /** The tokens left once intent phrases are removed: the topic of the question. */
  topic: QueryToken[];
}

export function detectIntent(tokens: QueryToken[], namePair?: (a: string, b: string) => boolean): IntentResult {
  const consumed = new Array(tokens.length).fill(false);
  const fields = new Set<IntentField>();
  // A phrase joined to content words on both sides by pairs some procedure name has is part of
  // that name ("hủy [tờ khai] hải quan", "đăng ký [dịch vụ công] …"), not a question about it.
  const inName = (i: number, n: number) => {
    const left = tokens[i - 1];
    const right = tokens[i + n];
    return (
      !!namePair && !!left && !!right && !consumed[i - 1] && !STOPWORDS.has(left.folded) && !STOPWORDS.has(right.folded) &&
      left.clause === tokens[i].clause && right.clause === tokens[i].clause &&
      namePair(left.folded, tokens[i].folded) && namePair(tokens[i + n - 1].folded, right.folded)
    );
  };
  for (const { field, words } of ORDERED) {
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (consumed[i]) continue;
      // Never across the seam of words a phrase rule added ("tách hộ" + "sổ" is not "hồ sơ").
      if (words.every((w, k) => tokens[i + k].folded === w && !consumed[i + k] && !tokens[i + k].generated === !tokens[i].generated) && !inName(i, words.length)) {
        // "online" also names a channel in "nộp hồ sơ online": both fields are asked.
        if (field) fields.add(field);
        for (const extra of ALSO[words.join(" ")] ?? []) fields.add(extra);
        for (let k = 0; k < words.length; k++) consumed[i + k] = true;
      }
    }
  }
  // An amount of money in the question ("mất đúng 100.000 đồng à?") asks about the fee.
  if (tokens.some((t, i) => /^\d+$/.test(t.folded) && MONEY_UNITS.has(tokens[i + 1]?.folded ?? ""))) fields.add("fees");
  const topic: QueryToken[] = [];
  tokens.forEach((t, i) => {
    if (!consumed[i]) topic.push(i > 0 && consumed[i - 1] ? { ...t, afterGap: true } : t);
  });
  return { fields: [...fields], topic };
}
