/** The EventBridge schedule that keeps functions warm sends exactly this payload. */
export const WARMER_EVENT = { instruction: "warmer" } as const;

/** How often each live alias gets WARMER_EVENT (infra/constructs/warmer.construct.ts). */
export const WARMER_INTERVAL_MINUTES = 5;

export function isWarmerEvent(event: unknown): boolean {
  return (event as { instruction?: unknown } | null)?.instruction === WARMER_EVENT.instruction;
}
