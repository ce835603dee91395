/**
 * Documented statuses no probe can trigger from outside, with the reason. Listed in the summary
 * instead of being silently ignored.
 */
export const NOT_PROBEABLE: Readonly<Record<string, string>> = {
  "500": "an unexpected server fault cannot be triggered from outside",
};
