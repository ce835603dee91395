import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from "@aws-sdk/client-codedeploy";
import { SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll } from "vitest";
import { type AwsJsonStandIn, startAwsJsonStandIn } from "../../release/testing/aws-json-stand-in.js";
import type { HookEvent } from "../../release/testing/codedeploy-stand-in.js";

// The SDK's "Node 22 will be required" notice would otherwise repeat in every test worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const TEST_CREDENTIALS = { accessKeyId: "x", secretAccessKey: "y" };

/** Real SDK clients pointed at one stand-in, one per service and region, destroyed together. */
export class AwsClients {
  private readonly ssmClients = new Map<string, SSMClient>();
  private readonly codeDeployClients = new Map<string, CodeDeployClient>();

  constructor(private readonly endpoint: () => string) {}

  ssm(region: string): SSMClient {
    return cached(this.ssmClients, region, () => new SSMClient(this.config(region)));
  }

  codeDeploy(region: string): CodeDeployClient {
    return cached(this.codeDeployClients, region, () => new CodeDeployClient(this.config(region)));
  }

  /** What a release-gate hook does last: tell CodeDeploy how its lifecycle event went. */
  report(region: string, event: HookEvent, status: "Succeeded" | "Failed") {
    return this.codeDeploy(region).send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status,
      }),
    );
  }

  destroy(): void {
    for (const client of [...this.ssmClients.values(), ...this.codeDeployClients.values()]) client.destroy();
  }

  private config(region: string) {
    return { region, endpoint: this.endpoint(), credentials: TEST_CREDENTIALS };
  }
}

function cached<T>(clients: Map<string, T>, region: string, create: () => T): T {
  let client = clients.get(region);
  if (!client) {
    client = create();
    clients.set(region, client);
  }
  return client;
}

/** The error a promise rejects with; fails the test if it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** A promise with its resolver, for tests that step a deployment along by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * One SSM/CodeDeploy stand-in per test file: started before its tests, closed after them, with
 * clients that follow it. `standIn` is read at use, once `beforeAll` has started it.
 */
export function useAwsStandIn(): { readonly standIn: AwsJsonStandIn; clients: AwsClients } {
  let started: AwsJsonStandIn | undefined;
  const current = (): AwsJsonStandIn => {
    if (!started) throw new Error("the AWS stand-in is used before beforeAll started it");
    return started;
  };
  const clients = new AwsClients(() => current().endpoint);
  beforeAll(async () => {
    started = await startAwsJsonStandIn();
  });
  afterAll(async () => {
    clients.destroy();
    await started?.close();
  });
  return {
    get standIn() {
      return current();
    },
    clients,
  };
}
