import type { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { readQueueEnvironment } from "../settings/queue-environment.js";
import type { JobQueue, OutgoingMessage, QueueName } from "./job-queue.js";
import { queueUrlVariable } from "./queue-names.js";

/** SQS accepts at most 10 messages per SendMessageBatch. */
const SQS_BATCH_LIMIT = 10;

let client: SQSClient | undefined;

/** One client per container, created on the first send and reused across invocations. */
function sharedClient(Client: typeof SQSClient): SQSClient {
  client ??= new Client({});
  return client;
}

/**
 * The production queue. The AWS SDK is loaded on the first send, so the local stage and functions
 * that never send do not load it. The `db` argument of `send` is ignored: SQS cannot join a
 * database transaction, so callers send after their writes commit.
 */
export function sqsJobQueue(
  urls: Partial<Record<QueueName, string>> = readQueueEnvironment().urls,
  sqs?: SQSClient,
): JobQueue {
  return {
    async send(queue, messages) {
      const queueUrl = urls[queue];
      if (!queueUrl)
        throw new Error(`${queueUrlVariable(queue)} is not set: this function may not send to ${queue}`);
      const sdk = await import("@aws-sdk/client-sqs");
      const target = sqs ?? sharedClient(sdk.SQSClient);
      for (let start = 0; start < messages.length; start += SQS_BATCH_LIMIT) {
        const batch = messages.slice(start, start + SQS_BATCH_LIMIT);
        await sendBatch(target, sdk.SendMessageBatchCommand, queue, queueUrl, batch);
      }
    },
  };
}

async function sendBatch(
  sqs: SQSClient,
  Command: typeof SendMessageBatchCommand,
  queue: QueueName,
  queueUrl: string,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  let pending = messages.map((message, index) => ({ Id: String(index), MessageBody: message.body }));
  // SendMessageBatch can fail some entries (throttling) while accepting others: retry those once.
  for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
    const result = await sqs.send(new Command({ QueueUrl: queueUrl, Entries: pending }));
    const failedIds = new Set((result.Failed ?? []).map((failure) => failure.Id));
    pending = pending.filter((entry) => failedIds.has(entry.Id));
  }
  if (pending.length > 0) throw new Error(`SQS refused ${pending.length} message(s) for ${queue}`);
}
