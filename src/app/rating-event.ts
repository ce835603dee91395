import { logError } from "@cellar/runtime";
import type { Db } from "../db/database.js";
import { isUuid } from "../db/uuid.js";
import type { JobQueue, OutgoingMessage } from "../queue/job-queue.js";
import { parseMessageJson } from "../queue/message-json.js";

/**
 * What a review write tells the rating roll-up, as the body of a "rating-events" message. The
 * consumer only needs `wineryId` (it recomputes that winery); the rest says what happened, for
 * logs and dead-letter triage.
 */
export interface RatingEvent {
  type: "review.created" | "review.deleted";
  wineryId: string;
  reviewId: string;
}

const EVENT_TYPES: ReadonlySet<string> = new Set<RatingEvent["type"]>(["review.created", "review.deleted"]);

export function ratingEventMessage(event: RatingEvent): OutgoingMessage {
  const { type, wineryId, reviewId } = event;
  return { body: JSON.stringify({ type, wineryId, reviewId }) };
}

/**
 * Publishes the event of a review write, after the write: with the root `db` the write has
 * committed, so even SQS (which sends at once) cannot deliver it to a consumer that would recompute
 * before the review is visible and miss it. Inside a caller's transaction the Postgres queue
 * enqueues atomically with it; SQS would send before that commit, so production callers pass the
 * root db. A failed send after the commit is logged, not thrown: the review stands (a 500 would
 * make the client retry into a 409), and the roll-up catches up with the winery's next event or a
 * rebuild (`npm run ratings:rebuild`).
 */
export async function publishRatingEvent(queue: JobQueue, db: Db, event: RatingEvent): Promise<void> {
  // Passing the root `db` too keeps the Postgres queue in the same database as the review.
  const sending = queue.send("rating-events", [ratingEventMessage(event)], db);
  if (db.isTransaction) return sending;
  try {
    await sending;
  } catch (error) {
    const message = "rating event not sent; the roll-up is stale until the winery's next event or a rebuild";
    logError(message, error, { ...event });
  }
}

/** Throws on anything that is not a rating event: such a message can never succeed, so it is dead-lettered. */
export function parseRatingEvent(body: string): RatingEvent {
  const event = parseMessageJson(body, "rating event") as Partial<Record<keyof RatingEvent, unknown>> | null;
  if (
    !event ||
    typeof event !== "object" ||
    typeof event.type !== "string" ||
    !EVENT_TYPES.has(event.type) ||
    !isUuidText(event.wineryId) ||
    !isUuidText(event.reviewId)
  ) {
    throw new Error(`not a rating event: ${body.slice(0, 200)}`);
  }
  return { type: event.type as RatingEvent["type"], wineryId: event.wineryId, reviewId: event.reviewId };
}

const isUuidText = (value: unknown): value is string => typeof value === "string" && isUuid(value);
