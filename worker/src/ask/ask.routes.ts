import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { afterResponse } from "../contact/conversation-store";
import type { Db } from "../db/client";
import { askLogs } from "../db/schema";
import { clientIp, enforce } from "../platform/rate-limit";
import { redactNumbers } from "../privacy/redact";
import { wardPrivacy } from "../privacy/settings";
import { validate } from "../platform/validate";
import { composeAnswer } from "./compose";
import { getIndex, lastLoad } from "./index-cache";
import { cachedProcedure, cachedWardName } from "./record-cache";
import { askForWard, type FaqEntry } from "./ward-answer";
import { getWardContent } from "./ward-content-cache";

const askBody = z.object({
  question: z.string().trim().min(1).max(1000),
  wardCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
});

const NONE_MESSAGES = {
  not_a_procedure: "Mình là trợ lý thủ tục hành chính của xã, phường. Bạn hỏi về một thủ tục (ví dụ: đăng ký khai sinh cần giấy tờ gì) nhé. Nếu cần, bạn có thể hỏi trực tiếp cán bộ.",
  no_match: "Mình chưa tìm thấy thủ tục nào trong danh mục trả lời được câu này. Bạn có thể hỏi trực tiếp cán bộ xã, phường.",
  not_at_ward: "Việc này không làm tại xã, phường (thường do cấp tỉnh, cơ quan chuyên ngành hoặc tòa án giải quyết). Bạn có thể hỏi cán bộ để được hướng dẫn nơi làm.",
} as const;

async function logQuestion(db: Db, wardCode: string, question: string, kind: string, topCode: string | null) {
  if (!(await wardPrivacy(db, wardCode)).improveAssistant) return;
  await db.insert(askLogs).values({ id: crypto.randomUUID(), wardCode, question: redactNumbers(question), kind, topCode, at: Date.now() });
}

const noteOf = (f: FaqEntry) => ({ id: f.id, question: f.question, answer: f.answer, updatedAt: f.updatedAt });

export const askRoutes = new Hono<AppEnv>().post("/", validate("json", askBody), async (c) => {
  const { question, wardCode } = c.req.valid("json");
  await enforce(c, "ask_ip", clientIp(c));
  const db = c.get("db");
  const t0 = performance.now();
  // Independent reads start together: on a cold isolate each is a D1 round trip.
  const indexReady = getIndex(db);
  const wardReady = wardCode ? getWardContent(db, indexReady, wardCode) : null;
  // Not every reply needs the name: a failed read must not surface as an unhandled rejection.
  const wardNameReady = wardCode ? cachedWardName(db, wardCode).catch(() => null) : null;
  const index = await indexReady;
  const ward = await wardReady;
  const t1 = performance.now();
  const outcome = askForWard(index, question, ward);
  if (c.env.ENVIRONMENT === "development") {
    const built = t1 - t0 > 1 ? `, ${lastLoad.from};dur=${lastLoad.readMs.toFixed(2)}, build;dur=${lastLoad.buildMs.toFixed(2)}` : "";
    c.header("Server-Timing", `index;dur=${(t1 - t0).toFixed(2)}${built}, engine;dur=${(performance.now() - t1).toFixed(2)}`, { append: true });
  }
  // "Cải thiện trợ lý": only for a ward that turned it on, redacted, kept 90 days, not linked to anyone.
  if (wardCode) afterResponse(c, logQuestion(db, wardCode, question, outcome.kind, outcome.matches[0]?.code ?? null).catch(() => undefined));
  const intent = { fields: outcome.fields };
  const matches = outcome.matches.map((m) => ({ code: m.code, name: m.name, levels: m.levels, score: Number(m.score.toFixed(3)) }));

  if (outcome.kind === "none") {
    const reason = outcome.reason ?? "no_match";
    return c.json({
      kind: "none" as const,
      intent,
      matches: [],
      message: NONE_MESSAGES[reason as keyof typeof NONE_MESSAGES] ?? NONE_MESSAGES.no_match,
      suggestions: [{ action: "contact_officer" as const, label: "Hỏi cán bộ" }],
    });
  }
  if (outcome.kind === "clarify") {
    return c.json({
      kind: "clarify" as const,
      intent,
      matches,
      message: "Câu hỏi của bạn khớp với vài thủ tục. Bạn chọn đúng thủ tục mình cần nhé:",
      suggestions: matches.filter((m) => m.levels.includes("xa")).map((m) => ({ action: "choose" as const, code: m.code, label: m.name })),
    });
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
      fields: outcome.fields,
      text: `${faq.answer}\n\nNguồn: ${wardName ?? "xã, phường"} trả lời.`,
      facts: [],
      sourceUrl: null,
      updatedAt: faq.updatedAt,
      wardName,
      wardNotes: [],
      notices: [],
    };
    return c.json({ kind: "answer" as const, intent, matches, answer });
  }
  const record = await cachedProcedure(db, outcome.matches[0].code);
  const answer = record ? composeAnswer(record, outcome.fields, wardName) : null;
  if (!answer) {
    // The index is older than the catalog (re-import in progress): say so rather than guess.
    return c.json({ kind: "none" as const, intent, matches: [], message: NONE_MESSAGES.no_match, suggestions: [{ action: "contact_officer" as const, label: "Hỏi cán bộ" }] });
  }
  // What the ward itself says about this procedure (opening hours for it, which desk, …).
  const wardNotes = (ward?.faqs ?? []).filter((f) => f.procedureCode === answer.code).slice(0, 3).map(noteOf);
  const now = Date.now();
  const notices = (ward?.notices ?? [])
    .filter((n) => n.procedureCode === answer.code && n.startsAt <= now && (n.endsAt == null || n.endsAt > now))
    .sort((a, b) => b.startsAt - a.startsAt)
    .slice(0, 3)
    .map(({ id, title, body, startsAt, endsAt }) => ({ id, title, body, startsAt, endsAt }));
  return c.json({
    kind: "answer" as const,
    intent,
    matches,
    answer: { source: "catalog" as const, faqId: null, ...answer, updatedAt: null, wardName, wardNotes, notices },
  });
});
