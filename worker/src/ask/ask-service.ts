/**
 * One question (with the conversation's earlier turns) → the reply the mini app and the Zalo
 * OA bot both show. Loads the index and the ward's content, runs the pure engine, composes the
 * answer from the official record. Shared so both channels answer alike.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { composeAnswer } from "./compose";
import type { AskContext } from "./engine";
import { getIndex, lastLoad } from "./index-cache";
import { cachedProcedure, cachedWardName } from "./record-cache";
import type { ProcedureDto } from "../catalog/procedure-dto";
import type { IntentField } from "./intent";
import { askForWard, type FaqEntry, type WardContent } from "./ward-answer";
import { getWardContent } from "./ward-content-cache";
import { isAtWard, whereHandled } from "./where-handled";

export const askContextSchema = z.object({
  previous: z
    .array(
      z.object({
        question: z.string().trim().min(1).max(1000),
        code: z.string().trim().min(1).max(40).nullish(),
      }),
    )
    .max(5),
});

export interface AskInput {
  question: string;
  wardCode?: string;
  context?: AskContext;
}

const NONE_MESSAGES = {
  not_a_procedure: "Mình là trợ lý thủ tục hành chính của xã, phường. Bạn hỏi về một thủ tục (ví dụ: đăng ký khai sinh cần giấy tờ gì) nhé. Nếu cần, bạn có thể hỏi trực tiếp cán bộ.",
  no_match: "Mình chưa tìm thấy thủ tục nào trong danh mục trả lời được câu này. Bạn có thể hỏi trực tiếp cán bộ xã, phường.",
  not_at_ward: "Việc này không làm tại xã, phường (thường do cấp tỉnh, cơ quan chuyên ngành hoặc tòa án giải quyết). Bạn có thể hỏi cán bộ để được hướng dẫn nơi làm.",
} as const;

const CHOICE_FLOOR = 0.03;
const CHOICE_SHARE = 0.1;

const noteOf = (f: FaqEntry) => ({ id: f.id, question: f.question, answer: f.answer, updatedAt: f.updatedAt });


/** `timing`: development Server-Timing entries are appended to it when given. */
export async function answerQuestion(db: Db, input: AskInput, timing?: string[]) {
  const { question, wardCode, context } = input;
  const t0 = performance.now();
  // Independent reads start together: on a cold isolate each is a D1 round trip.
  const indexReady = getIndex(db);
  const wardReady = wardCode ? getWardContent(db, indexReady, wardCode) : null;
  // Not every reply needs the name: a failed read must not surface as an unhandled rejection.
  const wardNameReady = wardCode ? cachedWardName(db, wardCode).catch(() => null) : null;
  const index = await indexReady;
  const ward = await wardReady;
  const t1 = performance.now();
  const outcome = askForWard(index, question, ward, context);
  if (timing) {
    const built = t1 - t0 > 1 ? `, ${lastLoad.from};dur=${lastLoad.readMs.toFixed(2)}, build;dur=${lastLoad.buildMs.toFixed(2)}` : "";
    timing.push(`index;dur=${(t1 - t0).toFixed(2)}${built}, engine;dur=${(performance.now() - t1).toFixed(2)}`);
  }
  const intent = { fields: outcome.fields };
  const matches = outcome.matches.map((m) => ({ code: m.code, name: m.name, levels: m.levels, score: Number(m.score.toFixed(3)) }));
  const none = (reason: string | undefined) => ({
    kind: "none" as const,
    intent,
    matches: [],
    message: NONE_MESSAGES[(reason ?? "no_match") as keyof typeof NONE_MESSAGES] ?? NONE_MESSAGES.no_match,
    suggestions: [{ action: "contact_officer" as const, label: "Hỏi cán bộ" }],
  });

  if (outcome.kind === "none") return none(outcome.reason);
  if (outcome.kind === "clarify") {
    return {
      kind: "clarify" as const,
      intent,
      matches,
      message: "Có phải bạn muốn hỏi một trong các thủ tục sau? Bạn chọn đúng thủ tục mình cần nhé (hoặc hỏi cán bộ):",
      // Only plausible choices are offered: one far behind the first is not what the citizen meant.
      suggestions: matches
        .filter((m, i) => i === 0 || m.score >= Math.max(CHOICE_FLOOR, CHOICE_SHARE * matches[0].score))
        .slice(0, 3)
        .map((m) => ({ action: "choose" as const, code: m.code, label: m.name })),
    };
  }
  const wardName = await wardNameReady;
  if (outcome.faq) {
    const faq = outcome.faq.entry;
    const linked = faq.procedureCode ? await cachedProcedure(db, faq.procedureCode) : null;
    const answer = {
      source: "ward_faq" as const,
      faqId: faq.id,
      code: linked ? linked.code : null,
      name: faq.question,
      shortName: faq.question,
      atWard: true,
      related: [],
      fields: outcome.fields,
      text: `${faq.answer}\n\nNguồn: ${wardName ?? "xã, phường"} trả lời.`,
      agencies: null,
      levels: [],
      facts: [],
      sourceUrl: null,
      updatedAt: faq.updatedAt,
      wardName,
      wardNotes: [],
      notices: [],
    };
    return { kind: "answer" as const, intent, matches, answer };
  }
  const record = await cachedProcedure(db, outcome.matches[0].code);
  // The index is older than the catalog (re-import in progress): say so rather than guess.
  if (!record) return none("no_match");
  const related = (outcome.related ?? []).slice(0, 3).map((m) => ({ code: m.code, name: m.name, levels: m.levels }));
  return { kind: "answer" as const, intent, matches, answer: catalogAnswer(record, outcome.fields, wardName, ward, related) };
}

type Related = { code: string; name: string; levels: string[] }[];

/**
 * The answer about one procedure from its official record: what was asked, who handles it when
 * the ward does not, and the ward's own notes and notices in force about it.
 */
function catalogAnswer(record: ProcedureDto, fields: IntentField[], wardName: string | null, ward: WardContent | null, related: Related) {
  const composed = composeAnswer(record, fields, wardName);
  const atWard = isAtWard(record);
  // Not done at the ward: still answered from the record, first saying who does it.
  if (!atWard) {
    const where = whereHandled(record);
    composed.facts.unshift({ field: "agency", label: "Nơi giải quyết", lines: where.lines, source: "co_quan_thuc_hien" });
    composed.text = `${where.lines.join("\n")}\n\n${composed.text}`;
  }
  // What the ward itself says about this procedure (opening hours for it, which desk, …).
  const wardNotes = (ward?.faqs ?? []).filter((f) => f.procedureCode === composed.code).slice(0, 3).map(noteOf);
  const now = Date.now();
  const notices = (ward?.notices ?? [])
    .filter((n) => n.procedureCode === composed.code && n.startsAt <= now && (n.endsAt == null || n.endsAt > now))
    .sort((a, b) => b.startsAt - a.startsAt)
    .slice(0, 3)
    .map(({ id, title, body, startsAt, endsAt }) => ({ id, title, body, startsAt, endsAt }));
  return {
    source: "catalog" as const,
    faqId: null,
    ...composed,
    shortName: record.shortName,
    atWard,
    related,
    updatedAt: null,
    wardName,
    wardNotes,
    notices,
  };
}

/**
 * The answer about a procedure the citizen chose (a clarify choice), composed like any other
 * answer; null when the code is unknown.
 */
export async function answerForProcedure(db: Db, input: { code: string; fields: IntentField[]; wardCode?: string }) {
  const { code, fields, wardCode } = input;
  const [record, ward, wardName] = await Promise.all([
    cachedProcedure(db, code),
    wardCode ? getWardContent(db, getIndex(db), wardCode) : null,
    wardCode ? cachedWardName(db, wardCode).catch(() => null) : null,
  ]);
  if (!record) return null;
  return {
    kind: "answer" as const,
    intent: { fields },
    matches: [{ code: record.code, name: record.name, levels: record.levels, score: 1 }],
    answer: catalogAnswer(record, fields, wardName, ward, []),
  };
}

export type AskReply = Awaited<ReturnType<typeof answerQuestion>>;
