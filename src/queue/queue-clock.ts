/**
 * The local consumer's sense of time: when a received message becomes visible again, when a lease
 * runs out. Injected so tests can show recovery times in simulated seconds, without sleeping;
 * without one, the queue goes by the database's clock.
 */
export interface QueueClock {
  /** Milliseconds since the epoch. */
  now(): number;
}
