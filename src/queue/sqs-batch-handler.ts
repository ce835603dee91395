import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { BatchProcessor, QueueName, QueueRecord } from "./job-queue.js";

/**
 * The SQS worker Lambda's handler, for an event source mapping with `reportBatchItemFailures`:
 * the whole batch goes to the processor (so it can coalesce, e.g. one rating recompute per winery
 * per batch), and only the records it failed are reported, so SQS deletes the rest and redelivers
 * (then dead-letters) only those once their visibility timeout ends. A record the processor never
 * settled, or every unsettled one when the processor itself throws, is reported as failed too.
 * Throwing from the handler would redeliver the whole batch, which is what happens anyway when the
 * function crashes or times out.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
export function sqsBatchHandler(
  queue: QueueName,
  processor: BatchProcessor,
  onError: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return async (event) => {
    const records = event.Records.map((record) => toQueueRecord(queue, record));
    const unsettled = new Set(records.map((record) => record.messageId));
    const failed: string[] = [];
    const fail = (record: QueueRecord, error: unknown) => {
      onError(`${queue} message ${record.messageId} failed`, error);
      failed.push(record.messageId);
      unsettled.delete(record.messageId);
    };
    try {
      await processor(records, {
        async succeeded(done) {
          for (const record of done) unsettled.delete(record.messageId);
        },
        async failed(failing, error) {
          for (const record of failing) fail(record, error);
        },
      });
    } catch (error) {
      for (const record of records) if (unsettled.has(record.messageId)) fail(record, error);
    }
    for (const record of records) {
      if (unsettled.has(record.messageId)) fail(record, new Error("the batch processor never settled it"));
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

function toQueueRecord(queue: QueueName, record: SQSRecord): QueueRecord {
  return {
    queue,
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
  };
}
