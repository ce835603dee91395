import type { Handlers } from "../generated/handlers.gen.js";
import { handler as createImportV2 } from "./create-import-v2.handler.js";
import { handler as createReviewV1 } from "./create-review-v1.handler.js";
import { handler as createReviewV2 } from "./create-review-v2.handler.js";
import { handler as createWineryV1 } from "./create-winery-v1.handler.js";
import { handler as createWineryV2 } from "./create-winery-v2.handler.js";
import { handler as deleteFavoriteV1 } from "./delete-favorite-v1.handler.js";
import { handler as deleteFavoriteV2 } from "./delete-favorite-v2.handler.js";
import { handler as deleteReviewV2 } from "./delete-review-v2.handler.js";
import { handler as deleteWineryV2 } from "./delete-winery-v2.handler.js";
import { handler as getImportV2 } from "./get-import-v2.handler.js";
import { handler as getMeV2 } from "./get-me-v2.handler.js";
import { handler as getWineryV1 } from "./get-winery-v1.handler.js";
import { handler as getWineryV2 } from "./get-winery-v2.handler.js";
import { handler as listFavoritesV1 } from "./list-favorites-v1.handler.js";
import { handler as listFavoritesV2 } from "./list-favorites-v2.handler.js";
import { handler as listReviewsV1 } from "./list-reviews-v1.handler.js";
import { handler as listReviewsV2 } from "./list-reviews-v2.handler.js";
import { handler as listWineriesV1 } from "./list-wineries-v1.handler.js";
import { handler as listWineriesV2 } from "./list-wineries-v2.handler.js";
import { handler as patchWineryV2 } from "./patch-winery-v2.handler.js";
import { handler as pingV1 } from "./ping-v1.handler.js";
import { handler as pingV2 } from "./ping-v2.handler.js";
import { handler as putFavoriteV1 } from "./put-favorite-v1.handler.js";
import { handler as putFavoriteV2 } from "./put-favorite-v2.handler.js";

/** Every operation's Lambda handler, keyed by operationId; checked against the spec by its type. */
export const handlers: Handlers = {
  createImportV2,
  createReviewV1,
  createReviewV2,
  createWineryV1,
  createWineryV2,
  deleteFavoriteV1,
  deleteFavoriteV2,
  deleteReviewV2,
  deleteWineryV2,
  getImportV2,
  getMeV2,
  getWineryV1,
  getWineryV2,
  listFavoritesV1,
  listFavoritesV2,
  listReviewsV1,
  listReviewsV2,
  listWineriesV1,
  listWineriesV2,
  patchWineryV2,
  pingV1,
  pingV2,
  putFavoriteV1,
  putFavoriteV2,
};
