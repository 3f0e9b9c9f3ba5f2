/**
 * Follow-up questions in a conversation ("còn lệ phí?", "thế còn với người nước ngoài?",
 * "nếu làm lại thì sao", then maybe a new topic). The earlier turns carry the procedure the bot
 * answered with; the new message is read three ways:
 * - it names no topic of its own (only what it asks: fee, place, time…): same procedure;
 * - it says what changes (a variant, an age, a loss): the last procedure's name plus the new
 *   words are ranked together, which lands on the variant when the catalog has one;
 * - it names a procedure of its own, confidently: a new topic, answered afresh.
 * Pure.
 */
import { PERSON_WORDS } from "../text/dictionary";
import { fold } from "../text/fold";
import { analyzeQuestion, rareWordWeight, type AskContext, type AskIndex, type Doc, type Match } from "./engine";
import { decide, familyKey, scoreQuestion, type EngineOutcome } from "./answer-engine";
import { WEIGHTS } from "./scorer";

/** Below this much topic (in rare words' weight), a message only asks about a field. */
export const FIELD_ONLY_TOPIC = 0.6;
/** A message naming this much of its own topic, confidently, starts a new topic. */
export const NEW_TOPIC_TOPIC = 1.5;

/**
 * Words that tie a message to the previous one and name nothing: "còn …?", "thế còn",
 * "vậy thì", "… nữa", "… thì sao". "con" without accents is "còn" only at the start and right
 * before what is asked; "con tôi" is a child.
 */
export function stripDiscourse(question: string): string {
  const t = question.normalize("NFC").trim();
  let out = t.replace(/^(thế|vậy|thế thì|vậy thì|như vậy|nếu vậy)\s+(còn\s+)?/i, "").replace(/^còn\s+/i, "");
  if (/^con\s+(le phi|phi|nop|mat|online|truc tuyen|bao lau|giay to|can|thoi gian|ho so|o dau|lam)\b/.test(fold(out.toLowerCase()))) out = out.slice(4);
  out = out.replace(/\s+(nữa|luôn|thì sao|thì thế nào|thì như nào|thì sao ạ|nữa không|nữa ko)\s*[?.!]*$/i, " ");
  return out.trim() || t;
}

function docMatch(index: AskIndex, extra: AskIndex | undefined, code: string): Match | null {
  for (const source of extra ? [index, extra] : [index]) {
    const d = source.docs.find((x) => x.code === code);
    if (d) {
      return { code: d.code, name: d.name, levels: d.levels, field: d.field, score: 1, queryCoverage: 1, headCoverage: 1, namedWeight: 0, unaskedVariants: 0, missingActs: 0, unaskedActs: 0 };
    }
  }
  return null;
}

/** The part of a legal name that says what it is, to stand in for it in a combined question. */
function nameCore(name: string): string {
  const main = name.replace(/^thủ tục\s+/i, "").split("(")[0];
  return main.length > 90 ? main.split(/[,;:]/)[0] : main;
}

/**
 * A sibling is taken when the follow-up says this share of what sets it apart, or a fairly
 * rare word's worth of it and at least SIBLING_SOME of it.
 */
export const SIBLING_SAID = 0.5;
/**
 * A sibling holds this share of the last name's head (by weight): all of it ("đăng ký lại kết
 * hôn"), or all but its own qualifier ("… cho người dưới 14 tuổi" beside "… từ đủ 14 tuổi trở lên").
 */
export const SIBLING_HEAD = 0.8;
export const SIBLING_SOME = 0.3;
/** Share of a linked follow-up's words the sibling must explain to beat a confident new topic. */
export const SIBLING_EXPLAINS = 0.5;
/** Weight of a word too common to have one (the "lại" of "đăng ký lại"). */
const COMMON_WORD_WEIGHT = 1.5;
/** Words that tie a follow-up to the last answer and say nothing of a variant. */
const LINKING = new Set(["neu", "thi", "sao", "la", "con", "the", "vay", "nao", "truong", "hop", "muon", "lam", "minh", "em", "toi", "a", "co", "khong", "duoc", "ko"]);

/** Words and neighbouring pairs: folding merges "lại" and "lái", the pair "cấp lại" does not. */
function units(words: string[]): Set<string> {
  const out = new Set(words);
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}
const nameWords = (name: string) => units(fold(name.toLowerCase()).split(/[^a-z0-9]+/).filter(Boolean));

/**
 * The variant a follow-up moves to, among the last procedure's siblings: the names that hold
 * every word of its head and more ("đăng ký lại kết hôn", "… có yếu tố nước ngoài", "… lưu
 * động" beside "đăng ký kết hôn"). The sibling whose extra words the follow-up says the most
 * of ("nếu làm lại thì sao": "lại"); names are compared word by word, particles included,
 * because a variant is often a particle ("lại").
 */
export function siblingFor(index: AskIndex, lastCode: string, said: string): Match | null {
  const last = index.docs.find((d) => d.code === lastCode);
  if (!last) return null;
  const weight = (w: string) => index.idf.get(w) ?? COMMON_WORD_WEIGHT;
  const own = nameWords(last.name);
  const { topic } = analyzeQuestion(index, said);
  const asked = new Set([...units(topic.map((t) => t.folded))].filter((w) => !own.has(w) && !LINKING.has(w)));
  if (!asked.size) return null;
  const head = [...last.head].filter((f) => !f.includes(" "));
  const rarest = head.sort((a, b) => (index.idf.get(b) ?? 0) - (index.idf.get(a) ?? 0))[0];
  const postings = rarest ? index.postings.get(rarest) : undefined;
  if (!postings) return null;
  const headWeight = head.reduce((t, f) => t + weight(f), 0);
  const headShare = (d: Doc) => head.reduce((t, f) => t + (d.features.has(f) ? weight(f) : 0), 0) / (headWeight || 1);
  // Who the citizen speaks of ("bố cháu là người Hàn Quốc") is not what they ask about.
  const askedWords = [...asked].filter((w) => !w.includes(" ") && !PERSON_WORDS.has(w));
  const askedWeight = askedWords.reduce((t, w) => t + weight(w), 0);
  let best: { doc: Doc; share: number; explains: number } | null = null;
  for (const i of postings) {
    const d = index.docs[i];
    if (d === last || headShare(d) < SIBLING_HEAD) continue;
    const extra = [...nameWords(d.name)].filter((w) => !own.has(w));
    // What sets it apart is its words; a pair said as in the name is a bonus on top.
    const extraWeight = extra.filter((w) => !w.includes(" ")).reduce((t, w) => t + weight(w), 0);
    if (!extraWeight) continue;
    const matched = extra.filter((w) => asked.has(w)).reduce((t, w) => t + weight(w), 0);
    const share = matched / extraWeight;
    if (share < SIBLING_SAID && !(share >= SIBLING_SOME && matched >= 0.5 * rareWordWeight(index))) continue;
    const explains = askedWeight ? askedWords.filter((w) => d.features.has(w) || nameWords(d.name).has(w)).reduce((t, w) => t + weight(w), 0) / askedWeight : 0;
    if (!best || share > best.share + 1e-9 || (Math.abs(share - best.share) <= 1e-9 && d.name.length < best.doc.name.length)) best = { doc: d, share, explains };
  }
  if (!best) return null;
  const d = best.doc;
  return { code: d.code, name: d.name, levels: d.levels, field: d.field, score: best.share, queryCoverage: best.explains, headCoverage: 1, namedWeight: 0, unaskedVariants: 0, missingActs: 0, unaskedActs: 0 };
}

/**
 * The last turn got choices or nothing ("xin phép xây nhà 3 tầng" → "Có phải bạn muốn hỏi…"),
 * and this one only asks a field ("hồ sơ gồm gì"): read it with that question, so the citizen
 * gets the choices again for what they now ask instead of a refusal. null otherwise.
 */
function afterUnanswered(index: AskIndex, said: string, turns: AskContext["previous"], extra?: AskIndex): EngineOutcome | null {
  const previous = turns.at(-1)?.question.trim();
  if (!previous) return null;
  const fresh = scoreQuestion(index, said, extra);
  if (!fresh.fields.length || fresh.topicWeight / rareWordWeight(index) >= FIELD_ONLY_TOPIC) return null;
  const out = decide(scoreQuestion(index, `${previous} ${said}`, extra));
  return out.kind === "none" ? null : { ...out, fields: fresh.fields };
}

/** null: no usable earlier procedure (the question is answered on its own). */
export function resolveFollowUp(index: AskIndex, question: string, context: AskContext, extra?: AskIndex): EngineOutcome | null {
  const turns = context.previous.slice(-5);
  let last: { turn: AskContext["previous"][number]; match: Match } | null = null;
  for (let i = turns.length - 1; i >= 0 && !last; i--) {
    const code = turns[i].code;
    const match = code ? docMatch(index, extra, code) : null;
    if (match) last = { turn: turns[i], match };
  }
  const said = stripDiscourse(question);
  if (!last) return afterUnanswered(index, said, turns, extra);
  const fresh = scoreQuestion(index, said, extra);
  const ownTopic = fresh.topicWeight / rareWordWeight(index);
  // What the earlier question asked, when this one asks nothing new ("nếu làm lại thì sao").
  const fields = fresh.fields.length ? fresh.fields : analyzeQuestion(index, last.turn.question).fields;
  const same = (): EngineOutcome => ({ kind: "answer", fields, matches: [last!.match], related: [], confidence: 1 });
  const freshTop = fresh.candidates[0]?.match;
  const sibling = siblingFor(index, last.match.code, said) ?? (extra ? siblingFor(extra, last.match.code, said) : null);
  // A confident new topic of another family stays new, unless it is that sibling.
  const confidentElsewhere =
    fresh.confidence >= WEIGHTS.thresholds.answer && ownTopic >= NEW_TOPIC_TOPIC && freshTop !== undefined && familyKey(freshTop.name) !== familyKey(last.match.name);
  // "còn …", "thế còn …", "… thì sao" tie the message to the last answer even when it names
  // something else too, as long as the sibling explains most of what it says.
  const linked = said !== question.normalize("NFC").trim();
  if (sibling && (!confidentElsewhere || freshTop?.code === sibling.code || (linked && sibling.queryCoverage >= SIBLING_EXPLAINS))) return { kind: "answer", fields, matches: [sibling], related: [], confidence: sibling.score };
  // Nothing of its own but what it asks ("còn lệ phí?"): the same procedure. Nothing asked
  // either ("em buồn quá", "hihi"): not a follow-up, answered on its own.
  if (ownTopic < FIELD_ONLY_TOPIC) return fresh.fields.length ? same() : decide(fresh);
  const combined = scoreQuestion(index, `${nameCore(last.match.name)} ${said}`, extra);
  // The message's words changed nothing: a field question stays, anything else stands alone.
  if (combined.candidates[0]?.match.code === last.match.code) return fresh.fields.length && fresh.confidence < WEIGHTS.thresholds.answer ? same() : decide(fresh);
  const newTopic =
    fresh.confidence >= WEIGHTS.thresholds.answer &&
    ownTopic >= NEW_TOPIC_TOPIC &&
    freshTop !== undefined &&
    familyKey(freshTop.name) !== familyKey(last.match.name) &&
    fresh.confidence >= combined.confidence;
  if (newTopic) return decide(fresh);
  if (combined.confidence >= WEIGHTS.thresholds.clarify) {
    const out = decide(combined);
    return { ...out, fields: out.kind === "answer" ? fields : out.fields };
  }
  return decide(fresh);
}
