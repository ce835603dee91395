import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { QueueName, QueueRecord, RecordProcessor } from "./job-queue.js";

/**
 * The SQS worker Lambda's handler, for an event source mapping with `reportBatchItemFailures`:
 * every record is processed, and only the ones that threw are reported, so SQS deletes the rest
 * and redelivers (then dead-letters) only those. Throwing from the handler itself would redeliver
 * the whole batch, which is what happens anyway when the function crashes or times out.
 */
export function sqsBatchHandler(
  queue: QueueName,
  processor: RecordProcessor,
  onError: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return async (event) => {
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        await processor(toQueueRecord(queue, record));
      } catch (error) {
        onError(`${queue} message ${record.messageId} failed`, error);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
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
