import type { Environment } from "@cellar/runtime";
import { type RuntimeSettings, readRuntimeSettings } from "@cellar/runtime";
import { type DatabaseSettings, readDatabaseSettings } from "./database-settings.js";
import { type QueueEnvironment, readQueueEnvironment } from "./queue-environment.js";

/** Everything a Lambda function's code reads from its environment. */
export interface LambdaSettings {
  runtime: RuntimeSettings;
  database: DatabaseSettings;
  queue: QueueEnvironment;
}

/**
 * Read whole, while a handler is defined: the database and queue settings are used only later (on
 * the first query, the first send), but a bad one must fail the function's init, not that request.
 */
export function readLambdaSettings(env: Environment = process.env): LambdaSettings {
  return {
    runtime: readRuntimeSettings(env),
    database: readDatabaseSettings(env),
    queue: readQueueEnvironment(env),
  };
}
