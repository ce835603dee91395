import { randomBytes } from "node:crypto";
import { type HookExecution, type HookName, startHookExecution } from "./codedeploy-hook-execution.js";
import { type TrafficPlan, trafficPlan } from "./codedeploy-traffic-plan.js";

/*
 * A CodeDeploy Lambda deployment, run as the user guide describes it:
 * - hooks: https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#appspec-hooks-lambda
 *   (Start, BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic, End; a hook is invoked once and must
 *   report with PutLifecycleEventHookExecutionStatus; a missing hook means nothing runs for that event)
 * - traffic shifting: https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html
 * - alarms: https://docs.aws.amazon.com/codedeploy/latest/userguide/monitoring-create-alarms.html
 *   ("If any of the specified alarms are activated, the deployment stops, and the status is updated to Stopped.")
 * - rollback: https://docs.aws.amazon.com/codedeploy/latest/userguide/deployments-rollback-and-redeploy.html
 *   (a rollback is "technically a new deployment, with a new deployment ID")
 */

export type TrafficShifting =
  | "ALL_AT_ONCE"
  | `CANARY_${number}PERCENT_${number}MINUTES`
  | `LINEAR_${number}PERCENT_EVERY_${number}MINUTES`;
export interface HookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}
export interface LambdaDeploymentInput {
  region: string;
  applicationName: string;
  deploymentGroupName: string;
  functionName: string;
  alias: string;
  currentVersion: string;
  targetVersion: string;
  trafficShifting: TrafficShifting;
  /** Invokes the hook function (fire and forget: CodeDeploy then waits for PutLifecycleEventHookExecutionStatus). */
  beforeAllowTraffic?: (event: HookEvent) => Promise<void>;
  afterAllowTraffic?: (event: HookEvent) => Promise<void>;
  /** Moves the alias: `weight` is the share of traffic on targetVersion, 0..1 (routing config). */
  shiftTraffic: (weight: number) => void | Promise<void>;
  /** Names of the deployment group's alarms currently in ALARM. */
  alarmsInAlarm?: () => string[];
  /** How the deployment waits between shifts (bake time); default resolves at once. Injected so tests never sleep. */
  wait?: (ms: number) => Promise<void>;
  /** How long a hook may take to report; AWS allows one hour. */
  hookTimeoutMs?: number;
}
export interface DeploymentOutcome {
  deploymentId: string;
  status: "Succeeded" | "Failed" | "Stopped";
  rolledBack: boolean;
  failedAt?: "BeforeAllowTraffic" | "AllowTraffic" | "AfterAllowTraffic";
  reason?: string;
}

export type LifecycleEvent = "Start" | "BeforeAllowTraffic" | "AllowTraffic" | "AfterAllowTraffic" | "End";
export type DeploymentStatus = "Created" | "InProgress" | "Succeeded" | "Failed" | "Stopped";

/** Everything the stand-in knows about one deployment; GetDeployment is a view of it. */
export interface DeploymentRecord {
  deploymentId: string;
  region: string;
  input: Omit<LambdaDeploymentInput, "region">;
  plan: TrafficPlan;
  creator: "user" | "codeDeployRollback";
  status: DeploymentStatus;
  lifecycleEvent: LifecycleEvent;
  /** Share of traffic on the target version as last set through `shiftTraffic`. */
  weight: number;
  createTime: number;
  startTime?: number;
  completeTime?: number;
  errorInformation?: { code: string; message: string };
  rollbackInfo?: {
    rollbackDeploymentId?: string;
    rollbackTriggeringDeploymentId?: string;
    rollbackMessage?: string;
  };
  hooks: Map<string, HookExecution>;
  /** Set by StopDeployment; the run halts at its next step. */
  stopRequest?: { autoRollbackEnabled: boolean };
}

const TRAFFIC_EVENTS = ["BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic"] as const;

/** One hour, the hook limit this stand-in assumes for AWS (see README: not confirmed in the pages searched). */
const ONE_HOUR_MS = 3_600_000;

/** Why a run ended early, and whether the group's automatic rollback applies. */
class Halt {
  constructor(
    readonly status: "Failed" | "Stopped",
    readonly code: string,
    readonly message: string,
    readonly rollBack: boolean,
  ) {}
}

/** Lambda deployments per region, run in process; the wire operations are in codedeploy-operations.ts. */
export class CodeDeployState {
  private readonly deployments = new Map<string, DeploymentRecord>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly stopListeners = new Map<string, () => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Starts a deployment as `CreateDeployment` with a Lambda AppSpec would. The deployment runs in the
   * background; `outcome` settles when it ends, after any rollback has moved the alias back.
   */
  startLambdaDeployment(input: LambdaDeploymentInput): {
    deploymentId: string;
    outcome: Promise<DeploymentOutcome>;
  } {
    const { region, ...rest } = input;
    const record = this.create(region, rest, trafficPlan(input.trafficShifting), "user");
    return { deploymentId: record.deploymentId, outcome: this.run(record) };
  }

  get(deploymentId: string): DeploymentRecord | undefined {
    return this.deployments.get(deploymentId);
  }

  /** Asks a running deployment to stop, as StopDeployment does; it halts at its next step. */
  requestStop(record: DeploymentRecord, autoRollbackEnabled: boolean): void {
    record.stopRequest = { autoRollbackEnabled };
    this.stopListeners.get(record.deploymentId)?.();
  }

  /** Cancels pending hook timeouts, so a closed stand-in leaves no timers behind. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private create(
    region: string,
    input: DeploymentRecord["input"],
    plan: TrafficPlan,
    creator: DeploymentRecord["creator"],
  ): DeploymentRecord {
    const record: DeploymentRecord = {
      deploymentId: newDeploymentId(),
      region,
      input,
      plan,
      creator,
      status: "Created",
      lifecycleEvent: "Start",
      weight: 0,
      createTime: this.now(),
      hooks: new Map(),
    };
    this.deployments.set(record.deploymentId, record);
    return record;
  }

  private async run(record: DeploymentRecord): Promise<DeploymentOutcome> {
    // Let the caller hold the deployment id before anything (a hook) can use it.
    await Promise.resolve();
    record.status = "InProgress";
    record.startTime = this.now();
    try {
      await this.hook(record, "BeforeAllowTraffic", record.input.beforeAllowTraffic);
      await this.allowTraffic(record);
      await this.hook(record, "AfterAllowTraffic", record.input.afterAllowTraffic);
      record.lifecycleEvent = "End";
      this.finish(record, "Succeeded");
      return { deploymentId: record.deploymentId, status: "Succeeded", rolledBack: false };
    } catch (error) {
      const halt =
        error instanceof Halt ? error : new Halt("Failed", "INTERNAL_ERROR", (error as Error).message, true);
      const failedAt = TRAFFIC_EVENTS.find((event) => event === record.lifecycleEvent);
      this.finish(record, halt.status, { code: halt.code, message: halt.message });
      const rolledBack = halt.rollBack ? await this.rollBack(record) : false;
      return {
        deploymentId: record.deploymentId,
        status: halt.status,
        rolledBack,
        ...(failedAt ? { failedAt } : {}),
        reason: halt.message,
      };
    }
  }

  /** Shifts through the plan's weights, baking between them; alarms are read before and after every shift. */
  private async allowTraffic(record: DeploymentRecord): Promise<void> {
    record.lifecycleEvent = "AllowTraffic";
    const wait = record.input.wait ?? (() => Promise.resolve());
    for (const [index, weight] of record.plan.weights.entries()) {
      if (index > 0) await this.orStop(record, wait(record.plan.intervalMs));
      this.checkpoint(record);
      await record.input.shiftTraffic(weight);
      record.weight = weight;
    }
    this.checkpoint(record);
  }

  /** Throws when the run must end here: a stop was requested or a group alarm is in ALARM. */
  private checkpoint(record: DeploymentRecord): void {
    if (record.stopRequest) {
      throw new Halt(
        "Stopped",
        "MANUAL_STOP",
        "The deployment was stopped by a StopDeployment request.",
        record.stopRequest.autoRollbackEnabled,
      );
    }
    const active = record.input.alarmsInAlarm?.() ?? [];
    if (active.length) {
      // After the ALARM_ACTIVE entry of "Error codes for CodeDeploy", with the alarms named.
      throw new Halt(
        "Stopped",
        "ALARM_ACTIVE",
        `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: ${active.join(", ")}`,
        true,
      );
    }
  }

  /** Runs one lifecycle hook; no hook means nothing runs for that event. */
  private async hook(
    record: DeploymentRecord,
    lifecycleEvent: HookName,
    invoke: ((event: HookEvent) => Promise<void>) | undefined,
  ): Promise<void> {
    record.lifecycleEvent = lifecycleEvent;
    this.checkpoint(record);
    if (!invoke) return;
    const timeoutMs = record.input.hookTimeoutMs ?? ONE_HOUR_MS;
    const { execution, result } = startHookExecution({
      deploymentId: record.deploymentId,
      lifecycleEvent,
      invoke,
      timeoutMs,
      timers: this.timers,
    });
    record.hooks.set(execution.id, execution);
    // A stop ends the event too; the hook's late report is then "already completed".
    this.stopListeners.set(record.deploymentId, () => execution.complete("Failed"));
    const ended = await result;
    this.stopListeners.delete(record.deploymentId);
    this.checkpoint(record);
    if (ended === "Succeeded") return;
    throw new Halt(
      "Failed",
      "HOOK_EXECUTION_FAILURE",
      ended === "TimedOut"
        ? `The ${lifecycleEvent} hook did not report its status within ${timeoutMs} ms.`
        : `The ${lifecycleEvent} hook reported Failed.`,
      true,
    );
  }

  /** Races a bake wait with StopDeployment, so a stop does not sit out the rest of the interval. */
  private async orStop(record: DeploymentRecord, waiting: Promise<void>): Promise<void> {
    await Promise.race([
      waiting,
      new Promise<void>((resolve) => this.stopListeners.set(record.deploymentId, resolve)),
    ]);
    this.stopListeners.delete(record.deploymentId);
  }

  /**
   * The automatic rollback: a new deployment that puts the alias back on the current version. Traffic
   * that never moved is left alone, so a failed BeforeAllowTraffic never touches the alias.
   */
  private async rollBack(failed: DeploymentRecord): Promise<boolean> {
    const { beforeAllowTraffic: _before, afterAllowTraffic: _after, ...input } = failed.input;
    const rollback = this.create(
      failed.region,
      input,
      { ...failed.plan, weights: [0] },
      "codeDeployRollback",
    );
    rollback.status = "InProgress";
    rollback.startTime = this.now();
    rollback.rollbackInfo = { rollbackTriggeringDeploymentId: failed.deploymentId };
    failed.rollbackInfo = {
      rollbackDeploymentId: rollback.deploymentId,
      rollbackMessage: `Deployment ${failed.deploymentId} was rolled back by deployment ${rollback.deploymentId}.`,
    };
    try {
      rollback.lifecycleEvent = "AllowTraffic";
      if (failed.weight > 0) await failed.input.shiftTraffic(0);
      failed.weight = 0;
      rollback.lifecycleEvent = "End";
      this.finish(rollback, "Succeeded");
      return true;
    } catch (error) {
      this.finish(rollback, "Failed", { code: "INTERNAL_ERROR", message: (error as Error).message });
      return false;
    }
  }

  private finish(
    record: DeploymentRecord,
    status: "Succeeded" | "Failed" | "Stopped",
    errorInformation?: DeploymentRecord["errorInformation"],
  ): void {
    record.status = status;
    record.completeTime = this.now();
    if (errorInformation) record.errorInformation = errorInformation;
    for (const execution of record.hooks.values()) execution.complete("Failed");
  }
}

/** Deployment ids look like `d-` and nine upper-case letters or digits. */
export const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;

function newDeploymentId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return `d-${Array.from(randomBytes(9), (byte) => alphabet[byte % alphabet.length]).join("")}`;
}
