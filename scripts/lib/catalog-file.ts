// Reading the portal export as shipped in data/catalog (JSON Lines, optionally gzipped).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { PortalRecord } from "../../worker/src/catalog/portal-parser";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEFAULT_CATALOG = path.join(ROOT, "data", "catalog", "dvc-procedures-2026-06.jsonl.gz");

export function readRecords(file: string = DEFAULT_CATALOG): PortalRecord[] {
  const buf = readFileSync(file);
  const text = file.endsWith(".gz") ? gunzipSync(buf).toString("utf8") : buf.toString("utf8");
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PortalRecord);
}

export function fileHash(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}
