import type { JobQueue } from "./job-queue.js";
import { postgresJobQueue } from "./postgres-job-queue.js";
import { QUEUE_NAMES, queueUrlVariable } from "./queue-names.js";
import { sqsJobQueue } from "./sqs-job-queue.js";

/**
 * SQS when the deployment gives this function a queue URL (the CDK app sets
 * `CELLAR_QUEUE_URL_<QUEUE>` on functions allowed to send), otherwise the Postgres queue that the
 * local stage consumes in-process. `CELLAR_QUEUE=postgres|sqs` forces one.
 */
export function getJobQueue(env: NodeJS.ProcessEnv = process.env): JobQueue {
  const forced = env.CELLAR_QUEUE;
  if (forced === "postgres") return postgresJobQueue;
  if (forced === "sqs" || QUEUE_NAMES.some((queue) => env[queueUrlVariable(queue)])) return sqsJobQueue(env);
  if (forced !== undefined && forced !== "") {
    throw new Error(`CELLAR_QUEUE must be "postgres" or "sqs", got "${forced}"`);
  }
  return postgresJobQueue;
}
