/** A nanodegree, about 0.1 mm on the ground: nearer to 0 than this, a coordinate is stored and searched as 0. */
export const NEGLIGIBLE_DEGREES = 1e-9;

/**
 * Postgres raises "value out of range: underflow" whenever float arithmetic rounds a nonzero product
 * to zero. Subnormal or 1e-300-sized degrees (valid numbers by the spec) make that happen in the
 * haversine query and even in the GiST index's box arithmetic, where one such row breaks later inserts
 * for everyone. Above a nanodegree every product the queries and the index compute stays far from it.
 */
export function normalizeDegrees(value: number): number {
  return Math.abs(value) < NEGLIGIBLE_DEGREES ? 0 : value;
}
