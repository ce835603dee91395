import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as eventsTargets from "aws-cdk-lib/aws-events-targets";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { WARMER_EVENT, WARMER_INTERVAL_MINUTES } from "../../src/runtime/warmer.js";

/** EventBridge allows five targets per rule. */
const TARGETS_PER_RULE = 5;

/**
 * Every 5 minutes, each serving alias gets `{"instruction":"warmer"}`: the database wrapper
 * (infra/lambda/database-credentials.ts) fetches the database password and opens and checks a pooled
 * connection, then the generated wrapper answers before any middleware. Scheduled rules cost nothing;
 * the invocations are a few milliseconds each once a container is warm.
 */
export class Warmer extends Construct {
  readonly rules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: { aliases: readonly lambda.IFunction[] }) {
    super(scope, id);
    for (let start = 0; start < props.aliases.length; start += TARGETS_PER_RULE) {
      const chunk = props.aliases.slice(start, start + TARGETS_PER_RULE);
      this.rules.push(
        new events.Rule(this, `Rule${start / TARGETS_PER_RULE + 1}`, {
          description: "Keeps Cellar functions warm",
          schedule: events.Schedule.rate(Duration.minutes(WARMER_INTERVAL_MINUTES)),
          targets: chunk.map(
            (alias) =>
              new eventsTargets.LambdaFunction(alias, {
                event: events.RuleTargetInput.fromObject(WARMER_EVENT),
                // A missed ping is harmless; a retried one is just noise.
                retryAttempts: 0,
              }),
          ),
        }),
      );
    }
  }
}
