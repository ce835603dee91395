import { type SqlBool, sql } from "kysely";
import type { Db } from "./database.js";
import type { FavoriteWinery } from "./favorite.model.js";
import { assertPageLimit } from "./page-limit.js";
import { isUuid } from "./uuid.js";
import { toWinery } from "./winery.model.js";

export type AddFavoriteOutcome = "added" | "exists" | "no-winery";

export interface FavoritesPage {
  limit: number;
  /** Keyset cursor: the last row of the previous page. */
  after?: { favoritedAt: Date; wineryId: string };
}

/**
 * Idempotent. Inserting through a SELECT of the winery means a missing winery inserts nothing
 * instead of raising a foreign-key error, which would abort a caller's enclosing transaction.
 */
export async function addFavorite(db: Db, userId: string, wineryId: string): Promise<AddFavoriteOutcome> {
  if (!isUuid(wineryId)) return "no-winery";
  const inserted = await db
    .insertInto("favorites")
    .columns(["user_id", "winery_id"])
    .expression((eb) =>
      eb
        .selectFrom("wineries")
        .select([sql<string>`${userId}::text`.as("user_id"), "id"])
        .where("id", "=", wineryId),
    )
    .onConflict((oc) => oc.columns(["user_id", "winery_id"]).doNothing())
    .returning("winery_id")
    .executeTakeFirst();
  if (inserted) return "added";
  const winery = await db.selectFrom("wineries").select("id").where("id", "=", wineryId).executeTakeFirst();
  return winery ? "exists" : "no-winery";
}

export async function removeFavorite(db: Db, userId: string, wineryId: string): Promise<boolean> {
  if (!isUuid(wineryId)) return false;
  const { numDeletedRows } = await db
    .deleteFrom("favorites")
    .where("user_id", "=", userId)
    .where("winery_id", "=", wineryId)
    .executeTakeFirst();
  return numDeletedRows > 0n;
}

/** Newest first; (favorited_at, winery_id) is the total order behind the keyset cursor. */
export async function listFavorites(db: Db, userId: string, page: FavoritesPage): Promise<FavoriteWinery[]> {
  const { limit, after } = page;
  assertPageLimit(limit);
  if (after && !(after.favoritedAt instanceof Date && !Number.isNaN(after.favoritedAt.getTime()))) {
    throw new RangeError("after.favoritedAt must be a valid Date");
  }
  if (after && !isUuid(after.wineryId)) throw new RangeError("after.wineryId must be a uuid");

  const rows = await db
    .selectFrom("favorites as f")
    .innerJoin("wineries as w", "w.id", "f.winery_id")
    .selectAll("w")
    .select("f.created_at as favorited_at")
    .where("f.user_id", "=", userId)
    .$if(after !== undefined, (qb) =>
      qb.where(
        sql<SqlBool>`(f.created_at, f.winery_id) < (${after?.favoritedAt}::timestamptz, ${after?.wineryId}::uuid)`,
      ),
    )
    .orderBy("f.created_at", "desc")
    .orderBy("f.winery_id", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ favorited_at, ...winery }) => ({ winery: toWinery(winery), favoritedAt: favorited_at }));
}

export async function countFavorites(db: Db, userId: string): Promise<number> {
  const { count } = await db
    .selectFrom("favorites")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(count);
}
