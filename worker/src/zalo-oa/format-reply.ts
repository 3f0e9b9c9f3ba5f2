/**
 * The bot's words in Zalo chat. Turns the reply of the shared ask service (the same one
 * /api/ask returns) into plain text of at most 2,000 characters (Zalo's limit for a
 * consultation message): the facts asked about first, documents as a short list, fee and
 * time with their notes, and a link that opens the mini app on the procedure. Pure.
 */

export const ZALO_TEXT_MAX = 2000;

/** Only the parts of an ask reply the chat uses, so the engine may add fields freely. */
export interface FactLike {
  field: string;
  label: string;
  lines: string[];
}
export interface AnswerLike {
  source: string;
  code: string | null;
  name: string;
  shortName?: string | null;
  /** false: the procedure is not done at a ward centre (the record says where it is). */
  atWard?: boolean;
  facts: FactLike[];
  text: string;
  sourceUrl?: string | null;
  wardName?: string | null;
  wardNotes?: { question: string; answer: string }[];
  notices?: { title: string; body: string }[];
}
export interface ReplyLike {
  kind: "answer" | "clarify" | "none";
  intent?: { fields: string[] };
  matches: { code: string; name: string; levels: string[] }[];
  answer?: AnswerLike;
  message?: string;
  suggestions?: { action: string; code?: string; label: string }[];
}

export interface Links {
  procedure(code: string): string;
  chat(conversationId: string): string;
  myChats(): string;
  home(): string;
}

export interface Choice {
  code: string;
  name: string;
}

export const OFFICER_HINT = 'Cần hỏi trực tiếp cán bộ, bạn nhắn "gặp cán bộ".';
const MAX_CHOICES = 3;

/** Cuts to `max` characters at a word, marking the cut. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

/** Ensures Zalo accepts it: a hard cut at the limit, keeping the closing lines (link, hint). */
export function fitZalo(body: string, tail = "", max = ZALO_TEXT_MAX): string {
  const sep = tail ? "\n\n" : "";
  if (body.length + sep.length + tail.length <= max) return body + sep + tail;
  const room = max - sep.length - tail.length - 1;
  const cut = body.slice(0, Math.max(0, room));
  const line = cut.lastIndexOf("\n");
  return `${line > room * 0.5 ? cut.slice(0, line) : cut}…${sep}${tail}`.slice(0, max);
}

interface Budget {
  docs: number;
  docChars: number;
  lineChars: number;
  notes: boolean;
  where: boolean;
}
const BUDGETS: Budget[] = [
  { docs: 5, docChars: 100, lineChars: 320, notes: true, where: true },
  { docs: 5, docChars: 100, lineChars: 220, notes: true, where: true },
  { docs: 4, docChars: 90, lineChars: 160, notes: false, where: true },
  { docs: 3, docChars: 80, lineChars: 120, notes: false, where: false },
];

// The order a citizen reads before going: documents, then fee and time, then where.
const DEFAULT_ORDER = ["components", "fees", "processing_time", "address"];

function documentLines(lines: string[], b: Budget): string[] {
  const more = /^…\s*và\s+(\d+)\s+giấy tờ khác/i;
  let extra = 0;
  const items = lines.filter((l) => {
    const m = more.exec(l);
    if (m) extra += Number(m[1]);
    return !m;
  });
  if (items.length === 1 && /^Hồ sơ gốc không ghi/.test(items[0])) return [clip(items[0], b.lineChars)];
  // What everyone brings first; papers only some cases need ("Trường hợp …") after.
  const conditional = (l: string) => /^(Trường hợp|Nếu|Đối với trường hợp)\b/i.test(l) || / trong trường hợp |\(nếu có\)/i.test(l.slice(0, 160));
  items.sort((x, y) => Number(conditional(x)) - Number(conditional(y)));
  const shown = items.slice(0, b.docs).map((l, i) => `${i + 1}. ${clip(l, b.docChars)}`);
  const hidden = items.length - shown.length + extra;
  if (hidden > 0) shown.push(`… và ${hidden} giấy tờ khác (xem trong mini app)`);
  return shown;
}

/**
 * "Nộp trực tiếp: Miễn phí", "Nộp trực tuyến: Miễn phí" → one line for both: a phone shows
 * fee and time per channel only where they differ.
 */
export function mergeChannels(lines: string[]): string[] {
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const l of lines) {
    const m = /^(Nộp trực tiếp|Nộp trực tuyến|Gửi qua bưu chính): (.+)$/s.exec(l);
    const key = m ? m[2] : `\u0000${l}`;
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    if (m) groups.get(key)!.push(m[1]);
  }
  return order.map((key) => {
    const channels = groups.get(key)!;
    if (key.startsWith("\u0000")) return key.slice(1);
    if (order.length === 1 && channels.length > 1) return key;
    const who = channels.map((c, i) => (i === 0 ? c : c.charAt(0).toLowerCase() + c.slice(1))).join(", ");
    return `${who}: ${key}`;
  });
}

function factBlock(f: FactLike, b: Budget): string {
  const lines =
    f.field === "components"
      ? documentLines(f.lines, b)
      : (f.field === "fees" || f.field === "processing_time" ? mergeChannels(f.lines) : f.lines).slice(0, 4).map((l) => `• ${clip(l, b.lineChars)}`);
  return `${f.label}:\n${lines.join("\n")}`;
}

/** Facts asked about first (in the order asked), then the rest of documents, fee, time, where. */
export function orderFacts(facts: FactLike[], asked: string[]): FactLike[] {
  const rank = (f: FactLike) => {
    const a = asked.indexOf(f.field === "components" && asked.includes("files") ? "files" : f.field);
    if (a >= 0) return a;
    const d = DEFAULT_ORDER.indexOf(f.field);
    return asked.length + (d >= 0 ? d : DEFAULT_ORDER.length);
  };
  return [...facts].sort((x, y) => rank(x) - rank(y));
}

export function formatAnswer(reply: ReplyLike, links: Links): string {
  const a = reply.answer;
  if (!a) return formatNone(reply, null);
  const title = a.shortName?.trim() || a.name;
  const tail = [
    a.code ? `Xem đầy đủ trong mini app Một Cửa: ${links.procedure(a.code)}` : `Mini app Một Cửa: ${links.home()}`,
    a.source === "catalog" ? "Nguồn: Cổng Dịch vụ công quốc gia." : null,
    OFFICER_HINT,
  ]
    .filter(Boolean)
    .join("\n");

  if (a.source !== "catalog" || a.facts.length === 0) {
    // The ward's own answer: shown as the ward wrote it (it already names its source).
    return fitZalo(`${clip(title, 200)}\n\n${a.text.trim()}`, tail);
  }
  const asked = reply.intent?.fields ?? [];
  const facts = orderFacts(a.facts, asked);
  for (const b of BUDGETS) {
    const parts = [clip(title, 200)];
    if (a.atWard === false) parts.push("Lưu ý: thủ tục này không nộp tại xã, phường. Nơi nộp và cơ quan giải quyết xem bên dưới hoặc trong mini app.");
    const shown = facts.filter((f) => b.where || f.field !== "address" || asked.includes("address") || asked.includes("agency"));
    parts.push(...shown.map((f) => factBlock(f, b)));
    if (b.notes) {
      for (const n of (a.wardNotes ?? []).slice(0, 1)) parts.push(`${a.wardName ?? "Xã, phường"} lưu ý: ${clip(`${n.question} ${n.answer}`, 300)}`);
      for (const n of (a.notices ?? []).slice(0, 2)) parts.push(`Thông báo: ${clip(n.title, 160)}`);
    }
    const text = `${parts.join("\n\n")}\n\n${tail}`;
    if (text.length <= ZALO_TEXT_MAX) return text;
  }
  return fitZalo(facts.map((f) => factBlock(f, BUDGETS[BUDGETS.length - 1])).join("\n\n"), tail);
}

/** The procedures a clarify reply offers, numbered from 1 (commune-level first, at most 3). */
export function clarifyChoices(reply: ReplyLike): Choice[] {
  const offered = (reply.suggestions ?? []).filter((s) => s.action === "choose" && s.code).map((s) => ({ code: s.code!, name: s.label }));
  const list = offered.length ? offered : reply.matches.map((m) => ({ code: m.code, name: m.name }));
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(c.code) && seen.add(c.code)).slice(0, MAX_CHOICES);
}

export function formatClarify(choices: Choice[]): string {
  const numbers = choices.map((_, i) => String(i + 1));
  const which = numbers.length > 1 ? `${numbers.slice(0, -1).join(", ")} hoặc ${numbers[numbers.length - 1]}` : "1";
  return fitZalo(
    [
      "Câu hỏi của bạn khớp với vài thủ tục. Bạn nhắn số để chọn đúng thủ tục mình cần:",
      ...choices.map((c, i) => `${i + 1}. ${clip(c.name, 220)}`),
    ].join("\n"),
    `Nhắn ${which}. Không thấy đúng thủ tục? ${OFFICER_HINT}`,
  );
}

/** `none`: the engine's explanation, then an offer the citizen accepts with "1" or "có". */
export function formatNone(reply: ReplyLike, wardName: string | null): string {
  const message = reply.message?.trim() || "Mình chưa tìm thấy thủ tục nào trả lời được câu này.";
  return fitZalo(clip(message, 900), offerOfficerText(wardName));
}

export function offerOfficerText(wardName: string | null): string {
  return `Bạn có muốn hỏi trực tiếp cán bộ ${wardName ?? "xã, phường"} không?\n1. Có, gặp cán bộ\n2. Không, mình hỏi câu khác`;
}

export function welcomeText(wardName: string | null, links: Links): string {
  const ward = wardName ?? "xã, phường";
  return [
    `Cảm ơn bạn đã quan tâm ${ward}! Mình là trợ lý thủ tục hành chính của ${ward}. Bạn có thể:`,
    '• Hỏi về một thủ tục, ví dụ "đăng ký khai sinh cần giấy tờ gì" hay "chứng thực bản sao mất bao nhiêu tiền".',
    '• Nhắn "gặp cán bộ" để hỏi trực tiếp cán bộ.',
    `• Xem thủ tục, giờ làm việc và tin nhắn với cán bộ trong mini app Một Cửa: ${links.home()}`,
  ].join("\n");
}

const KIND_WORDS: Record<string, string> = {
  image: "hình ảnh",
  gif: "ảnh động",
  sticker: "nhãn dán",
  file: "tệp",
  audio: "tin nhắn thoại",
  video: "video",
  location: "vị trí",
  link: "liên kết",
  business_card: "danh thiếp",
};

export function nonTextReply(kind: string, wardName: string | null): string {
  const what = KIND_WORDS[kind] ?? "nội dung";
  return `Dạ, trợ lý hiện chỉ đọc được tin nhắn chữ nên chưa xem được ${what} bạn gửi. Bạn nhắn câu hỏi bằng chữ giúp mình nhé.\n\n${offerOfficerText(wardName)}`;
}

/** What an officer sees in the inbox in place of something the bot cannot show. */
export function nonTextForOfficer(kind: string): string {
  return `[Người dân gửi ${KIND_WORDS[kind] ?? "một nội dung"} qua Zalo. Xem trong trang quản lý Zalo OA.]`;
}

export function handoffText(input: { wardName: string | null; field: string | null; linked: boolean; outOfHours: string | null; links: Links }): string {
  const ward = input.wardName ?? "xã, phường";
  const parts = [
    `Dạ, mình đã chuyển câu hỏi của bạn tới cán bộ ${ward}${input.field ? ` (lĩnh vực ${input.field})` : ""}. Cán bộ sẽ trả lời bạn ngay trong khung chat này.`,
  ];
  if (input.outOfHours) parts.push(clip(input.outOfHours, 400));
  parts.push(
    input.linked
      ? `Lưu ý: Zalo chỉ cho phép trả lời trong 48 giờ kể từ tin nhắn gần nhất của bạn. Nếu cán bộ trả lời sau thời gian đó, câu trả lời sẽ nằm trong mục "Tin nhắn của tôi" của mini app Một Cửa: ${input.links.myChats()}`
      : "Lưu ý: Zalo chỉ cho phép trả lời trong 48 giờ kể từ tin nhắn gần nhất của bạn. Nếu chưa nhận được trả lời, bạn nhắn lại vào đây để cán bộ trả lời tiếp nhé.",
  );
  return fitZalo(parts.join("\n\n"));
}

export const ALREADY_HANDED_OFF = "Dạ, câu hỏi của bạn đã được chuyển tới cán bộ. Bạn cứ nhắn thêm tại đây, cán bộ sẽ đọc và trả lời.";
export const DECLINED_OFFICER = "Dạ vâng. Bạn cứ hỏi tiếp về thủ tục cần làm nhé.";
export const RATE_LIMITED = "Bạn gửi nhiều tin quá nhanh, mình chưa kịp trả lời. Bạn đợi một chút rồi hỏi lại nhé.";

/** An officer's reply as the citizen reads it in Zalo chat, with the closing-window notice when due. */
export function officerReplyText(text: string, notice: string | null): string {
  const body = `Cán bộ trả lời:\n${text.trim()}`;
  const full = notice ? `${body}\n\n${notice}` : body;
  if (full.length <= ZALO_TEXT_MAX) return full;
  // Never cut an officer's words: drop the label, then the notice.
  if (notice && text.trim().length + 2 + notice.length <= ZALO_TEXT_MAX) return `${text.trim()}\n\n${notice}`;
  return text.trim().slice(0, ZALO_TEXT_MAX);
}

/** Told while the window is still open, so the citizen knows where later answers go. */
export function closingNotice(input: { remainingAfter: number; timeLeft: string; linked: boolean; links: Links }): string {
  const limit =
    input.remainingAfter <= 0
      ? "Đây là tin trả lời cuối cùng Zalo cho phép gửi lúc này."
      : `Zalo chỉ cho phép gửi thêm ${input.remainingAfter} tin trong khoảng ${input.timeLeft} nữa.`;
  return input.linked
    ? `(${limit} Các câu trả lời tiếp theo của cán bộ sẽ nằm trong mục "Tin nhắn của tôi" của mini app Một Cửa: ${input.links.myChats()} . Bạn nhắn lại vào đây để tiếp tục nhận trả lời qua Zalo.)`
    : `(${limit} Bạn nhắn lại vào đây để tiếp tục nhận trả lời qua Zalo.)`;
}

export function miniAppReplyNotice(wardName: string | null, conversationId: string, links: Links): string {
  return `Cán bộ ${wardName ?? "xã, phường"} đã trả lời tin nhắn của bạn trong mini app Một Cửa. Xem tại: ${links.chat(conversationId)}`;
}

/** Links into the mini app (`base`: its Zalo link, https://zalo.me/s/<mini app id>, or the preview). */
export function miniAppLinks(base: string): Links {
  const root = base.replace(/\/+$/, "");
  return {
    procedure: (code) => `${root}/procedures/${encodeURIComponent(code)}`,
    chat: (id) => `${root}/chat/${encodeURIComponent(id)}`,
    myChats: () => `${root}/chat`,
    home: () => `${root}/`,
  };
}
