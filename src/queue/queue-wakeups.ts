import { EventEmitter } from "node:events";
import type { QueueName } from "./job-queue.js";

/**
 * In-process "a message was just sent" signals, so the local stage's consumer picks a message up at
 * once instead of at its next idle poll: a review's rating then follows in milliseconds, as a human
 * expects. Only a committed send announces (inside a transaction the message is not visible yet);
 * the idle poll still finds everything else, so a missed signal only costs latency.
 */
const wakeups = new EventEmitter().setMaxListeners(0);

export function announceQueued(queue: QueueName): void {
  wakeups.emit(queue);
}

/** Calls `listener` on every announcement for `queue`; returns the unsubscribe function. */
export function onQueued(queue: QueueName, listener: () => void): () => void {
  wakeups.on(queue, listener);
  return () => wakeups.off(queue, listener);
}
