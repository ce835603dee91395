import type { SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { eachRecord } from "../../src/queue/each-record.js";
import type { QueueRecord } from "../../src/queue/job-queue.js";
import { sqsBatchHandler } from "../../src/queue/sqs-batch-handler.js";

const sqsRecord = (messageId: string, body: string, receiveCount = "1"): SQSRecord => ({
  messageId,
  receiptHandle: `receipt-${messageId}`,
  body,
  attributes: {
    ApproximateReceiveCount: receiveCount,
    SentTimestamp: "0",
    SenderId: "sender",
    ApproximateFirstReceiveTimestamp: "0",
  },
  messageAttributes: {},
  md5OfBody: "",
  eventSource: "aws:sqs",
  eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:cellar-imports",
  awsRegion: "us-east-1",
});

describe("sqsBatchHandler", () => {
  it("processes every record and reports only the ones that threw", async () => {
    const seen: QueueRecord[] = [];
    const handler = sqsBatchHandler(
      "imports",
      eachRecord(async (record) => {
        seen.push(record);
        if (record.body.startsWith("bad")) throw new Error(`cannot handle ${record.body}`);
      }),
      () => {},
    );
    const event: SQSEvent = {
      Records: [
        sqsRecord("m1", "good-1"),
        sqsRecord("m2", "bad-2", "3"),
        sqsRecord("m3", "good-3"),
        sqsRecord("m4", "bad-4"),
      ],
    };
    expect(await handler(event)).toEqual({
      batchItemFailures: [{ itemIdentifier: "m2" }, { itemIdentifier: "m4" }],
    });
    expect(seen.map((record) => record.messageId)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(seen[1]).toEqual({ queue: "imports", messageId: "m2", body: "bad-2", receiveCount: 3 });
  });

  it("reports no failures for a batch that succeeded", async () => {
    const handler = sqsBatchHandler(
      "rating-events",
      eachRecord(async () => {}),
    );
    expect(await handler({ Records: [sqsRecord("m1", "{}")] })).toEqual({ batchItemFailures: [] });
  });
});
