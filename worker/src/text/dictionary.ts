/**
 * Domain dictionary for how citizens type about procedures: abbreviations, teencode and
 * everyday situations, written as data. Keys and values are folded (no diacritics, lower
 * case); the query normalizer applies them to folded tokens. Rules with context live beside
 * the entries that need them.
 */

/** Single-token abbreviations and teencode that always mean the same thing here. */
export const TOKEN_EXPANSIONS: Record<string, string> = {
  dk: "dang ky",
  dky: "dang ky",
  dki: "dang ky",
  dangky: "dang ky",
  ks: "khai sinh",
  hso: "ho so",
  tg: "thoi gian",
  gks: "giay khai sinh",
  kt: "khai tu",
  cccd: "can cuoc",
  cmnd: "can cuoc",
  cmt: "can cuoc",
  cc: "can cuoc",
  gcn: "giay chung nhan",
  qsdd: "quyen su dung dat",
  gcnqsdd: "giay chung nhan quyen su dung dat",
  hkd: "ho kinh doanh",
  cty: "cong ty",
  mst: "ma so thue",
  dkkd: "dang ky kinh doanh",
  ct07: "xac nhan thong tin cu tru",
  ct01: "thay doi thong tin cu tru",
  vneid: "dinh danh dien tu",
  bhxh: "bao hiem xa hoi",
  bhyt: "bao hiem y te",
  gpxd: "giay phep xay dung",
  ubnd: "uy ban nhan dan",
  ko: "khong",
  k: "khong",
  hok: "khong",
  khum: "khong",
  kg: "khong",
  kh0ng: "khong",
  dc: "duoc",
  j: "gi",
  z: "vay",
  zay: "vay",
  dzay: "vay",
  v: "vay",
  ntn: "nhu the nao",
  bh: "bao gio",
  ng: "nguoi",
  vs: "voi",
  nc: "nuoc",
  nn: "nuoc ngoai",
  tp: "thanh pho",
  onl: "online",
  ol: "online",
  kethon: "ket hon",
  khaisinh: "khai sinh",
  khaitu: "khai tu",
  tamtru: "tam tru",
  thuongtru: "thuong tru",
  tamvang: "tam vang",
  chungthuc: "chung thuc",
  cancuoc: "can cuoc",
  hochieu: "ho chieu",
};

/**
 * Abbreviations the catalog itself uses in procedure names; the index spells them out so
 * "bảo hiểm xã hội" finds "sổ BHXH" and "tai nạn lao động" finds "TNLĐ".
 */
export const NAME_ABBREVIATIONS: Record<string, string> = {
  bhxh: "bao hiem xa hoi",
  bhyt: "bao hiem y te",
  bhtn: "bao hiem that nghiep",
  bhtnld: "bao hiem tai nan lao dong",
  tnld: "tai nan lao dong",
  bnn: "benh nghe nghiep",
  ubnd: "uy ban nhan dan",
  hdnd: "hoi dong nhan dan",
  htx: "hop tac xa",
  gcn: "giay chung nhan",
  qsdd: "quyen su dung dat",
  dsphsk: "duong suc phuc hoi suc khoe",
};

/** What a typed token expands to: the catalog's own abbreviations are typed too ("chế độ TNLĐ"). */
export const QUERY_EXPANSIONS: Record<string, string> = { ...NAME_ABBREVIATIONS, ...TOKEN_EXPANSIONS };

/**
 * Context rules: a token means one thing next to certain words and another elsewhere.
 * `before`/`after` list folded tokens that must appear immediately before / after.
 */
export interface ContextRule {
  token: string;
  to: string;
  before?: string[];
  after?: string[];
  /** Any of these within 3 tokens either side. */
  near?: string[];
  otherwise?: string;
}

export const CONTEXT_RULES: ContextRule[] = [
  // "bn" is "bao nhiêu" next to money words; otherwise usually "bạn".
  { token: "bn", to: "bao nhieu", near: ["phi", "tien", "le", "ton", "het", "mat", "ngay", "lau"], otherwise: "ban" },
  // "kh" is "kết hôn" after đăng ký; in teencode it is "không".
  { token: "kh", to: "ket hon", before: ["ky", "dk"], otherwise: "khong" },
  { token: "hn", to: "hon nhan", before: ["trang", "tinh"], otherwise: "ha noi" },
];

/**
 * Everyday phrases → the catalog's words. Matched on folded text at word boundaries, longest
 * first. A phrase keeps its own words too unless `replace` is set.
 */
export interface PhraseRule {
  phrase: string;
  add: string;
  replace?: boolean;
  /** When the rest of the question says one of these, `add` gives way to `unlessWith.add` (may be empty). */
  unlessWith?: { words: string[]; add: string };
  /** Fires only when the rest of the question says one of these. */
  onlyWith?: string[];
}

// Another act on a household business ("thay đổi đăng ký hộ kinh doanh") is not founding one.
const BUSINESS_ACTS = ["thay doi", "cham dut", "tam ngung", "tiep tuc", "cap lai", "cap doi", "bo sung", "cap nhat", "hieu dinh"];
// A newborn's residence, insurance or card is that procedure; the birth is the circumstance.
const NEWBORN_OTHER = { words: ["thuong tru", "tam tru", "bao hiem", "bhyt", "can cuoc", "thai san"], add: "" };
// A wedding said next to another procedure ("con trai lấy vợ muốn tách hộ") is its circumstance.
const MARRIAGE_OTHER = { words: ["tach ho", "thuong tru", "tam tru", "tam vang", "can cuoc", "khai sinh", "bao hiem"], add: "" };
/** Nationalities citizens name when marrying a foreigner ("lấy chồng Hàn Quốc"). */
const NATIONALITIES = [
  "trung quoc", "han quoc", "nhat", "nhat ban", "dai loan", "my", "phap", "uc", "duc", "canada", "campuchia", "thai lan",
  "singapore", "malaysia", "nga", "an do", "philippines", "indonesia", "hong kong", "viet kieu",
];

export const PHRASES: PhraseRule[] = [
  // Land certificates.
  { phrase: "so do", add: "giay chung nhan quyen su dung dat", replace: true },
  { phrase: "so hong", add: "giay chung nhan quyen su dung dat quyen so huu nha o", replace: true },
  { phrase: "bia do", add: "giay chung nhan quyen su dung dat", replace: true },
  { phrase: "giay to nha dat", add: "giay chung nhan quyen su dung dat" },
  // Identity cards.
  { phrase: "can cuoc cong dan", add: "can cuoc", replace: true },
  { phrase: "chung minh nhan dan", add: "can cuoc", replace: true },
  { phrase: "chung minh thu", add: "can cuoc", replace: true },
  { phrase: "the chip", add: "the can cuoc", replace: true },
  // Residence.
  { phrase: "nhap ho khau", add: "dang ky thuong tru", replace: true },
  { phrase: "nhap khau cho", add: "dang ky thuong tru cho", replace: true },
  { phrase: "nhap khau vao", add: "dang ky thuong tru vao", replace: true },
  { phrase: "cat khau", add: "xoa dang ky thuong tru", replace: true },
  { phrase: "cat ho khau", add: "xoa dang ky thuong tru", replace: true },
  { phrase: "xoa ho khau", add: "xoa dang ky thuong tru", replace: true },
  { phrase: "xoa khau", add: "xoa dang ky thuong tru", replace: true },
  { phrase: "chuyen khau", add: "dang ky thuong tru", replace: true },
  { phrase: "chuyen ho khau", add: "dang ky thuong tru", replace: true },
  { phrase: "thue tro", add: "tam tru" },
  { phrase: "o tro", add: "tam tru" },
  { phrase: "nha tro", add: "tam tru" },
  { phrase: "phong tro", add: "tam tru" },
  { phrase: "di vang", add: "tam vang" },
  { phrase: "di lam xa", add: "tam vang" },
  { phrase: "lam an xa", add: "tam vang" },
  { phrase: "di lam an", add: "tam vang" },
  // "Nhập khẩu" is also importing goods: residence only when nothing says trade.
  {
    phrase: "nhap khau",
    add: "dang ky thuong tru",
    replace: true,
    unlessWith: {
      words: ["hang", "hang hoa", "xuat", "hai quan", "thue", "giay phep", "doanh nghiep", "cong ty", "thuc pham", "thuoc", "xe", "may", "kinh doanh"],
      add: "nhap khau",
    },
  },
  // A temporary residence or a building permit running out is extended.
  { phrase: "het han", add: "gia han", onlyWith: ["tam tru", "giay phep xay dung"] },
  // A guest staying the night, when the citizen asks about reporting it, is a stay notice.
  { phrase: "qua dem", add: "thong bao luu tru", onlyWith: ["bao", "khai bao", "thong bao", "cong an", "dang ky"] },
  { phrase: "ngu lai", add: "thong bao luu tru", onlyWith: ["bao", "khai bao", "thong bao", "cong an", "dang ky"] },
  { phrase: "bao tam vang", add: "khai bao tam vang", replace: true },
  { phrase: "tach khau", add: "tach ho", replace: true },
  // Moving out into one's own household, said about the household book.
  { phrase: "ra rieng", add: "tach ho", onlyWith: ["ho khau", "khau", "so ho"] },
  { phrase: "o rieng", add: "tach ho", onlyWith: ["ho khau", "khau", "so ho"] },
  { phrase: "tach so ho khau", add: "tach ho", replace: true },
  { phrase: "khai bao luu tru", add: "thong bao luu tru", replace: true },
  // Changing the household head is a change of residence data.
  { phrase: "thay doi chu ho", add: "dieu chinh thong tin ve cu tru", replace: true },
  { phrase: "doi chu ho", add: "dieu chinh thong tin ve cu tru", replace: true },
  // VNeID levels: "mức 2" is the catalog's "mức độ 02".
  { phrase: "muc 2", add: "muc do 02", replace: true },
  { phrase: "muc do 2", add: "muc do 02", replace: true },
  { phrase: "bao luu tru", add: "thong bao luu tru", replace: true },
  // Civil status: births.
  { phrase: "sinh em be", add: "dang ky khai sinh", unlessWith: NEWBORN_OTHER },
  { phrase: "sinh con", add: "dang ky khai sinh", unlessWith: NEWBORN_OTHER },
  { phrase: "sinh ra", add: "dang ky khai sinh" },
  { phrase: "moi sinh", add: "dang ky khai sinh", unlessWith: NEWBORN_OTHER },
  { phrase: "moi de", add: "dang ky khai sinh", unlessWith: NEWBORN_OTHER },
  { phrase: "vua de", add: "dang ky khai sinh", unlessWith: NEWBORN_OTHER },
  { phrase: "lam giay khai sinh", add: "dang ky khai sinh", replace: true },
  { phrase: "giay khai sinh", add: "khai sinh", replace: true },
  // A copy of a birth certificate is issued from the register, unless a photocopy is certified.
  {
    phrase: "ban sao giay khai sinh",
    add: "cap ban sao trich luc ho tich",
    unlessWith: { words: ["chung thuc", "cong chung", "photo"], add: "" },
  },
  { phrase: "lam khai sinh", add: "dang ky khai sinh", replace: true },
  // Deaths: "mất" only means death next to a person; "mất bao lâu/bao nhiêu" is about cost.
  { phrase: "bao tu", add: "khai tu", replace: true },
  { phrase: "giay bao tu", add: "giay bao tu" },
  { phrase: "qua doi", add: "khai tu" },
  { phrase: "tu tran", add: "khai tu" },
  { phrase: "lam giay chung tu", add: "khai tu", replace: true },
  { phrase: "lam giay khai tu", add: "dang ky khai tu", replace: true },
  { phrase: "giay khai tu", add: "khai tu", replace: true },
  { phrase: "lam khai tu", add: "dang ky khai tu", replace: true },
  // Marriage.
  { phrase: "cuoi vo", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "cuoi chong", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "lay vo", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "lay chong", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "dam cuoi", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "cuoi nhau", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "lay nhau", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "cuoi hoi", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "muon cuoi", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  { phrase: "sap cuoi", add: "dang ky ket hon", unlessWith: MARRIAGE_OTHER },
  // Marrying a foreigner is the foreign-element variant, whether or not the citizen says "yếu tố".
  { phrase: "voi nguoi nuoc ngoai", add: "co yeu to nuoc ngoai" },
  { phrase: "chong nguoi nuoc ngoai", add: "co yeu to nuoc ngoai" },
  { phrase: "vo nguoi nuoc ngoai", add: "co yeu to nuoc ngoai" },
  ...NATIONALITIES.flatMap((n) =>
    // "bố là người Hàn Quốc", "quốc tịch Nhật": anyone of another nationality.
    [`voi nguoi ${n}`, `chong ${n}`, `vo ${n}`, `chong nguoi ${n}`, `vo nguoi ${n}`, `voi ${n}`, `nguoi ${n}`, `quoc tich ${n}`].map((phrase) => ({ phrase, add: "co yeu to nuoc ngoai" })),
  ),
  // "Độc thân" is the marital-status certificate's everyday name.
  { phrase: "chung nhan doc than", add: "xac nhan tinh trang hon nhan", replace: true },
  { phrase: "doc than", add: "xac nhan tinh trang hon nhan", onlyWith: ["giay", "xac nhan", "chung nhan", "xin", "cap", "lam"] },
  { phrase: "giay doc than", add: "xac nhan tinh trang hon nhan", replace: true },
  { phrase: "xac nhan doc than", add: "xac nhan tinh trang hon nhan", replace: true },
  // A paper saying one is unmarried (not "cha mẹ chưa đăng ký kết hôn" in a birth question).
  { phrase: "giay chung nhan chua dang ky ket hon", add: "xac nhan tinh trang hon nhan", replace: true },
  { phrase: "giay xac nhan chua ket hon", add: "xac nhan tinh trang hon nhan", replace: true },
  { phrase: "xac nhan chua ket hon", add: "xac nhan tinh trang hon nhan", replace: true },
  // Parents not married, said about a birth or a paternity: a circumstance, not a marriage.
  {
    phrase: "chua dang ky ket hon",
    add: "chua dang ky ket hon",
    replace: true,
    unlessWith: { words: ["khai sinh", "nhan cha me con"], add: "" },
  },
  { phrase: "chua ket hon", add: "chua ket hon", replace: true, unlessWith: { words: ["khai sinh", "nhan cha me con"], add: "" } },
  // Extracts of any civil-status event are "trích lục hộ tịch".
  { phrase: "trich luc khai tu", add: "trich luc ho tich" },
  { phrase: "trich luc ket hon", add: "trich luc ho tich" },
  { phrase: "trich luc giam ho", add: "trich luc ho tich" },
  { phrase: "trich luc nhan cha", add: "trich luc ho tich" },
  // Correcting a civil-status record: "sửa tên", "ghi sai ngày sinh" → cải chính.
  { phrase: "sua ten", add: "cai chinh thong tin ho tich" },
  { phrase: "sua sai", add: "cai chinh thong tin ho tich" },
  { phrase: "ghi sai", add: "cai chinh thong tin ho tich" },
  { phrase: "viet sai", add: "cai chinh thong tin ho tich" },
  { phrase: "sai ten", add: "cai chinh thong tin ho tich" },
  // Changing a child's or one's own name or surname is "thay đổi thông tin hộ tịch".
  { phrase: "doi ten cho", add: "thay doi cai chinh thong tin ho tich" },
  { phrase: "doi ho cho", add: "thay doi cai chinh thong tin ho tich" },
  { phrase: "doi ten con", add: "thay doi cai chinh thong tin ho tich" },
  { phrase: "doi ho con", add: "thay doi cai chinh thong tin ho tich" },
  { phrase: "doi ho ten", add: "thay doi cai chinh thong tin ho tich" },
  { phrase: "doi ten dem", add: "thay doi cai chinh thong tin ho tich" },
  // "làm" a document is having it issued.
  { phrase: "lam ho chieu", add: "cap ho chieu", replace: true },
  { phrase: "lam can cuoc", add: "cap the can cuoc", replace: true },
  { phrase: "doi can cuoc", add: "cap doi the can cuoc", replace: true },
  { phrase: "doi the can cuoc", add: "cap doi the can cuoc", replace: true },
  // Repairing a house needs the repair/renovation building permit.
  { phrase: "sua nha", add: "giay phep xay dung sua chua cai tao" },
  { phrase: "sua chua nha", add: "giay phep xay dung sua chua cai tao" },
  { phrase: "cai tao nha", add: "giay phep xay dung sua chua cai tao" },
  { phrase: "lam the can cuoc", add: "cap the can cuoc", replace: true },
  { phrase: "lam giay phep", add: "cap giay phep", replace: true },
  { phrase: "lam giay chung nhan", add: "cap giay chung nhan", replace: true },
  // Lost or damaged papers → re-issue.
  { phrase: "lam lai", add: "cap lai" },
  { phrase: "xin lai", add: "cap lai" },
  { phrase: "bi mat", add: "cap lai" },
  { phrase: "that lac", add: "cap lai" },
  { phrase: "mat vi", add: "cap lai" },
  { phrase: "mat giay", add: "cap lai" },
  { phrase: "mat the", add: "cap lai the" },
  { phrase: "mat so", add: "cap lai so" },
  { phrase: "bi hong", add: "cap lai" },
  // Certification. A contract of sale, gift or mortgage is a "giao dịch".
  { phrase: "chung thuc hop dong", add: "chung thuc giao dich", replace: true },
  { phrase: "hop dong mua ban", add: "giao dich" },
  { phrase: "hop dong tang cho", add: "giao dich" },
  { phrase: "mua ban xe", add: "giao dich dong san" },
  { phrase: "cong chung", add: "chung thuc" },
  { phrase: "sao y", add: "chung thuc ban sao", replace: true },
  { phrase: "photo cong chung", add: "chung thuc ban sao", replace: true },
  { phrase: "chung thuc giay to", add: "chung thuc ban sao" },
  // A photocopy to certify is a copy ("bản photo", "photo bằng").
  { phrase: "ban photo", add: "ban sao", replace: true },
  { phrase: "photo", add: "ban sao" },
  // Household business.
  { phrase: "mo ho kinh doanh", add: "dang ky thanh lap ho kinh doanh" },
  {
    phrase: "dang ky ho kinh doanh",
    add: "dang ky thanh lap ho kinh doanh",
    replace: true,
    unlessWith: { words: BUSINESS_ACTS, add: "dang ky ho kinh doanh" },
  },
  // "Giấy đăng ký …" is the certificate, not the act of registering.
  { phrase: "giay dang ky ho kinh doanh", add: "giay chung nhan dang ky ho kinh doanh", replace: true },
  { phrase: "giay dang ky kinh doanh", add: "giay chung nhan dang ky ho kinh doanh", replace: true },
  { phrase: "lap ho kinh doanh", add: "dang ky thanh lap ho kinh doanh" },
  // At a ward centre, "đăng ký kinh doanh" is a household business. Opening a shop is not
  // mapped: a karaoke bar or a pharmacy needs a licence the ward does not issue.
  {
    phrase: "dang ky kinh doanh",
    add: "dang ky thanh lap ho kinh doanh",
    replace: true,
    unlessWith: { words: BUSINESS_ACTS, add: "dang ky ho kinh doanh" },
  },
  { phrase: "giay phep kinh doanh ho", add: "ho kinh doanh" },
  { phrase: "dong cua ho kinh doanh", add: "cham dut hoat dong ho kinh doanh" },
  { phrase: "dong cua luon ho kinh doanh", add: "cham dut hoat dong ho kinh doanh" },
  { phrase: "nghi kinh doanh han", add: "cham dut hoat dong ho kinh doanh" },
  { phrase: "tam nghi kinh doanh", add: "tam ngung kinh doanh" },
  // Guardianship, adoption, paternity.
  { phrase: "nhan con nuoi", add: "nuoi con nuoi" },
  { phrase: "nhan nuoi", add: "nuoi con nuoi", replace: true },
  { phrase: "bi bo roi", add: "nuoi con nuoi" },
  { phrase: "xin con nuoi", add: "nuoi con nuoi" },
  { phrase: "nhan cha", add: "nhan cha me con" },
  // An officer coming to the house is the mobile ("lưu động") variant.
  { phrase: "den tan nha", add: "luu dong" },
  { phrase: "xuong tan nha", add: "luu dong" },
  { phrase: "can bo den nha", add: "luu dong" },
  // Social insurance benefits in everyday words.
  { phrase: "nghi om", add: "huong che do om dau" },
  { phrase: "thai san", add: "huong che do thai san" },
  // Certifying a signature, however it is said.
  { phrase: "xac nhan chu ky", add: "chung thuc chu ky", replace: true },
  { phrase: "ky xac nhan", add: "chung thuc chu ky" },
  { phrase: "giay uy quyen", add: "chung thuc chu ky" },
  { phrase: "nhan con", add: "nhan cha me con" },
];

/**
 * Variant markers: words in procedure names that mark a special variant. A name's variant
 * words count for a question only when the question says them (as a phrase), so "sinh ở
 * nước ngoài" does not pull the "có yếu tố nước ngoài" variant of khai sinh.
 */
export const VARIANT_MARKERS: string[] = [
  "yeu to nuoc ngoai",
  "luu dong",
  "lien thong",
  "bien gioi",
  "ket hop",
  "dang ky lai",
  "da co ho so giay to ca nhan",
  "cap tinh",
  "cap huyen",
  "trung uong",
];

/** Words that carry no topic: pronouns, particles, politeness, question words. */
export const STOPWORDS = new Set(
  (
    "a ad ah ak anh ba ban bac ben cac cai can chau chi chiu cho chu co cua cu da day de di do duoc e em " +
    "gi giup giu gium dum ha hay hien hoi hom khi khong la lai lam len ma mik minh mk mn moi mot muon na nao ne neu nha nhe " +
    "nhu nhung o oi ok oke ong phai qua ra roi sao se t ta tai thay thi thoi thu toi tu tuc uh va vay ve vi voi vua xin xong tui " +
    "nay kia ay xem biet bay gio truong hop alo"
  )
    .split(/\s+/)
    .filter(Boolean),
);

/** Function words names use all the time ("đối với", "hoặc"): not evidence of a procedure. */
export const NAME_PARTICLES = ["trong", "doi", "voi", "cac", "theo", "hoac", "tai", "viec", "nhung", "duoc", "khi"];

/** Phrases that say a question is not about a procedure at all (greeting, chit-chat, attacks). */
export const NON_PROCEDURE_PATTERNS: RegExp[] = [
  /\b(bo qua|quen|phot lo) (moi|tat ca|cac)? ?(huong dan|chi dan|vai tro|quy tac)/,
  /\b(system prompt|prompt he thong|prompt)\b/,
  /\b(ignore|disregard) (all|previous|the)\b/,
  /\b(tu gio|bay gio) ban la\b/,
  /\bban la ai\b/,
  /\b(bai tho|lam tho|tho luc bat|sang tac|viet (giup )?(minh |toi )?(mot )?(bai|ham|doan|code))\b/,
  /\b(cong thuc nau|nau an|mon an)\b/,
  /\b(gia vang|ty gia|chung khoan|co phieu)\b/,
  /\b(thoi tiet|co mua|nhiet do)\b/,
  /\b(python|javascript|lap trinh|phuong trinh|giai toan)\b/,
  /\b(dich giup|dich sang|tieng nhat|tieng anh)\b/,
  /\b(doi tuyen|bong da|tran dau)\b/,
  /\b(nguoi yeu|chia tay|that tinh)\b/,
  /\b(dau dau|uong thuoc|benh gi)\b/,
];

/** A message that is only a greeting or thanks. */
export const GREETING = /^(xin )?(chao|hi|hello|alo|cam on|thanks?|thank you|ok|oke|vang|da|uh)( (ban|ad|anh|chi|em|nhe|nhieu|a|nha|nhe ban|ban nhieu nhe))*$/;

/** People whose death a citizen reports ("mẹ tôi mất", "chồng em vừa mất"). */
export const PERSON_WORDS = new Set([
  "ba", "bo", "me", "cha", "ong", "noi", "ngoai", "chong", "vo", "con", "anh", "chi", "em", "chau", "co", "chu", "bac", "di",
  "cau", "mo", "nguoi", "nha", "than", "toi", "minh", "tui", "cu", "cu", "gia", "dinh", "e", "mk", "mik",
]);
/**
 * Person words whose folded form other words share ("có" and "cô", "đi" and "dì"): typed with
 * marks, only these forms are a person ("có mất lãi không" is not a death).
 */
export const PERSON_FORMS: Record<string, string[]> = {
  ba: ["ba", "bà"], bo: ["bố"], me: ["mẹ"], ong: ["ông"], noi: ["nội"], ngoai: ["ngoại"], chong: ["chồng"], vo: ["vợ"],
  chi: ["chị"], chau: ["cháu"], co: ["cô"], chu: ["chú"], bac: ["bác"], di: ["dì"], cau: ["cậu"], mo: ["mợ"], nguoi: ["người"],
  nha: ["nhà"], than: ["thân"], toi: ["tôi"], minh: ["mình"], cu: ["cụ"], gia: ["già"], dinh: ["đình"],
};

/** After "mất", these mean losing a thing or spending, not a death. */
export const NOT_DEATH_AFTER_MAT = new Set([
  "bao", "tien", "phi", "may", "thoi", "gi", "het", "giay", "the", "so", "vi", "cccd", "ho", "bang", "dien", "xe", "di", "nhieu", "lau",
  "mot", "hai", "ba", "cong", "ngay", "khoang", "tam",
]);

/** Words of an inheritance: a death said beside them is its circumstance ("mẹ mất để lại đất"). */
export const INHERITANCE_CUES = ["di chuc", "thua ke", "di san", "de lai", "chia dat", "chia nha", "chia tai san"];

/** Negation cues: the words after them (up to a comma) are what the user does NOT want. */
/**
 * Pairs of stopwords that name a thing or an act in procedure names ("bản sao": a copy, not
 * "bạn" and "sao"; "thu hồi": revoking, not "thủ" and "hỏi"; "thay đổi", whose "đổi" names
 * drop as in "đối với"): kept as pair features on both sides.
 */
export const NAMING_STOPWORD_PAIRS = new Set(["ban sao", "thu hoi", "thay doi"]);

export const NEGATION_CUES = ["khong phai", "chu khong phai", "dung dua", "dung dua ban", "khong muon"];

/**
 * A dictionary entry for a word the user typed: own keys only, so "constructor" or
 * "__proto__" never reach Object.prototype.
 */
export function entryOf<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
