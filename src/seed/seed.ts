import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { inTransaction } from "../db/transaction.js";
import { sampleWineries } from "./sample-wineries.js";

/**
 * Inserts the sample wineries into an empty table and returns how many it inserted (0 when there
 * already are wineries). The advisory lock keeps two processes starting at once from both seeing
 * an empty table and seeding twice; a table that has wineries is left alone before any lock is
 * taken (a database behind Aurora write forwarding refuses advisory locks).
 */
export async function seedSampleWineries(db: Db): Promise<number> {
  if (await db.selectFrom("wineries").select("id").limit(1).executeTakeFirst()) return 0;
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('cellar.seed-sample-wineries'))`.execute(trx);
    const existing = await trx.selectFrom("wineries").select("id").limit(1).executeTakeFirst();
    if (existing) return 0;
    const inserted = await trx
      .insertInto("wineries")
      .values(sampleWineries.map((winery) => ({ ...winery, website: winery.website ?? null })))
      .returning("id")
      .execute();
    return inserted.length;
  });
}
