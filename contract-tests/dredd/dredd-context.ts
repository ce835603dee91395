import type { Tokens } from "../setup/tokens.js";
import type { DreddFixtures } from "./dredd-fixtures.js";
import type { HookContext } from "./hook-context.cjs";

/** Points every 2xx transaction Dredd derives from the spec examples at this run's fixtures. */
export function buildHookContext(
  tokens: Tokens,
  fixtures: DreddFixtures,
  runId: string,
  apiKey?: string,
): HookContext {
  const { lat, lng } = fixtures.location;
  return {
    tokens: { admin: tokens.admin, user: tokens.user },
    pathParams: {
      default: { wineryId: fixtures.main.id },
      createReviewV1: { wineryId: fixtures.reviewTargetV1.id },
      createReviewV2: { wineryId: fixtures.reviewTargetV2.id },
      deleteWineryV2: { wineryId: fixtures.doomedWinery.id },
      deleteReviewV2: { wineryId: fixtures.doomedReview.wineryId, reviewId: fixtures.doomedReview.id },
      putFavoriteV1: { wineryId: fixtures.favoriteToggle.id },
      deleteFavoriteV1: { wineryId: fixtures.favoriteToggle.id },
      putFavoriteV2: { wineryId: fixtures.favoriteToggle.id },
      deleteFavoriteV2: { wineryId: fixtures.favoriteToggle.id },
      getImportV2: { importId: fixtures.importJob.id },
    },
    // Search where this run's wineries are, so the lists are known to be non-empty.
    query: {
      listWineriesV1: { lat: String(lat), lng: String(lng) },
      listWineriesV2: { near: `${lat},${lng}` },
    },
    dropQuery: ["cursor"],
    // Wineries Dredd creates land near the run's location and say which run made them.
    body: {
      createWineryV1: { name: `Contract ${runId} dredd v1`, lat, lng },
      createWineryV2: { name: `Contract ${runId} dredd v2`, location: { lat, lng } },
      // Merged into every row of the example's array.
      createImportV2: { name: `Contract ${runId} dredd import`, location: { lat, lng } },
    },
    idempotencyKeyPrefix: `contract-${runId}-dredd`,
    ...(apiKey ? { apiKey } : {}),
  };
}
