import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { errorBody } from "./errors";

/**
 * zValidator that answers bad input with our error shape (400) instead of zod's raw issues.
 * The message names the offending parameter so a developer can fix the call.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path?.length ? ` (${issue.path.join(".")})` : "";
      return c.json(errorBody("invalid_input", `Dữ liệu gửi lên không hợp lệ${where}.`), 400);
    }
  });
}
