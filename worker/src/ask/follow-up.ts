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
import { fold } from "../text/fold";
import { analyzeQuestion, rareWordWeight, type AskContext, type AskIndex, type Match } from "./engine";
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

/** null: no usable earlier procedure (the question is answered on its own). */
export function resolveFollowUp(index: AskIndex, question: string, context: AskContext, extra?: AskIndex): EngineOutcome | null {
  const turns = context.previous.slice(-5);
  let last: { turn: AskContext["previous"][number]; match: Match } | null = null;
  for (let i = turns.length - 1; i >= 0 && !last; i--) {
    const code = turns[i].code;
    const match = code ? docMatch(index, extra, code) : null;
    if (match) last = { turn: turns[i], match };
  }
  if (!last) return null;
  const said = stripDiscourse(question);
  const fresh = scoreQuestion(index, said, extra);
  const ownTopic = fresh.topicWeight / rareWordWeight(index);
  // What the earlier question asked, when this one asks nothing new ("nếu làm lại thì sao").
  const fields = fresh.fields.length ? fresh.fields : analyzeQuestion(index, last.turn.question).fields;
  if (ownTopic < FIELD_ONLY_TOPIC) {
    return { kind: "answer", fields, matches: [last.match], related: [], confidence: 1 };
  }
  const combined = scoreQuestion(index, `${nameCore(last.match.name)} ${said}`, extra);
  const freshTop = fresh.candidates[0]?.match;
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
