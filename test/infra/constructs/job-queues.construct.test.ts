import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { QUEUE_SENDERS, workerQueues } from "../../../infra/queues/queue-workers.js";
import { resourcesOfType, synthTestApp } from "../../../infra/testing/test-app.js";
import { queueUrlVariable } from "../../../src/queue/queue-names.js";
import { QUEUE_SETTINGS } from "../../../src/queue/queue-settings.js";

const { stacks, template } = synthTestApp();
const [home] = stacks.regions;
if (!home) throw new Error("the test config has a region");
const t = template(home);

const logicalIdOf = (type: string, predicate: (properties: Record<string, unknown>) => boolean): string => {
  const entry = Object.entries(resourcesOfType(t, type)).find(([, resource]) =>
    predicate(resource.Properties),
  );
  if (!entry) throw new Error(`no ${type} matches`);
  return entry[0];
};
const queueId = (name: string) => logicalIdOf("AWS::SQS::Queue", (p) => p.QueueName === name);
const functionId = (name: string) => logicalIdOf("AWS::Lambda::Function", (p) => p.FunctionName === name);

describe.each(workerQueues())("the %s queue", (queue) => {
  const settings = QUEUE_SETTINGS[queue];

  it("is a standard queue whose visibility timeout is six times its worker's timeout, with a dead-letter queue after maxReceiveCount", () => {
    const dlq = queueId(`cellar-${queue}-dlq`);
    t.hasResourceProperties("AWS::SQS::Queue", {
      QueueName: `cellar-${queue}`,
      VisibilityTimeout: settings.workerTimeoutSeconds * 6,
      RedrivePolicy: {
        deadLetterTargetArn: { "Fn::GetAtt": [dlq, "Arn"] },
        maxReceiveCount: settings.maxReceiveCount,
      },
      FifoQueue: Match.absent(),
    });
    t.hasResourceProperties("AWS::SQS::Queue", {
      QueueName: `cellar-${queue}-dlq`,
      MessageRetentionPeriod: 14 * 86_400,
    });
    t.hasResourceProperties("AWS::Lambda::Function", {
      FunctionName: `cellar-worker-${queue}`,
      Timeout: settings.workerTimeoutSeconds,
      Runtime: "nodejs22.x",
      Environment: { Variables: Match.objectLike({ CELLAR_WORKER_QUEUE: queue, NODE_ENV: "production" }) },
    });
  });

  it("is consumed by its worker's live alias in batches, reporting partial batch failures", () => {
    const aliasId = logicalIdOf(
      "AWS::Lambda::Alias",
      (p) =>
        p.Name === "live" &&
        JSON.stringify(p.FunctionName) === JSON.stringify({ Ref: functionId(`cellar-worker-${queue}`) }),
    );
    const mappingId = logicalIdOf(
      "AWS::Lambda::EventSourceMapping",
      (p) =>
        JSON.stringify(p.EventSourceArn) ===
        JSON.stringify({ "Fn::GetAtt": [queueId(`cellar-${queue}`), "Arn"] }),
    );
    const mapping = resourcesOfType(t, "AWS::Lambda::EventSourceMapping")[mappingId]?.Properties ?? {};
    expect(mapping).toMatchObject({
      BatchSize: settings.batchSize,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    // The worker's "live" alias, by name (function name and ":live", derived from the alias ARN).
    const functionName = JSON.stringify(mapping.FunctionName);
    expect(functionName).toContain(`{"Ref":"${aliasId}"}`);
    expect(functionName).toContain(":live");
  });

  it("alarms as soon as anything waits in its dead-letter queue", () => {
    t.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [
        { Name: "QueueName", Value: { "Fn::GetAtt": [queueId(`cellar-${queue}-dlq`), "QueueName"] } },
      ],
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
      AlarmActions: [Match.anyValue()],
    });
  });

  it("lets exactly the operations that send to it send, and tells them its URL", () => {
    const queueRef = queueId(`cellar-${queue}`);
    const senders = Object.entries(resourcesOfType(t, "AWS::Lambda::Function"))
      .filter(([, fn]) => {
        const variables = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables;
        return variables?.[queueUrlVariable(queue)] !== undefined;
      })
      .map(([, fn]) => String(fn.Properties.FunctionName).replace(/^cellar-/, ""))
      .sort();
    expect(senders).toEqual([...QUEUE_SENDERS[queue]].sort());
    const policiesSending = Object.values(resourcesOfType(t, "AWS::IAM::Policy")).filter(
      (policy) =>
        JSON.stringify(policy.Properties.PolicyDocument).includes(`"sqs:SendMessage"`) &&
        JSON.stringify(policy.Properties.PolicyDocument).includes(`"${queueRef}"`),
    );
    expect(policiesSending).toHaveLength(QUEUE_SENDERS[queue].length);
  });
});

it("gives the workers no send rights: they only consume", () => {
  for (const queue of workerQueues()) {
    const worker = resourcesOfType(t, "AWS::Lambda::Function")[functionId(`cellar-worker-${queue}`)];
    if (!worker) throw new Error(`no worker for ${queue}`);
    const workerRole = (worker.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const policies = Object.values(resourcesOfType(t, "AWS::IAM::Policy")).filter((policy) =>
      (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === workerRole),
    );
    expect(JSON.stringify(policies.map((policy) => policy.Properties.PolicyDocument))).not.toContain(
      "sqs:SendMessage",
    );
  }
});
