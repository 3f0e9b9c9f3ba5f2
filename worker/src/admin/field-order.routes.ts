/**
 * The ward admin's order of fields on the ward's home screen: fields pinned to the top, in
 * the admin's order; the others follow the ward-centre order (catalog/ward-fields.ts).
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { fieldCounts, pinnedFields } from "../catalog/fields.routes";
import { orderFields } from "../catalog/ward-fields";
import { wardFieldPins } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../platform/errors";
import { validate } from "../platform/validate";
import { managedWard } from "./ward-scope";

const body = z.object({ pinned: z.array(z.string().trim().min(1).max(200)).max(30) });

export const fieldOrderRoutes = new Hono<AppEnv>()
  .get("/field-order", async (c) => {
    const { ward } = managedWard(c);
    const db = c.get("db");
    const [counts, pinned] = await Promise.all([fieldCounts(db), pinnedFields(db, ward)]);
    return c.json({ pinned, items: orderFields(counts, pinned) });
  })
  .put("/field-order", validate("json", body), async (c) => {
    const { ward } = managedWard(c);
    const db = c.get("db");
    const pinned = [...new Set(c.req.valid("json").pinned)];
    const known = new Set((await fieldCounts(db)).map((f) => f.name));
    const unknown = pinned.filter((f) => !known.has(f));
    if (unknown.length) throw new ApiError(400, "invalid_field", `Không có lĩnh vực “${unknown[0]}” trong danh mục.`);
    await db.batch([
      db.delete(wardFieldPins).where(eq(wardFieldPins.wardCode, ward)),
      ...pinned.map((field, position) => db.insert(wardFieldPins).values({ wardCode: ward, field, position })),
    ]);
    return c.json({ pinned, items: orderFields(await fieldCounts(db), pinned) });
  });
