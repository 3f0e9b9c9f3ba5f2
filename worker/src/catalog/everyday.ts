/**
 * Everyday knowledge about a procedure: how citizens name it and the situations that lead to
 * it, written and reviewed per procedure in data/knowledge/everyday.jsonl. It helps the engine
 * recognise a question and gives answers a short title; it is never shown as a fact about the
 * procedure (fees, times and documents come from the record only). Pure.
 */
import { z } from "zod";

export const everydaySchema = z.object({
  code: z.string().min(1),
  short: z.string().trim().min(1).max(80),
  aliases: z.array(z.string().trim().min(1).max(120)).max(12).default([]),
  situations: z.array(z.string().trim().min(1).max(200)).max(16).default([]),
  result: z.string().trim().max(120).default(""),
  who: z.string().trim().max(200).default(""),
});

export type Everyday = z.infer<typeof everydaySchema>;

/** What is stored with the procedure (the code is the row's own). */
export type StoredEveryday = Omit<Everyday, "code">;

/** Parses the JSON Lines file; a bad line is an error naming its line, not a silent skip. */
export function parseEverydayLines(text: string): Map<string, StoredEveryday> {
  const out = new Map<string, StoredEveryday>();
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = everydaySchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`everyday.jsonl line ${i + 1}: ${parsed.error.issues[0]?.message}`);
    const { code, ...rest } = parsed.data;
    if (out.has(code)) throw new Error(`everyday.jsonl line ${i + 1}: ${code} appears twice`);
    out.set(code, rest);
  });
  return out;
}

export function readStoredEveryday(json: string | null | undefined): StoredEveryday | null {
  if (!json) return null;
  try {
    const parsed = everydaySchema.omit({ code: true }).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A short title when nobody wrote one: the legal name without "Thủ tục" and without what
 * follows the first bracket or a long list ("Chứng thực chữ ký trong các giấy tờ, văn bản (…)"
 * → "Chứng thực chữ ký trong các giấy tờ").
 */
export function fallbackShortName(name: string): string {
  const main = name.replace(/^thủ tục\s+/i, "").split("(")[0].trim();
  const cut = main.length > 70 ? main.split(/[,;:]/)[0].trim() : main;
  const title = cut || main || name;
  return title.charAt(0).toLocaleUpperCase("vi") + title.slice(1);
}

export function shortNameOf(name: string, everyday: StoredEveryday | null): string {
  return everyday?.short || fallbackShortName(name);
}
