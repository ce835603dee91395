import type { FixtureFactory, Review, Winery } from "../setup/fixture-factory.js";
import { type GeoPoint, offsetKm } from "../setup/run-id.js";
import type { Tokens } from "../setup/tokens.js";

/** The data Dredd's example-based transactions are pointed at, created fresh for every run. */
export interface DreddFixtures {
  location: GeoPoint;
  /** Read, listed, patched; has a review by the other user and is one of the user's favorites. */
  main: Winery;
  /** createReviewV1 and createReviewV2 need a winery each: one review per user and winery. */
  reviewTargetV1: Winery;
  reviewTargetV2: Winery;
  /** Put into and removed from favorites, so that `main` stays listed in listFavorites. */
  favoriteToggle: Winery;
  /** A winery made to be deleted by deleteWineryV2 (with a review and a favorite to go with it). */
  doomedWinery: Winery;
  /** The user's own review of `main`, for deleteReviewV2 to delete. */
  doomedReview: Review;
  /** An import for getImportV2 to report on. */
  importJob: { id: string };
}

export async function createDreddFixtures(
  make: FixtureFactory,
  tokens: Tokens,
  location: GeoPoint,
): Promise<DreddFixtures> {
  const main = await make.winery(location, "dredd main");
  const reviewTargetV1 = await make.winery(offsetKm(location, 1), "dredd review v1");
  const reviewTargetV2 = await make.winery(offsetKm(location, 2), "dredd review v2");
  const favoriteToggle = await make.winery(offsetKm(location, 3), "dredd favorite");
  const doomedWinery = await make.winery(offsetKm(location, 5), "dredd delete");
  await make.review(doomedWinery.id, tokens.otherUser, 3, "Deleted with its winery by deleteWineryV2.");
  await make.favorite(doomedWinery.id, tokens.user);
  await make.review(main.id, tokens.otherUser, 4, "Kept: listed by listReviews.");
  const doomedReview = await make.review(main.id, tokens.user, 2, "Deleted by deleteReviewV2.");
  await make.favorite(main.id, tokens.user);
  const importJob = await make.importJob(offsetKm(location, 4), "dredd import");
  return {
    location,
    main,
    reviewTargetV1,
    reviewTargetV2,
    favoriteToggle,
    doomedWinery,
    doomedReview,
    importJob,
  };
}
