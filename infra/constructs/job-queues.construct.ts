import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct, type IDependable } from "constructs";
import type { QueueName } from "../../src/queue/job-queue.js";
import { queueUrlVariable } from "../../src/queue/queue-names.js";
import { QUEUE_SETTINGS, visibilityTimeoutSeconds } from "../../src/queue/queue-settings.js";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig } from "../config/infra-config.js";
import { QUEUE_SENDERS, workerName, workerQueues } from "../queues/queue-workers.js";
import type { AuroraDatabase } from "./aurora-database.construct.js";
import type { Network } from "./network.construct.js";
import { functionDefaults, logGroupFor } from "./operation-functions.construct.js";

export interface JobQueuesProps {
  config: InfraConfig;
  bundles: LambdaBundles;
  network: Network;
  database: AuroraDatabase;
  /** The API functions by operationId: the senders of each queue get its URL and send rights. */
  operationFunctions: ReadonlyMap<string, lambda.Function>;
  alarmTopic: sns.ITopic;
  /** Workers move to new code only after this (the migrations), like the API aliases. */
  releaseAfter?: IDependable;
}

/** At most this many concurrent workers per queue: they share the database with the API. */
const WORKER_MAX_CONCURRENCY = 5;

/**
 * Per queue: a standard SQS queue with its dead-letter queue, the worker function consuming it
 * through an event source mapping that reports partial batch failures, an alarm on anything in the
 * dead-letter queue, and send rights for exactly the operations that use the queue.
 */
export class JobQueues extends Construct {
  readonly queues = new Map<QueueName, sqs.Queue>();
  readonly deadLetterQueues = new Map<QueueName, sqs.Queue>();
  readonly workers = new Map<QueueName, lambda.Function>();

  constructor(scope: Construct, id: string, props: JobQueuesProps) {
    super(scope, id);
    const { config } = props;
    const alarmAction = new actions.SnsAction(props.alarmTopic);
    for (const queueName of workerQueues()) {
      const settings = QUEUE_SETTINGS[queueName];
      const deadLetterQueue = new sqs.Queue(this, `${queueName}DeadLetters`, {
        queueName: `${config.name}-${queueName}-dlq`,
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const queue = new sqs.Queue(this, `${queueName}Queue`, {
        queueName: `${config.name}-${queueName}`,
        visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(settings)),
        retentionPeriod: Duration.days(4),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: settings.maxReceiveCount },
      });

      const name = workerName(queueName);
      const worker = new lambda.Function(this, `${queueName}Worker`, {
        ...functionDefaults(config, props.network, props.database),
        functionName: `${config.name}-${name}`,
        description: `Consumes the ${queueName} queue`,
        timeout: Duration.seconds(settings.workerTimeoutSeconds),
        code: lambda.Code.fromAsset(props.bundles.directoryFor(name)),
        logGroup: logGroupFor(this, `${queueName}WorkerLogs`),
      });
      worker.addEnvironment("CELLAR_WORKER_QUEUE", queueName);
      props.database.secret.grantRead(worker);
      // The queue feeds an alias that moves to new code only after the migrations, as the API's
      // aliases do: no worker version consumes before its schema exists.
      const live = new lambda.Alias(this, `${queueName}WorkerLive`, {
        aliasName: "live",
        version: worker.currentVersion,
      });
      // On the alias resource alone: its event source mapping needs no such wait.
      if (props.releaseAfter) live.node.defaultChild?.node.addDependency(props.releaseAfter);
      live.addEventSource(
        new SqsEventSource(queue, {
          batchSize: settings.batchSize,
          reportBatchItemFailures: true,
          maxConcurrency: WORKER_MAX_CONCURRENCY,
        }),
      );

      for (const operationId of QUEUE_SENDERS[queueName]) {
        const sender = props.operationFunctions.get(operationId);
        if (!sender) throw new Error(`${operationId} sends to ${queueName} but has no function`);
        queue.grantSendMessages(sender);
        sender.addEnvironment(queueUrlVariable(queueName), queue.queueUrl);
      }

      // Anything dead-lettered is work that will not happen by itself: someone must look.
      const alarm = new cloudwatch.Alarm(this, `${queueName}DeadLettersAlarm`, {
        alarmDescription: `Messages of ${queueName} failed ${settings.maxReceiveCount} times and wait in ${deadLetterQueue.node.id}`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          statistic: cloudwatch.Stats.MAXIMUM,
          period: Duration.minutes(1),
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(alarmAction);
      alarm.addOkAction(alarmAction);

      this.queues.set(queueName, queue);
      this.deadLetterQueues.set(queueName, deadLetterQueue);
      this.workers.set(queueName, worker);
    }
  }
}
