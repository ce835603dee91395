import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { LambdaRegistry } from "../../release/rehearsal/lambda-registry.js";
import { type Build, createFunctions, deployUpdate } from "../../release/rehearsal/simulated-deploy.js";
import type { HookEvent, TrafficShifting } from "../../release/testing/codedeploy-stand-in.js";
import type { LambdaHandler } from "../../src/local/handler-registry.js";
import { deferred, useAwsStandIn } from "./aws-clients.harness.js";
import { APP } from "./gate.harness.js";

const region = "us-east-1";
const aws = useAwsStandIn();
const { clients } = aws;

const operations = [
  { operationId: "pingV1", version: "v1" },
  { operationId: "getWineryV1", version: "v1" },
  { operationId: "listWineriesV2", version: "v2" },
];

function build(name: string, changed: string[]): Build {
  const handler =
    (operationId: string): LambdaHandler =>
    async () => ({ statusCode: 200, body: `${operationId} of build ${name}` });
  return {
    name,
    changed,
    handlers: Object.fromEntries(operations.map(({ operationId }) => [operationId, handler(operationId)])),
  };
}

/** A registry with build 1 created: every function at version 1, live and preview aliases on it. */
function createdRegistry(): LambdaRegistry {
  const registry = new LambdaRegistry();
  createFunctions({ app: APP, operations, registry, build: build("1", []) });
  return registry;
}

const served = async (registry: LambdaRegistry, fn: string, alias: string) =>
  (await registry.resolve(fn, alias)({} as APIGatewayProxyEvent, {} as Context)).body;

/** The function a hook's deployment moves, as the stand-in recorded it. */
const functionOf = (event: HookEvent) => aws.standIn.codeDeploy.get(event.DeploymentId)?.input.functionName;

function deploy(
  registry: LambdaRegistry,
  next: Build,
  invokeGate: (event: HookEvent) => Promise<void>,
  options: { trafficShifting?: TrafficShifting; wait?: (ms: number) => Promise<void> } = {},
) {
  return deployUpdate({
    region,
    app: APP,
    operations,
    registry,
    build: next,
    codeDeploy: aws.standIn.codeDeploy,
    trafficShifting: options.trafficShifting ?? "ALL_AT_ONCE",
    invokeGate,
    ...(options.wait ? { wait: options.wait } : {}),
    log: () => {},
  });
}

describe("createFunctions", () => {
  it("publishes version 1 of every function with its live and preview aliases on it", async () => {
    const registry = createdRegistry();
    expect(registry.alias("cellar-listWineriesV2", "v2")).toEqual({ version: "1" });
    expect(registry.alias("cellar-listWineriesV2", "v2-preview")).toEqual({ version: "1" });
    expect(await served(registry, "cellar-pingV1", "v1")).toBe("pingV1 of build 1");
  });
});

describe("deployUpdate, CloudFormation's update as far as the release is concerned", () => {
  it("publishes only changed functions and moves the preview alias before the live alias's hook runs", async () => {
    const registry = createdRegistry();
    const atHook: unknown[] = [];
    const duringBake: unknown[] = [];

    const outcome = await deploy(
      registry,
      build("2", ["pingV1"]),
      async (event) => {
        atHook.push({
          fn: functionOf(event),
          preview: registry.alias("cellar-pingV1", "v1-preview"),
          live: registry.alias("cellar-pingV1", "v1"),
        });
        await clients.report(region, event, "Succeeded");
      },
      {
        trafficShifting: "CANARY_10PERCENT_5MINUTES",
        wait: async () => {
          duringBake.push(registry.alias("cellar-pingV1", "v1"));
        },
      },
    );

    expect(outcome).toEqual({ ok: true });
    // One deployment, for the one changed function; its preview alias already served the candidate.
    expect(atHook).toEqual([{ fn: "cellar-pingV1", preview: { version: "2" }, live: { version: "1" } }]);
    expect(duringBake).toEqual([{ version: "1", additional: { version: "2", weight: 0.1 } }]);
    expect(registry.alias("cellar-pingV1", "v1")).toEqual({ version: "2" });
    expect(await served(registry, "cellar-pingV1", "v1")).toBe("pingV1 of build 2");
    // Unchanged functions published nothing: they have no version 2, and their aliases stayed.
    for (const [fn, alias] of [
      ["cellar-getWineryV1", "v1"],
      ["cellar-listWineriesV2", "v2"],
    ] as const) {
      expect(() => registry.setAlias(fn, alias, { version: "2" })).toThrow(/no version 2/);
      expect(registry.alias(fn, alias)).toEqual({ version: "1" });
      expect(registry.alias(fn, `${alias}-preview`)).toEqual({ version: "1" });
    }
  });

  it("puts every live and preview alias back when one of two deployments fails", async () => {
    const registry = createdRegistry();
    const aliases = () =>
      ["cellar-pingV1", "cellar-getWineryV1"].flatMap((fn) => [
        registry.alias(fn, "v1"),
        registry.alias(fn, "v1-preview"),
      ]);
    const before = structuredClone(aliases());
    const pingReported = deferred();
    let pingLiveWhenOtherFailed: unknown;

    const outcome = await deploy(registry, build("2", ["pingV1", "getWineryV1"]), async (event) => {
      if (functionOf(event) === "cellar-pingV1") {
        await clients.report(region, event, "Succeeded");
        pingReported.resolve();
        return;
      }
      await pingReported.promise;
      pingLiveWhenOtherFailed = registry.alias("cellar-pingV1", "v1");
      await clients.report(region, event, "Failed");
    });

    expect(outcome).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^1 of 2 CodeDeploy deployments failed \(.*reported Failed.*\); stack rolled back$/,
      ),
    });
    // The ping deployment had shifted its live alias; the stack rollback undid it with the rest.
    expect(pingLiveWhenOtherFailed).toEqual({ version: "2" });
    expect(aliases()).toEqual(before);
    expect(before).toEqual([{ version: "1" }, { version: "1" }, { version: "1" }, { version: "1" }]);
    expect(await served(registry, "cellar-pingV1", "v1-preview")).toBe("pingV1 of build 1");
  });
});
