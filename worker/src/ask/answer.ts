/**
 * The engine's entry point: one message, with the conversation's earlier turns, → answer /
 * clarify / none (see answer-engine for the scoring and follow-up for the turns). Pure.
 */
import { isNotAProcedure, type AskContext, type AskIndex } from "./engine";
import { decide, scoreQuestion, type EngineOutcome } from "./answer-engine";
import { resolveFollowUp } from "./follow-up";

/** `extra`: the ward's own procedures (extendIndex), ranked with the catalog. */
export function ask(index: AskIndex, question: string, extra?: AskIndex, context?: AskContext): EngineOutcome {
  // Chit-chat in the middle of a conversation is still chit-chat.
  if (isNotAProcedure(question)) return { kind: "none", fields: [], matches: [], reason: "not_a_procedure" };
  if (context?.previous.length) {
    const followed = resolveFollowUp(index, question, context, extra);
    if (followed) return followed;
  }
  return decide(scoreQuestion(index, question, extra));
}
