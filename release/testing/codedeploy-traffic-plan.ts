import type { TrafficShifting } from "./codedeploy-stand-in.js";

/*
 * Lambda deployment configurations, as "Deployment configurations on an AWS Lambda compute platform"
 * describes them: https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html
 * - Canary: "Traffic is shifted in two increments": the percentage first, the rest after the interval.
 * - Linear: "Traffic is shifted in equal increments with an equal number of minutes between each increment."
 * - All-at-once: "All traffic is shifted from the original Lambda function to the updated Lambda function
 *   version all at once."
 */

export interface TrafficPlan {
  /** The name GetDeployment reports as `deploymentConfigName`. */
  configName: string;
  /** Successive shares of traffic on the target version, the last one always 1. */
  weights: number[];
  /** Bake time between two successive weights. */
  intervalMs: number;
}

const MINUTE_MS = 60_000;

/** The predefined configurations; any other percentage or interval is a custom configuration. */
const PREDEFINED = new Set([
  "LambdaAllAtOnce",
  "LambdaCanary10Percent5Minutes",
  "LambdaCanary10Percent10Minutes",
  "LambdaCanary10Percent15Minutes",
  "LambdaCanary10Percent30Minutes",
  "LambdaLinear10PercentEvery1Minute",
  "LambdaLinear10PercentEvery2Minutes",
  "LambdaLinear10PercentEvery3Minutes",
  "LambdaLinear10PercentEvery10Minutes",
]);

/**
 * The `TrafficShifting` type spells every interval `MINUTES`; CDK's names say `EVERY_1MINUTE`, so the
 * singular is accepted too for callers that pass those names through.
 */
export function trafficPlan(shifting: TrafficShifting): TrafficPlan {
  if (shifting === "ALL_AT_ONCE")
    return { configName: configName("LambdaAllAtOnce"), weights: [1], intervalMs: 0 };
  const canary = /^CANARY_(\d+)PERCENT_(\d+)MINUTES?$/.exec(shifting);
  if (canary) {
    const [percent, minutes] = checked(shifting, Number(canary[1]), Number(canary[2]));
    return {
      configName: configName(`LambdaCanary${percent}Percent${minutes}Minutes`),
      // Integer percent over 100, so 10 gives exactly 0.1 rather than an accumulated float.
      weights: [percent / 100, 1],
      intervalMs: minutes * MINUTE_MS,
    };
  }
  const linear = /^LINEAR_(\d+)PERCENT_EVERY_(\d+)MINUTES?$/.exec(shifting);
  if (linear) {
    const [percent, minutes] = checked(shifting, Number(linear[1]), Number(linear[2]));
    const steps = Math.ceil(100 / percent);
    return {
      configName: configName(`LambdaLinear${percent}PercentEvery${minutes}Minute${minutes === 1 ? "" : "s"}`),
      weights: Array.from({ length: steps }, (_, index) => Math.min(percent * (index + 1), 100) / 100),
      intervalMs: minutes * MINUTE_MS,
    };
  }
  throw new TypeError(`Unknown traffic shifting '${shifting}'`);
}

/** A percentage of 100 would leave nothing for the second increment; CodeDeploy asks for 1 to 99. */
function checked(shifting: string, percent: number, minutes: number): [number, number] {
  if (percent < 1 || percent > 99 || minutes < 1) {
    throw new TypeError(`${shifting}: the percentage must be 1 to 99 and the interval at least 1 minute`);
  }
  return [percent, minutes];
}

function configName(name: string): string {
  return PREDEFINED.has(name) ? `CodeDeployDefault.${name}` : `Custom.${name}`;
}
