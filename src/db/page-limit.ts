/** Keyset pages need a positive integer size; anything else is a caller bug, not a database error. */
export function assertPageLimit(limit: number): void {
  if (!(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
}
