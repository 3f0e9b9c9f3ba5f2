/**
 * What the bot says to one text message in Zalo chat. The same engine as /api/ask
 * (answerQuestion, with the chat's earlier turns as context), then the chat's own rules:
 * a request for a person hands off, numbered choices after a clarify, "1"/"có" after an
 * offer of an officer. Reads only; the caller writes the outcome.
 */
import { answerForProcedure, answerQuestion } from "../ask/ask-service";
import { composeAnswer } from "../ask/compose";
import type { IntentField } from "../ask/intent";
import { cachedProcedure } from "../ask/record-cache";
import type { Db } from "../db/client";
import { asksForOfficer, choiceNumber, yesNo } from "./chat-commands";
import {
  clarifyChoices,
  DECLINED_OFFICER,
  formatAnswer,
  formatClarify,
  formatNone,
  type Choice,
  type Links,
  type ReplyLike,
} from "./format-reply";

export interface Turn {
  question: string;
  code: string | null;
}
export type Pending = { kind: "choices"; question: string; fields: string[]; choices: Choice[] } | { kind: "offer_officer" };

export interface BotState {
  wardCode: string;
  wardName: string | null;
  turns: Turn[];
  pending: Pending | null;
  lastCode: string | null;
}

export interface BotPlan {
  /** What to send back (null: nothing; the handoff writes its own confirmation). */
  reply: string | null;
  handoff: boolean;
  turns: Turn[];
  pending: Pending | null;
  lastCode: string | null;
  /** The engine's reply, for the handoff's context. */
  matches: { code: string; name: string }[];
}

/** The engine's context: at most 5 earlier turns, oldest first. */
export const MAX_TURNS = 5;
/** The longest question handed to the engine (the ask route's own limit). */
const QUESTION_MAX = 1000;

const keep = (turns: Turn[]) => turns.slice(-MAX_TURNS);

export function parseTurns(json: string | null | undefined): Turn[] {
  try {
    const t = JSON.parse(json ?? "[]") as Turn[];
    return Array.isArray(t) ? keep(t.filter((x) => x && typeof x.question === "string")) : [];
  } catch {
    return [];
  }
}

export function parsePending(json: string | null | undefined): Pending | null {
  try {
    const p = JSON.parse(json ?? "null") as Pending | null;
    return p && (p.kind === "choices" || p.kind === "offer_officer") ? p : null;
  } catch {
    return null;
  }
}

/** The engine behind /api/ask; tests may pass a stand-in with the same signature. */
export type AskFn = (db: Db, input: Parameters<typeof answerQuestion>[1]) => Promise<ReplyLike>;

async function ask(db: Db, state: BotState, question: string, askFn: AskFn) {
  return askFn(db, {
    question: question.slice(0, QUESTION_MAX),
    wardCode: state.wardCode,
    context: { previous: state.turns.map((t) => ({ question: t.question.slice(0, QUESTION_MAX), code: t.code })) },
  });
}

/**
 * The answer for a procedure the citizen picked by number: asked by its name through the
 * same engine; if the engine would pick another one, composed from the chosen record by
 * the same composer, so the citizen always gets what they chose. The facts come in the
 * order of the original question.
 */
async function answerChoice(db: Db, state: BotState, pending: Extract<Pending, { kind: "choices" }>, choice: Choice, askFn: AskFn): Promise<ReplyLike | null> {
  const reply = await ask(db, { ...state, turns: state.turns.slice(0, -1) }, choice.name, askFn);
  if (reply.kind === "answer" && reply.answer?.code === choice.code) return { ...reply, intent: { fields: pending.fields } };
  return answerForProcedure(db, { code: choice.code, fields: pending.fields as IntentField[], wardCode: state.wardCode });
}

/** Every chat answer carries documents, fee and time (what a citizen needs before going). */
const ESSENTIAL: IntentField[] = ["components", "fees", "processing_time"];

/**
 * The engine composes only the facts asked about; the chat adds the essentials the answer
 * lacks, from the same record by the same composer (the order still puts what was asked first).
 */
async function withEssentials(db: Db, reply: ReplyLike, wardName: string | null): Promise<ReplyLike> {
  const a = reply.answer;
  if (reply.kind !== "answer" || !a || a.source !== "catalog" || !a.code) return reply;
  const have = new Set(a.facts.map((f) => (f.field === "files" ? "components" : f.field)));
  const missing = ESSENTIAL.filter((f) => !have.has(f));
  if (!missing.length) return reply;
  const record = await cachedProcedure(db, a.code);
  if (!record) return reply;
  return { ...reply, answer: { ...a, facts: [...a.facts, ...composeAnswer(record, missing, wardName).facts] } };
}

function fromReply(reply: ReplyLike, question: string, state: BotState, links: Links, replaceLast = false): BotPlan {
  const turns = replaceLast ? state.turns.slice(0, -1) : state.turns;
  const matches = reply.matches.slice(0, 3).map((m) => ({ code: m.code, name: m.name }));
  if (reply.kind === "answer" && reply.answer) {
    const code = reply.answer.code;
    return {
      reply: formatAnswer(reply, links),
      handoff: false,
      turns: keep([...turns, { question, code }]),
      pending: null,
      lastCode: code ?? state.lastCode,
      matches,
    };
  }
  if (reply.kind === "clarify") {
    const choices = clarifyChoices(reply);
    if (choices.length) {
      return {
        reply: formatClarify(choices),
        handoff: false,
        turns: keep([...turns, { question, code: null }]),
        pending: { kind: "choices", question, fields: reply.intent?.fields ?? [], choices },
        lastCode: state.lastCode,
        matches,
      };
    }
  }
  return {
    reply: formatNone(reply, state.wardName),
    handoff: false,
    turns: keep([...turns, { question, code: null }]),
    pending: { kind: "offer_officer" },
    lastCode: state.lastCode,
    matches,
  };
}

export async function decide(db: Db, state: BotState, text: string, links: Links, askFn: AskFn = answerQuestion as AskFn): Promise<BotPlan> {
  const same = { turns: state.turns, lastCode: state.lastCode, matches: [] };
  if (asksForOfficer(text)) return { ...same, reply: null, handoff: true, pending: null };
  const p = state.pending;
  if (p?.kind === "offer_officer") {
    const yn = yesNo(text);
    if (yn === "yes") return { ...same, reply: null, handoff: true, pending: null };
    if (yn === "no") return { ...same, reply: DECLINED_OFFICER, handoff: false, pending: null };
  }
  if (p?.kind === "choices") {
    const n = choiceNumber(text);
    if (n !== null && n <= p.choices.length) {
      const reply = await answerChoice(db, state, p, p.choices[n - 1], askFn);
      if (reply) return fromReply(await withEssentials(db, reply, state.wardName), p.question, state, links, true);
    }
  }
  const reply = await withEssentials(db, await ask(db, state, text, askFn), state.wardName);
  return fromReply(reply, text, state, links);
}
