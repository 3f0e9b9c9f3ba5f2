// Scoring multi-turn conversations (issue 10, item 6): every turn after the first is asked with
// the earlier turns as context, as the mini app sends them to POST /api/ask. Pure: the system
// under test is a function, so the scorer is tested with a fake one.
import { z } from "zod";
import type { Reply } from "./eval-peers";

export const FOLLOWUP_KINDS = ["field_change", "variant_change", "new_topic", "chitchat_middle", "mixed"] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];

/** At most this many earlier turns travel with a question, oldest first (the API's limit). */
export const MAX_PREVIOUS = 5;

const turnSchema = z
  .object({
    q: z.string().min(1),
    accept: z.array(z.string().regex(/^\d\.\d{6}$/)),
    fields: z.array(z.string()).optional(),
  })
  .strict();
const conversationSchema = z
  .object({ id: z.string().min(1), kind: z.enum(FOLLOWUP_KINDS), turns: z.array(turnSchema).min(2).max(4) })
  .strict();

export type FollowupTurn = z.infer<typeof turnSchema>;
export type Conversation = z.infer<typeof conversationSchema>;

/** Parses bench/followups.jsonl; a malformed line or a repeated id is an error naming the line. */
export function parseFollowups(text: string): Conversation[] {
  const seen = new Set<string>();
  const out: Conversation[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = conversationSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues.map((e) => `${e.path.join(".")}: ${e.message}`).join("; ")}`);
    if (seen.has(parsed.data.id)) throw new Error(`line ${i + 1}: duplicate id ${parsed.data.id}`);
    seen.add(parsed.data.id);
    out.push(parsed.data);
  });
  return out;
}

export interface PreviousTurn {
  question: string;
  /** The procedure the bot answered that turn with; absent when it answered none. */
  code?: string | null;
}
export interface AskContext {
  previous: PreviousTurn[];
}

/**
 * Where the earlier turns' codes come from: `gold` uses each earlier turn's first accepted code
 * (the follow-up judged alone), `own` the system's own earlier answers (what a real client
 * sends, so an early miss carries over), `none` sends no context at all (the baseline, and the
 * only mode peers without context support can be scored in).
 */
export type ContextMode = "gold" | "own" | "none";

export type FollowupAsk = (question: string, context?: AskContext) => Reply | Promise<Reply>;

export interface FollowupTally {
  turns: number;
  right: number;
  /** Answerable turns that were answered right and carry `fields`, and of those the ones whose fields were all detected. */
  fieldN: number;
  fieldOk: number;
}
const blank = (): FollowupTally => ({ turns: 0, right: 0, fieldN: 0, fieldOk: 0 });

export interface FollowupResult {
  mode: ContextMode;
  conversations: number;
  /** Turns 2 and later: the follow-up accuracy. */
  followups: FollowupTally;
  /** First turns, for reference (no context is ever sent with them). */
  first: FollowupTally;
  byKind: Map<FollowupKind, FollowupTally>;
  /** Conversations whose every turn was right. */
  allRight: number;
  failures: string[];
}

/** Right: an answerable turn answered with an accepted first match; an `accept: []` turn not answered with a procedure. */
export function turnIsRight(turn: FollowupTurn, reply: Reply): boolean {
  return turn.accept.length ? reply.answered && turn.accept.includes(reply.codes[0]) : !reply.answered;
}

export async function scoreFollowups(
  conversations: readonly Conversation[],
  ask: FollowupAsk,
  mode: ContextMode,
  fieldAliases: Record<string, string> = {},
): Promise<FollowupResult> {
  const result: FollowupResult = {
    mode,
    conversations: conversations.length,
    followups: blank(),
    first: blank(),
    byKind: new Map(),
    allRight: 0,
    failures: [],
  };
  for (const conv of conversations) {
    const previous: PreviousTurn[] = [];
    let allRight = true;
    const kindTally = result.byKind.get(conv.kind) ?? blank();
    result.byKind.set(conv.kind, kindTally);
    for (const [i, turn] of conv.turns.entries()) {
      const context = i > 0 && mode !== "none" ? { previous: previous.slice(-MAX_PREVIOUS).map((p) => ({ ...p })) } : undefined;
      const reply = await ask(turn.q, context);
      const right = turnIsRight(turn, reply);
      allRight &&= right;
      for (const t of i === 0 ? [result.first] : [result.followups, kindTally]) {
        t.turns++;
        if (right) t.right++;
        if (right && turn.accept.length && turn.fields?.length && reply.fields) {
          t.fieldN++;
          const got = new Set(reply.fields);
          if (turn.fields.every((f) => got.has(fieldAliases[f] ?? f))) t.fieldOk++;
        }
      }
      if (!right && i > 0) {
        result.failures.push(
          `${conv.id} [${conv.kind}] turn ${i + 1} "${turn.q}" → ${reply.answered ? "answer" : "no answer"} ${reply.codes.slice(0, 3).join(",")} (want ${turn.accept.join(",") || "none"})`,
        );
      }
      const code = mode === "gold" ? turn.accept[0] : reply.answered ? reply.codes[0] : undefined;
      previous.push(code ? { question: turn.q, code } : { question: turn.q });
    }
    if (allRight) result.allRight++;
  }
  return result;
}
