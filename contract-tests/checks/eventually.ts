import { sleep } from "./probe-helpers.js";

/**
 * A winery's rating is a roll-up kept by a queue consumer: it follows a review write within
 * moments on the local stage, within seconds on a deployed one (SQS, then a worker Lambda), but not
 * in the write's own response. So what a review write did to it is read until it shows.
 */
export const ROLL_UP_TIMEOUT_MS = 15_000;

/** Reads until `settled` holds or the time is up; returns the last value read, for the caller's expect to report. */
export async function eventually<T>(
  read: () => Promise<T>,
  settled: (value: T) => boolean,
  timeoutMs = ROLL_UP_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 1_000)) {
    const value = await read();
    if (settled(value) || Date.now() >= deadline) return value;
    await sleep(pause);
  }
}
