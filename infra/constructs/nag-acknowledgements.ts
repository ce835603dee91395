import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * cdk-nag AwsSolutions findings the app keeps on purpose, each with its reason, acknowledged where the
 * resource is created (`acknowledge(construct, ...)`): an acknowledgement covers the construct and
 * everything under it. test/infra/app/cdk-nag.test.ts fails on any finding not acknowledged here.
 */
export const NAG_REASONS = {
  "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
    "AWS's minimal policy for a function writing its own logs, kept current by AWS",
  "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]":
    "AWS's minimal policy for a VPC function's network interfaces (those EC2 actions take no resource ARN)",
  "AwsSolutions-IAM5[Resource::*]":
    "X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords accept only Resource *",
  "AwsSolutions-L1":
    "Node.js 22 is what the bundles are built and tested for (esbuild target node22); a runtime upgrade is its own change",
} as const;

export type NagRule = keyof typeof NAG_REASONS;

/** The findings every Cellar function brings: managed execution policies, X-Ray, the pinned runtime. */
export const FUNCTION_RULES: readonly NagRule[] = [
  "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
  "AwsSolutions-IAM5[Resource::*]",
  "AwsSolutions-L1",
];

/** ... and a function inside the VPC. */
export const VPC_FUNCTION_RULES: readonly NagRule[] = [
  ...FUNCTION_RULES,
  "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]",
];

/** Acknowledges `rules` with their shared reasons on `scope` and its children. */
export function acknowledge(scope: IConstruct, rules: readonly NagRule[]): void {
  for (const id of rules) Validations.of(scope).acknowledge({ id, reason: NAG_REASONS[id] });
}

/** A finding particular to one resource: acknowledged there, with its own reason. */
export function acknowledgeOnce(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The IAM5 finding of a grant to invoke `fn` and its versions (`<fn ARN>:*`), as cdk-nag names it. */
export function invokeVersionsRule(fn: IConstruct): string {
  const stack = Stack.of(fn);
  const resource = fn.node.defaultChild as CfnElement;
  return `AwsSolutions-IAM5[Resource::<${stack.resolve(stack.getLogicalId(resource))}.Arn>:*]`;
}
