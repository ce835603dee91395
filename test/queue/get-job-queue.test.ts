import type { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { getJobQueue } from "../../src/queue/get-job-queue.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import { sqsJobQueue } from "../../src/queue/sqs-job-queue.js";

describe("getJobQueue", () => {
  it("is the Postgres queue unless the function was given a queue URL", () => {
    expect(getJobQueue({})).toBe(postgresJobQueue);
    expect(getJobQueue({ CELLAR_QUEUE_URL_IMPORTS: "https://sqs.example/imports" })).not.toBe(
      postgresJobQueue,
    );
    expect(getJobQueue({ CELLAR_QUEUE: "postgres", CELLAR_QUEUE_URL_IMPORTS: "https://sqs" })).toBe(
      postgresJobQueue,
    );
    expect(() => getJobQueue({ CELLAR_QUEUE: "kafka" })).toThrow(/CELLAR_QUEUE/);
  });
});

describe("the SQS job queue", () => {
  /** A stand-in client that refuses the entries listed in `refuseOnce` the first time it sees them. */
  function fakeSqs(refuseOnce: Set<string> = new Set()) {
    const batches: Array<{ QueueUrl: string; Entries: Array<{ Id: string; MessageBody: string }> }> = [];
    const client = {
      async send(command: { input: (typeof batches)[number] }) {
        batches.push(command.input);
        const failed = command.input.Entries.filter((entry) => refuseOnce.delete(entry.MessageBody));
        return { Failed: failed.map((entry) => ({ Id: entry.Id, SenderFault: false, Code: "Throttled" })) };
      },
    };
    return { client: client as unknown as SQSClient, batches };
  }
  const messages = (count: number) => Array.from({ length: count }, (_, i) => ({ body: `m${i}` }));

  it("sends in batches of at most 10 to the queue's URL, and retries the entries SQS refused", async () => {
    const { client, batches } = fakeSqs(new Set(["m3", "m12"]));
    const queue = sqsJobQueue({ imports: "https://sqs.example/imports" }, client);
    await queue.send("imports", messages(23));
    expect(batches.map((batch) => batch.Entries.length)).toEqual([10, 1, 10, 1, 3]);
    expect(batches.every((batch) => batch.QueueUrl === "https://sqs.example/imports")).toBe(true);
    const delivered = batches.flatMap((batch) => batch.Entries.map((entry) => entry.MessageBody));
    expect(new Set(delivered).size).toBe(23);
  });

  it("refuses to send to a queue this function was not given", async () => {
    const { client } = fakeSqs();
    await expect(sqsJobQueue({}, client).send("rating-events", messages(1))).rejects.toThrow(
      "CELLAR_QUEUE_URL_RATING_EVENTS is not set",
    );
  });
});
