/**
 * What a citizen's chat message asks of the bot besides a question: a person ("gặp cán bộ"),
 * one of the numbered choices it offered ("2"), or yes / no to its offer. Pure.
 */
import { searchKey } from "../text/fold";

// "(cho em) (được) gặp / nói chuyện với / hỏi / kết nối … (trực tiếp) cán bộ (phường) (ạ)":
// a request verb right before the person, and nothing else of substance, so "cán bộ tư pháp
// ký giấy gì" stays a question for the engine.
const WHO = "(can bo|nhan vien|chuyen vien|nguoi that|nguoi truc|tong dai vien|tu van vien|admin)";
const VERB =
  "(gap|gap mat|noi chuyen|noi chuyen voi|chat voi|nhan tin voi|hoi|hoi truc tiep|hoi y kien|ket noi|ket noi voi|chuyen|chuyen cho|chuyen sang|lien he|lien he voi|can|can gap|can hoi|muon gap|muon hoi|muon noi chuyen voi|xin gap|xin noi chuyen voi|goi|tro chuyen voi)";
const LEAD = "((cho|xin|de|muon|can) )?((em|toi|minh|chau|tui|tao|anh|chi|co|chu|bac|ong|ba|con) )?((duoc|dc|xin|muon|can) )?";
const TAIL = "( (phuong|xa|phu trach|truc|truc tiep|cua phuong|cua xa|o phuong|o xa|that|nao do|giup|giup em|giup toi|voi|a|nhe|nha|di|duoc khong|dc khong|dc k|dc ko|duoc ko|duoc k|khong|ko|k|oi|ah|a oi|em voi|em))*";
const ASK_PERSON = new RegExp(`^${LEAD}${VERB}( truc tiep)? ${WHO}${TAIL}$`);
const BARE_PERSON = new RegExp(`^${WHO}( oi| a| phuong| xa)*$`);

/** "gặp cán bộ", "nói chuyện với cán bộ", "cho em hỏi cán bộ": the citizen wants a person. */
export function asksForOfficer(text: string): boolean {
  const t = searchKey(text.toLowerCase());
  if (!t || t.split(" ").length > 14) return false;
  return ASK_PERSON.test(t) || BARE_PERSON.test(t);
}

/** "1", "2.", "số 3", "chọn 2": a choice by number (1-based), or null. */
export function choiceNumber(text: string): number | null {
  const t = searchKey(text.toLowerCase());
  const m = /^(?:(?:so|chon|chon so|em chon|toi chon|minh chon)\s)?([1-9])(?:\s(?:a|nhe|nha|a oi))?$/.exec(t);
  return m ? Number(m[1]) : null;
}

const YES = /^(co|co a|co nhe|co nha|co chu|vang|vang a|da|da co|da vang|u|uh|uhm|um|ok|oke|okay|dong y|duoc|dc|yes|y|muon|co muon|gap|gap can bo)$/;
const NO = /^(khong|khong a|khong can|ko|k|kh|thoi|thoi a|khong nhe|no|n|de sau)$/;

/** The answer to a yes/no offer: "1"/"có" → yes, "2"/"không" → no, anything else → null. */
export function yesNo(text: string): "yes" | "no" | null {
  const n = choiceNumber(text);
  if (n === 1) return "yes";
  if (n === 2) return "no";
  const t = searchKey(text.toLowerCase());
  if (YES.test(t)) return "yes";
  if (NO.test(t)) return "no";
  return null;
}
