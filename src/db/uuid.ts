const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Postgres rejects a malformed uuid with an error (22P02) rather than matching nothing; repositories
 * check first so an id from a URL that is not a uuid reads as "not found". Inside a transaction the
 * error would also abort it.
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
