export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)} m` : `${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0)} km`;
}

export function formatRating(rating: { average: number; count: number }): string {
  if (rating.count === 0) return "No reviews yet";
  return `★ ${rating.average.toFixed(1)} (${rating.count} review${rating.count === 1 ? "" : "s"})`;
}

/** The rating summary once one more review is counted. */
export function withReview(rating: { average: number; count: number }, score: number) {
  const count = rating.count + 1;
  return { average: (rating.average * rating.count + score) / count, count };
}

export function stars(rating: number): string {
  return "★".repeat(rating) + "☆".repeat(5 - rating);
}
