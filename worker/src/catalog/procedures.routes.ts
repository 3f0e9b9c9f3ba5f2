import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { procedures } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { tokens } from "../text/fold";
import { levelsOf } from "./procedure-dto";
import { getProcedure } from "./procedure-queries";

const listQuery = z.object({
  q: z.string().max(200).optional(),
  field: z.string().max(200).optional(),
  level: z.enum(["all", "xa", "tinh", "bo", "khac"]).default("all"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  /** The citizen's ward: its own procedures are listed with the national ones. */
  ward: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
});
export const procedureCode = z.object({ code: z.string().regex(/^[\w.\-]{1,40}$/) });

/**
 * Sort rank: names containing the whole query phrase first, then commune-level procedures
 * (what a ward's citizens come for), then the rest.
 */
function rankOf(phrase: string | null) {
  const commune = sql`(CASE WHEN ${procedures.levels} LIKE '%,xa,%' THEN 0 ELSE 1 END)`;
  if (!phrase) return sql<number>`${commune}`;
  return sql<number>`((CASE WHEN (' ' || ${procedures.sortKey}) LIKE ${`% ${phrase}%`} THEN 0 ELSE 2 END) + ${commune})`;
}

interface Cursor {
  r: number;
  s: string;
  c: string;
}

function encodeCursor(c: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(c));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(text: string): Cursor {
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const c = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
    if (typeof c.r === "number" && typeof c.s === "string" && typeof c.c === "string") return c;
  } catch {
    // fall through
  }
  throw new ApiError(400, "invalid_cursor", "Con trỏ phân trang không hợp lệ.");
}

export const procedureRoutes = new Hono<AppEnv>()
  .get("/", validate("query", listQuery), async (c) => {
    const { q, field, level, limit, cursor, ward } = c.req.valid("query");
    const filters = [
      eq(procedures.status, "active"),
      ward ? or(eq(procedures.origin, "portal"), eq(procedures.wardCode, ward))! : eq(procedures.origin, "portal"),
    ];
    if (field) filters.push(eq(procedures.field, field));
    if (level !== "all") filters.push(sql`${procedures.levels} LIKE ${`%,${level},%`}`);
    const words = q ? tokens(q) : [];
    const rank = rankOf(words.length > 1 ? words.join(" ") : null);
    for (const t of words) filters.push(sql`(' ' || ${procedures.searchKey}) LIKE ${`% ${t}%`}`);
    if (cursor) {
      const k = decodeCursor(cursor);
      filters.push(
        or(
          gt(rank, k.r),
          and(eq(rank, k.r), gt(procedures.sortKey, k.s)),
          and(eq(rank, k.r), eq(procedures.sortKey, k.s), gt(procedures.code, k.c)),
        )!,
      );
    }
    const rows = await c
      .get("db")
      .select({
        code: procedures.code,
        name: procedures.name,
        field: procedures.field,
        levels: procedures.levels,
        sortKey: procedures.sortKey,
        rank,
      })
      .from(procedures)
      .where(and(...filters))
      .orderBy(asc(rank), asc(procedures.sortKey), asc(procedures.code))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return c.json({
      items: page.map((p) => ({ code: p.code, name: p.name, field: p.field, levels: levelsOf(p.levels) })),
      nextCursor: rows.length > limit && last ? encodeCursor({ r: last.rank, s: last.sortKey, c: last.code }) : null,
    });
  })
  .get("/:code", validate("param", procedureCode), async (c) => {
    const { code } = c.req.valid("param");
    const p = await getProcedure(c.get("db"), code);
    if (!p) throw notFound("Không tìm thấy thủ tục này.");
    return c.json(p);
  });
