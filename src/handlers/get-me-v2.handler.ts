import { getDatabase } from "../db/database-instance.js";
import { countFavorites } from "../db/favorite.repository.js";
import { countReviewsByUser } from "../db/review.repository.js";
import { getMeV2 } from "../generated/operations/getMeV2.gen.js";

export const handler = getMeV2(async ({ caller: me }) => {
  const db = await getDatabase();
  const [favoritesCount, reviewsCount] = await Promise.all([
    countFavorites(db, me.sub),
    countReviewsByUser(db, me.sub),
  ]);
  return {
    status: 200,
    body: { id: me.sub, email: me.email, groups: me.groups, favoritesCount, reviewsCount },
  };
});
