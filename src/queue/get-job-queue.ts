import type { Environment } from "@cellar/runtime";
import { readQueueEnvironment } from "../settings/queue-environment.js";
import type { JobQueue } from "./job-queue.js";
import { postgresJobQueue } from "./postgres-job-queue.js";
import { sqsJobQueue } from "./sqs-job-queue.js";

/**
 * SQS when the deployment gives this function a queue URL (the CDK app sets
 * `CELLAR_QUEUE_URL_<QUEUE>` on functions allowed to send), otherwise the Postgres queue that the
 * local stage consumes in-process. `CELLAR_QUEUE=postgres|sqs` forces one.
 */
export function getJobQueue(env: Environment = process.env): JobQueue {
  const { forced, urls } = readQueueEnvironment(env);
  if (forced === "postgres") return postgresJobQueue;
  if (forced === "sqs" || Object.keys(urls).length > 0) return sqsJobQueue(urls);
  return postgresJobQueue;
}
