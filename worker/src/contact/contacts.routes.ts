import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { officers, procedures, provinces, wardProfiles, wards } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../platform/errors";
import { validate } from "../platform/validate";
import { describeHours, describeMoment, isOpen, nextOpening, type WeeklyHours } from "./hours";

const params = z.object({ code: z.string().regex(/^\d{5}$/) });
const query = z.object({
  field: z.string().max(200).optional(),
  procedureCode: z
    .string()
    .regex(/^[\w.\-]{1,40}$/)
    .optional(),
});

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** Who to call or message at a ward, for a field or procedure, and whether the centre is open. */
export const contactRoutes = new Hono<AppEnv>().get(
  "/:code/contacts",
  validate("param", params),
  validate("query", query),
  async (c) => {
    const { code } = c.req.valid("param");
    const { field: fieldParam, procedureCode } = c.req.valid("query");
    const db = c.get("db");
    const [[ward], [profile], people, procedure] = await db.batch([
      db
        // Aliased: inside db.batch, same-named columns of a join would overwrite each other.
        .select({
          code: wards.code,
          name: wards.name,
          provinceName: sql<string>`${provinces.name}`.as("province_name"),
          address: wards.adminCenterAddress,
          lat: wards.lat,
          lon: wards.lon,
        })
        .from(wards)
        .innerJoin(provinces, eq(provinces.code, wards.provinceCode))
        .where(eq(wards.code, code)),
      db.select().from(wardProfiles).where(eq(wardProfiles.wardCode, code)),
      db.select().from(officers).where(eq(officers.wardCode, code)).orderBy(officers.name),
      db
        .select({ field: procedures.field })
        .from(procedures)
        .where(eq(procedures.code, procedureCode ?? "")),
    ]);
    if (!ward) throw notFound("Không tìm thấy xã, phường này.");
    // The procedure's field decides who is responsible; an explicit field is the fallback.
    const field = procedure[0]?.field ?? fieldParam ?? null;
    const all = people.map((o) => ({
      id: o.id,
      name: o.name,
      title: o.title,
      fields: parseJson<string[]>(o.fields, []),
      phone: o.phone,
      onDuty: o.onDuty,
      demo: o.demo,
    }));
    const responsible = field ? all.filter((o) => o.fields.includes(field)) : all;
    const hours = profile ? parseJson<WeeklyHours>(profile.hours, {}) : null;
    const closedDays = profile ? parseJson<string[]>(profile.closedDays, []) : [];
    const now = new Date();
    const open = hours ? isOpen(hours, closedDays, now) : null;
    const next = hours && !open ? nextOpening(hours, closedDays, now) : null;
    return c.json({
      ward: { code: ward.code, name: ward.name, provinceName: ward.provinceName },
      address: profile?.address ?? ward.address,
      hotline: profile?.hotline ?? null,
      /** The ward's seat (official unit data), for "Chỉ đường"; null when the data has none. */
      location: ward.lat != null && ward.lon != null ? { lat: ward.lat, lon: ward.lon } : null,
      hours: hours ? describeHours(hours) : [],
      openNow: open,
      nextOpening: next ? next.toISOString() : null,
      nextOpeningText: next ? describeMoment(next) : null,
      field,
      fieldMatched: !field || responsible.length > 0,
      officers: (responsible.length ? responsible : all).sort((a, b) => Number(b.onDuty) - Number(a.onDuty)),
      demo: all.some((o) => o.demo),
    });
  },
);
