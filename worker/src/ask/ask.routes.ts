import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { validate } from "../platform/validate";
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

export const askRoutes = new Hono<AppEnv>().post("/", validate("json", askBody), async (c) => {
  const timing: string[] | undefined = c.env.ENVIRONMENT === "development" ? [] : undefined;
  const input = c.req.valid("json");
  const reply = await answerQuestion(c.get("db"), input, timing);
  // "Most asked first" on the field pages: a count per procedure and ward, never the question.
  const code = reply.kind === "answer" ? reply.answer?.code : null;
  if (code) c.executionCtx.waitUntil(countAsk(c.get("db"), code, input.wardCode ?? ""));
  if (timing?.length) c.header("Server-Timing", timing.join(", "), { append: true });
  return c.json(reply);
});
