/**
 * Postgres returns int8 (count(*), sum()) and numeric as strings because they can exceed a JS
 * number. Our values are counts and small averages, so numbers are the useful shape — and the two
 * drivers disagree by default (PGlite: number, pg: string), which this also settles.
 */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export const numericTypeParsers: Readonly<Record<number, (value: string) => number>> = {
  [INT8_OID]: Number,
  [NUMERIC_OID]: Number,
};
