/**
 * Documented statuses no probe can trigger from outside, with the reason. Listed in the summary
 * instead of being silently ignored.
 */
export const NOT_PROBEABLE: Readonly<Record<string, string>> = {
  "500": "an unexpected server fault cannot be triggered from outside",
  // 503 is the answer to a lost database (src/runtime/problem-errors.ts). A probe would have to take
  // the stage's database down, which a contract run against a shared stage must not do; the
  // in-process outage tests (test/hardening/database-unavailable.test.ts, database-outage.test.ts)
  // check the body and the Retry-After header against the spec instead.
  "503": "the database cannot be taken down from outside; test/hardening covers the outage",
};
