// Reading the everyday knowledge shipped in data/knowledge (see worker/src/catalog/everyday.ts).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEverydayLines, type StoredEveryday } from "../../worker/src/catalog/everyday";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEFAULT_EVERYDAY = path.join(ROOT, "data", "knowledge", "everyday.jsonl");

/** Code → everyday knowledge; empty when the file is absent (the catalog works without it). */
export function readEveryday(file: string = DEFAULT_EVERYDAY): Map<string, StoredEveryday> {
  return existsSync(file) ? parseEverydayLines(readFileSync(file, "utf8")) : new Map();
}

export function everydayHash(file: string = DEFAULT_EVERYDAY): string {
  return existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16) : "none";
}
