import type { Caller } from "@cellar/runtime";
import { notFound } from "@cellar/runtime";
import type { Db } from "../db/database.js";
import { addFavorite, removeFavorite } from "../db/favorite.repository.js";

/** Both versions: idempotent, 404 only when the winery itself does not exist. */
export async function favoriteWinery(
  db: Db,
  caller: Caller,
  wineryId: string,
): Promise<{ status: 204; body: undefined }> {
  const outcome = await addFavorite(db, caller.sub, wineryId);
  if (outcome === "no-winery") throw notFound(`Winery ${wineryId} does not exist.`);
  return { status: 204, body: undefined };
}

/** Both versions: removing a favorite that is not there is still a success. */
export async function unfavoriteWinery(
  db: Db,
  caller: Caller,
  wineryId: string,
): Promise<{ status: 204; body: undefined }> {
  await removeFavorite(db, caller.sub, wineryId);
  return { status: 204, body: undefined };
}
