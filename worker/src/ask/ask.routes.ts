import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { afterResponse } from "../contact/conversation-store";
import type { Db } from "../db/client";
import { askLogs } from "../db/schema";
import { clientIp, enforce } from "../platform/rate-limit";
import { validate } from "../platform/validate";
import { redactNumbers } from "../privacy/redact";
import { wardPrivacy } from "../privacy/settings";
import { answerQuestion, askContextSchema } from "./ask-service";
import { countAsk } from "./ask-counts";

const askBody = z.object({
  question: z.string().trim().min(1).max(1000),
  wardCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  context: askContextSchema.optional(),
});

/** "Cải thiện trợ lý": only for a ward that turned it on, redacted, kept 90 days, linked to no one. */
async function logQuestion(db: Db, wardCode: string, question: string, kind: string, topCode: string | null) {
  if (!(await wardPrivacy(db, wardCode)).improveAssistant) return;
  await db.insert(askLogs).values({ id: crypto.randomUUID(), wardCode, question: redactNumbers(question), kind, topCode, at: Date.now() });
}

export const askRoutes = new Hono<AppEnv>().post("/", validate("json", askBody), async (c) => {
  await enforce(c, "ask_ip", clientIp(c));
  const timing: string[] | undefined = c.env.ENVIRONMENT === "development" ? [] : undefined;
  const input = c.req.valid("json");
  const reply = await answerQuestion(c.get("db"), input, timing);
  if (input.wardCode) {
    afterResponse(c, logQuestion(c.get("db"), input.wardCode, input.question, reply.kind, reply.matches[0]?.code ?? null).catch(() => undefined));
  }
  // "Most asked first" on the field pages: a count per procedure and ward, never the question.
  const code = reply.kind === "answer" ? reply.answer?.code : null;
  if (code) afterResponse(c, countAsk(c.get("db"), code, input.wardCode ?? "").catch(() => undefined));
  if (timing?.length) c.header("Server-Timing", timing.join(", "), { append: true });
  return c.json(reply);
});
