import type { BatchProcessor, RecordProcessor } from "./job-queue.js";

/**
 * A batch processor that handles its records one after another with `processor`, settling each as
 * soon as it is done, so one bad record never holds back the others. A settle that rejects (the
 * queue is out of reach) stops the batch: the records after it stay unsettled.
 */
export function eachRecord(processor: RecordProcessor): BatchProcessor {
  return async (records, settle) => {
    for (const record of records) {
      let failure: { error: unknown } | undefined;
      try {
        await processor(record);
      } catch (error) {
        failure = { error };
      }
      if (failure) await settle.failed([record], failure.error);
      else await settle.succeeded([record]);
    }
  };
}
