/** Every queue, in a stable order: the local stage consumes each, the CDK app creates each. */
export const QUEUE_NAMES = ["imports", "rating-events"] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];

/** `imports` -> `CELLAR_QUEUE_URL_IMPORTS`: where a Lambda finds the SQS URL of a queue it sends to. */
export function queueUrlVariable(queue: QueueName): string {
  return `CELLAR_QUEUE_URL_${queue.toUpperCase().replace(/-/g, "_")}`;
}
