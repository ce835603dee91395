import type { Review } from "../db/review.model.js";
import type { Winery } from "../db/winery.model.js";
import type { components } from "../generated/types.gen.js";

type Schemas = components["schemas"];

/** v1 is flat: coordinates and rating aggregates sit on the winery itself. */
export function toWineryV1(winery: Winery): Schemas["WineryV1"] {
  return {
    id: winery.id,
    name: winery.name,
    lat: winery.lat,
    lng: winery.lng,
    region: winery.region,
    ...(winery.website ? { website: winery.website } : {}),
    averageRating: winery.averageRating,
    reviewCount: winery.reviewCount,
    createdAt: winery.createdAt.toISOString(),
  };
}

export function toWineryNearV1(winery: Winery & { distanceMeters: number }): Schemas["WineryNearV1"] {
  return { ...toWineryV1(winery), distanceKm: Math.round(winery.distanceMeters) / 1000 };
}

/** v2 nests location and rating, and adds updatedAt. */
export function toWineryV2(winery: Winery): Schemas["WineryV2"] {
  return {
    id: winery.id,
    name: winery.name,
    location: { lat: winery.lat, lng: winery.lng },
    region: winery.region,
    ...(winery.website ? { website: winery.website } : {}),
    rating: { average: winery.averageRating, count: winery.reviewCount },
    createdAt: winery.createdAt.toISOString(),
    updatedAt: winery.updatedAt.toISOString(),
  };
}

export function toWineryNearV2(winery: Winery & { distanceMeters: number }): Schemas["WineryNearV2"] {
  return { ...toWineryV2(winery), distanceMeters: Math.round(winery.distanceMeters) };
}

/** Reviews are stored with "" when the author left no text; the contract says null. */
const reviewText = (review: Review) => (review.text === "" ? null : review.text);

export function toReviewV1(review: Review): Schemas["ReviewV1"] {
  return {
    id: review.id,
    wineryId: review.wineryId,
    userId: review.userId,
    rating: review.rating,
    text: reviewText(review),
    createdAt: review.createdAt.toISOString(),
  };
}

export function toReviewV2(review: Review): Schemas["ReviewV2"] {
  return {
    id: review.id,
    wineryId: review.wineryId,
    author: { id: review.userId },
    rating: review.rating,
    text: reviewText(review),
    createdAt: review.createdAt.toISOString(),
  };
}
