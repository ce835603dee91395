import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deployGenerated,
  runGatewayCli,
  TEST_ACCOUNT,
  temporaryDirectory,
} from "../../tools/gateway/testing/cli.harness.js";
import { type GatewayStandIn, startGatewayStandIn } from "../../tools/gateway/testing/stand-in.server.js";

let standIn: GatewayStandIn;
let cwd: string;
const REGIONS = ["us-east-1", "us-west-2"];

function stageOf(region: string, stage: string) {
  const api = [...standIn.state.apis(region).values()].find((item) => item.name === "cellar-v2")!;
  return { api, stage: api.stages.get(stage)! };
}
const prodv2 = (region: string) => stageOf(region, "prodv2");

const cli = (...args: string[]) => runGatewayCli(standIn, cwd, args);
const target = ["--version", "v2"];

beforeAll(async () => {
  standIn = await startGatewayStandIn({ accountId: TEST_ACCOUNT });
  cwd = temporaryDirectory();
  for (const region of REGIONS) await deployGenerated(standIn, cwd, region);
});
afterAll(async () => {
  await standIn.close();
});

describe("canary releases", () => {
  it("round-trip: canary, adjust, rollback, canary of a new definition, promote", async () => {
    const { stage: initial } = prodv2("us-east-1");
    const mainDeployment = initial.deploymentId;

    const started = await cli(
      "canary",
      ...target,
      "--percent",
      "10",
      "--alias",
      "v2-canary",
      "--regions",
      REGIONS.join(","),
    );
    expect(started.code).toBe(0);
    expect(started.stderr).toContain("canary: us-west-2 (2 of 2)");
    expect(started.stderr).toMatch(
      /\[us-east-1\] prodv2 now: canary 10% on deployment (\w+) with alias=v2-canary; the rest on deployment \1, alias=v2, corsOrigin=https:\/\/app\.example\.com/,
    );
    for (const region of REGIONS) {
      const { stage } = prodv2(region);
      expect(stage.canarySettings).toEqual({
        deploymentId: stage.deploymentId,
        percentTraffic: 10,
        stageVariableOverrides: { alias: "v2-canary" },
        useStageCache: false,
      });
      expect(stage.variables.alias).toBe("v2");
    }

    const adjusted = await cli("canary", ...target, "--percent", "25", "--region", "us-east-1");
    expect(adjusted.code).toBe(0);
    expect(prodv2("us-east-1").stage.canarySettings).toMatchObject({
      percentTraffic: 25,
      stageVariableOverrides: { alias: "v2-canary" },
    });

    const rolledBack = await cli("rollback", ...target, "--region", "us-east-1");
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stderr).toContain("prodv2 rolled back: no canary; all traffic on deployment");
    expect(prodv2("us-east-1").stage.canarySettings).toBeUndefined();
    expect(prodv2("us-east-1").stage).toMatchObject({
      deploymentId: mainDeployment,
      variables: { alias: "v2" },
    });

    const nothingToRollBack = await cli("rollback", ...target, "--region", "us-east-1");
    expect(nothingToRollBack).toMatchObject({
      code: 1,
      stderr: "cellar-gateway rollback: prodv2 of cellar-v2 in us-east-1 has no canary to roll back\n",
    });

    // A canary of a changed definition: a new deployment carries it, the stage keeps its own.
    const exported = (await cli("export", ...target, "--region", "us-east-1")).stdout;
    const file = join(cwd, "v2-next.json");
    writeFileSync(
      file,
      exported.replace('"summary": "Check that v2 is up"', '"summary": "Check that v2 is up, next"'),
    );
    const withFile = await cli(
      "canary",
      ...target,
      ...["--percent", "5", "--alias", "v2-canary", "--region", "us-east-1", "--file", file],
      ...["--backup-dir", join(cwd, "backups")],
    );
    expect(withFile.code).toBe(0);
    expect(withFile.stderr).toContain("backed up stage prodv2 of cellar-v2");
    const { api, stage: withCanary } = prodv2("us-east-1");
    const canaryDeployment = withCanary.canarySettings?.deploymentId;
    expect(canaryDeployment).toBeDefined();
    expect(canaryDeployment).not.toBe(mainDeployment);
    expect(withCanary.deploymentId).toBe(mainDeployment);
    expect(
      JSON.stringify(api.deployments.get(canaryDeployment!)?.definition).includes("v2 is up, next"),
    ).toBe(true);

    // Promotion moves the definition only: the stage keeps invoking the live alias v2, which
    // CodeDeploy moves; the canary's alias=v2-canary override is not copied into the stage.
    const promoted = await cli("promote", ...target, "--region", "us-east-1");
    expect(promoted.code).toBe(0);
    const { stage: after } = prodv2("us-east-1");
    expect(after.canarySettings).toBeUndefined();
    expect(after.deploymentId).toBe(canaryDeployment);
    expect(after.variables.alias).toBe("v2");
    expect(after.variables).toEqual({
      alias: "v2",
      corsOrigin: "https://app.example.com",
      corsOrigins: "https://app.example.com",
    });
    expect((await cli("export", ...target, "--region", "us-east-1")).stdout.includes("v2 is up, next")).toBe(
      true,
    );

    // --adopt-variables: API Gateway's console promotion, the overrides become the stage's.
    await cli("canary", ...target, "--percent", "50", "--alias", "v2-next", "--region", "us-west-2");
    const adopt = await cli("promote", ...target, "--region", "us-west-2", "--adopt-variables");
    expect(adopt.code).toBe(0);
    expect(prodv2("us-west-2").stage.variables.alias).toBe("v2-next");
    expect(prodv2("us-west-2").stage.canarySettings).toBeUndefined();
  });

  it("--version v2 --preview acts on previewv2 of cellar-v2 and leaves prodv2 alone", async () => {
    const run = await cli(
      "canary",
      "--version",
      "v2",
      "--preview",
      "--percent",
      "5",
      "--region",
      "us-east-1",
    );
    expect(run.code).toBe(0);
    expect(stageOf("us-east-1", "previewv2").stage).toMatchObject({
      variables: { alias: "v2-preview" },
      canarySettings: { percentTraffic: 5 },
    });
    expect(prodv2("us-east-1").stage.canarySettings).toBeUndefined();
    const rolledBack = await cli("rollback", "--version", "v2", "--preview", "--region", "us-east-1");
    expect(rolledBack.stderr).toContain("previewv2 rolled back");
    expect(stageOf("us-east-1", "previewv2").stage.canarySettings).toBeUndefined();
  });

  it("checks its input and shows the patch in a dry run", async () => {
    const badPercent = await cli("canary", ...target, "--percent", "150", "--region", "us-east-1");
    expect(badPercent.stderr).toBe(
      "cellar-gateway canary: --percent must be a number above 0 and at most 100\n",
    );
    const noStage = await cli(
      "canary",
      ...["--api", "cellar-v2", "--stage", "prodv9", "--percent", "5", "--region", "us-east-1"],
    );
    expect(noStage.code).toBe(1);
    expect(noStage.stderr).toMatch(/GetStage prodv9 of cellar-v2 \(\w+\) in us-east-1: not found/);
    const noTarget = await cli("canary", "--percent", "5", "--region", "us-east-1");
    expect(noTarget.stderr).toBe(
      "cellar-gateway canary: --version is required (e.g. --version v2), or --api and --stage\n",
    );
    const before = standIn.requests.length;
    const dry = await cli(
      "canary",
      ...target,
      "--percent",
      "5",
      "--alias",
      "v2-canary",
      "--region",
      "us-east-1",
      "--dry-run",
    );
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('"path":"/canarySettings/percentTraffic","value":"5"');
    expect(standIn.requests.slice(before).map((request) => request.operation)).not.toContain("UpdateStage");
  });
});
