import { and, eq, or } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { procedures } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { getIndex } from "../ask/index-cache";
import { getWardContent } from "../ask/ward-content-cache";
import type { Db } from "../db/client";
import type { Level } from "./portal-parser";
import { browseProcedures } from "./procedure-browse";
import { SEARCH_POOL, searchProcedures } from "./procedure-search";
import { levelsOf } from "./procedure-dto";
import { cachedProcedure } from "../ask/record-cache";

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

type ListQuery = z.infer<typeof listQuery> & { q: string };

/**
 * Search: the engine ranks the national catalog (and, with `ward`, that ward's own
 * procedures); field and level filter the ranked list; the cursor is an offset into it.
 */
async function search(db: Db, { q, field, level, limit, cursor, ward }: ListQuery) {
  const indexReady = getIndex(db);
  const wardContent = ward ? await getWardContent(db, indexReady, ward) : null;
  const index = await indexReady;
  let hits = searchProcedures(index, q, wardContent?.procedures ?? undefined);
  if (field) hits = hits.filter((h) => h.field === field);
  if (level !== "all") hits = hits.filter((h) => h.levels.includes(level));
  // A procedure code typed or pasted as is ("1.001193") opens that record first.
  const code = q.trim();
  if (/^[\d.]{5,20}$|^L\d{5}-[a-z0-9]{6}$/.test(code) && !hits.some((h) => h.code === code)) {
    const [p] = await db
      .select({ code: procedures.code, name: procedures.name, field: procedures.field, levels: procedures.levels })
      .from(procedures)
      .where(and(eq(procedures.code, code), eq(procedures.status, "active"), ward ? or(eq(procedures.origin, "portal"), eq(procedures.wardCode, ward)) : eq(procedures.origin, "portal")));
    if (p) hits.unshift({ ...p, levels: levelsOf(p.levels) });
  }
  let offset = 0;
  if (cursor) {
    const k = decodeCursor(cursor);
    if (!("o" in k)) throw new ApiError(400, "invalid_cursor", "Con trỏ phân trang không hợp lệ.");
    offset = k.o;
  }
  const page = hits.slice(offset, offset + limit);
  return {
    items: page.map((h) => ({ code: h.code, name: h.name, field: h.field, levels: h.levels as Level[] })),
    nextCursor: offset + limit < hits.length ? encodeCursor({ o: offset + limit }) : null,
  };
}

/** Browsing: keyset (rank, sort key, code). Searching: offset into the ranked list. */
type Cursor = { r: number; s: string; c: string } | { o: number };

function encodeCursor(c: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(c));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(text: string): Cursor {
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const c = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
    if (typeof c.r === "number" && typeof c.s === "string" && typeof c.c === "string") return c;
    if (Number.isInteger(c.o) && c.o >= 0 && c.o <= SEARCH_POOL) return c;
  } catch {
    // fall through
  }
  throw new ApiError(400, "invalid_cursor", "Con trỏ phân trang không hợp lệ.");
}

export const procedureRoutes = new Hono<AppEnv>()
  .get("/", validate("query", listQuery), async (c) => {
    const query = c.req.valid("query");
    if (query.q && query.q.trim()) return c.json(await search(c.get("db"), { ...query, q: query.q }));
    const { field, level, limit, cursor, ward } = query;
    let after: { r: number; s: string; c: string } | undefined;
    if (cursor) {
      const k = decodeCursor(cursor);
      if (!("r" in k)) throw new ApiError(400, "invalid_cursor", "Con trỏ phân trang không hợp lệ.");
      after = k;
    }
    // From the isolate's catalog index (the catalog changes only on import), not from D1.
    const db = c.get("db");
    const indexReady = getIndex(db);
    const wardContent = ward ? await getWardContent(db, indexReady, ward) : null;
    const { items, more } = browseProcedures(await indexReady, wardContent?.procedures ?? null, { field, level, limit, after });
    const last = items[items.length - 1];
    // Public and the same for everyone: shared caches may keep it briefly.
    c.header("Cache-Control", "public, max-age=300");
    return c.json({
      items: items.map((p) => ({ code: p.code, name: p.name, field: p.field, levels: p.levels })),
      nextCursor: more && last ? encodeCursor({ r: last.rank, s: last.sortKey, c: last.code }) : null,
    });
  })
  .get("/:code", validate("param", procedureCode), validate("query", z.object({ ward: z.string().regex(/^\d{5}$/).optional() })), async (c) => {
    const { code } = c.req.valid("param");
    // Records change only on import: the isolate's cache answers most reads without D1.
    const p = await cachedProcedure(c.get("db"), code);
    // A ward's own procedure is shown to that ward's citizens (and its staff), never to others.
    const user = c.get("user");
    const viewerWard = c.req.valid("query").ward ?? (user && user.role !== "citizen" ? user.ward : undefined);
    if (!p || (p.origin === "local" && p.wardCode !== viewerWard && user?.role !== "system_admin")) throw notFound("Không tìm thấy thủ tục này.");
    if (p.origin === "portal") c.header("Cache-Control", "public, max-age=300");
    return c.json(p);
  });
