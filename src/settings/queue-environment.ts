import { type Environment, InvalidSettingError, oneOfSetting, rawSetting } from "@cellar/runtime";
import type { QueueName } from "../queue/job-queue.js";
import { QUEUE_NAMES, queueUrlVariable } from "../queue/queue-names.js";

/** Which queue backend a function sends to, and where: from the environment the CDK app sets. */
export interface QueueEnvironment {
  /** `CELLAR_QUEUE`: force `postgres` or `sqs`. */
  forced: "postgres" | "sqs" | undefined;
  /** `CELLAR_QUEUE_URL_<QUEUE>`: the SQS URL of each queue this function may send to. */
  urls: Partial<Record<QueueName, string>>;
}

export function readQueueEnvironment(env: Environment = process.env): QueueEnvironment {
  const urls: Partial<Record<QueueName, string>> = {};
  for (const queue of QUEUE_NAMES) {
    const url = rawSetting(env, queueUrlVariable(queue));
    if (url !== undefined) urls[queue] = url;
  }
  return { forced: oneOfSetting(env, "CELLAR_QUEUE", ["postgres", "sqs"] as const), urls };
}

/** `CELLAR_WORKER_QUEUE`: the queue a worker Lambda consumes (set by the CDK app); required there. */
export function readWorkerQueue(env: Environment = process.env): QueueName {
  const queue = oneOfSetting(env, "CELLAR_WORKER_QUEUE", QUEUE_NAMES);
  if (queue === undefined) {
    throw new InvalidSettingError(
      "CELLAR_WORKER_QUEUE",
      `must be one of ${QUEUE_NAMES.join(", ")}, and is unset`,
    );
  }
  return queue;
}
