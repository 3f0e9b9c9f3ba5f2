import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { procedureAsks } from "../db/schema";

/** One more answer about `code` to a citizen of `ward` ("" when none was picked). A lost count is harmless. */
export async function countAsk(db: Db, code: string, ward: string): Promise<void> {
  try {
    await db
      .insert(procedureAsks)
      .values({ procedureCode: code, wardCode: ward, asks: 1 })
      .onConflictDoUpdate({ target: [procedureAsks.procedureCode, procedureAsks.wardCode], set: { asks: sql`${procedureAsks.asks} + 1` } });
  } catch {
    // counting never fails an answer
  }
}
