import { and, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { provinces, wards } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { wordPrefixPatterns } from "../platform/like";
import { rankWards } from "./ward-search";

const listQuery = z.object({
  q: z.string().max(200).optional(),
  province: z.string().regex(/^\d{2}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const codeParam = z.object({ code: z.string().regex(/^\d{5}$/) });

/** Candidates scanned before ranking; a query this broad is refined by the user anyway. */
const MAX_CANDIDATES = 400;

const wardColumns = {
  code: wards.code,
  name: wards.name,
  shortName: wards.shortName,
  type: wards.type,
  provinceCode: wards.provinceCode,
  provinceName: provinces.name,
  searchKey: wards.searchKey,
  lat: wards.lat,
  lon: wards.lon,
  adminCenterAddress: wards.adminCenterAddress,
  mergedFrom: wards.mergedFrom,
};

function toItem(w: { code: string; name: string; type: string; provinceCode: string; provinceName: string }) {
  return { code: w.code, name: w.name, type: w.type, provinceCode: w.provinceCode, provinceName: w.provinceName };
}

export const wardRoutes = new Hono<AppEnv>()
  .get("/", validate("query", listQuery), async (c) => {
    const { q, province, limit } = c.req.valid("query");
    const db = c.get("db");
    const filters = [];
    if (province) filters.push(eq(wards.provinceCode, province));
    // Bounded: at most 8 distinct words, each pattern ≤ 50 bytes (D1's limits); ranking below
    // still reads every word typed, the province's included.
    const patterns = q ? wordPrefixPatterns(q) : [];
    for (const p of patterns) filters.push(sql`(' ' || ${wards.searchKey}) LIKE ${p}`);
    const rows = await db
      .select(wardColumns)
      .from(wards)
      .innerJoin(provinces, eq(provinces.code, wards.provinceCode))
      .where(filters.length ? and(...filters) : undefined)
      .orderBy(wards.searchKey)
      .limit(patterns.length ? MAX_CANDIDATES : limit);
    const ranked = q && patterns.length ? rankWards(q.slice(0, 200), rows) : rows;
    return c.json({ items: ranked.slice(0, limit).map(toItem) });
  })
  .get("/:code", validate("param", codeParam), async (c) => {
    const { code } = c.req.valid("param");
    const [w] = await c
      .get("db")
      .select(wardColumns)
      .from(wards)
      .innerJoin(provinces, eq(provinces.code, wards.provinceCode))
      .where(eq(wards.code, code));
    if (!w) throw notFound("Không tìm thấy xã, phường này.");
    return c.json({
      ...toItem(w),
      shortName: w.shortName,
      lat: w.lat,
      lon: w.lon,
      adminCenterAddress: w.adminCenterAddress,
      mergedFrom: w.mergedFrom,
    });
  });
