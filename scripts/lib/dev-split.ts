// The development set's fixed split (issue 10, item 7): a question belongs to the tuning half
// when the first byte of SHA-256(id) is even, to the check half when it is odd. The split
// depends only on the id, so it never changes when questions are added, reordered or relabelled;
// rules and weights are fitted on "tune" only, and "check" measures how well they carry over.
import { createHash } from "node:crypto";
import path from "node:path";

export type DevHalf = "tune" | "check";

export function devHalf(id: string): DevHalf {
  const first = createHash("sha256").update(id, "utf8").digest()[0];
  return first % 2 === 0 ? "tune" : "check";
}

export function splitDev<T extends { id: string }>(items: readonly T[]): Record<DevHalf, T[]> {
  const halves: Record<DevHalf, T[]> = { tune: [], check: [] };
  for (const it of items) halves[devHalf(it.id)].push(it);
  return halves;
}

/**
 * Where the development set is: `EVAL_DEV` when set (worktrees live elsewhere than the
 * checkout that has ../shared next to it), otherwise `<repo>/../shared/eval/dev.jsonl`.
 */
export function devSetPath(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.EVAL_DEV ?? path.join(repoRoot, "..", "shared", "eval", "dev.jsonl");
}
