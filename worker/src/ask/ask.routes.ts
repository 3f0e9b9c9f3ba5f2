import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { validate } from "../platform/validate";
import { answerQuestion, askContextSchema } from "./ask-service";

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
  const reply = await answerQuestion(c.get("db"), c.req.valid("json"), timing);
  if (timing?.length) c.header("Server-Timing", timing.join(", "), { append: true });
  return c.json(reply);
});
