/** The EventBridge schedule that keeps functions warm sends exactly this payload. */
export const WARMER_EVENT = { instruction: "warmer" } as const;

export function isWarmerEvent(event: unknown): boolean {
  return (event as { instruction?: unknown } | null)?.instruction === WARMER_EVENT.instruction;
}
