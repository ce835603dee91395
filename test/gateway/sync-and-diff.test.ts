import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalizeArns } from "../../tools/gateway/definition/arn.rewriter.js";
import { isJsonObject, type JsonObject } from "../../tools/gateway/definition/json.util.js";
import {
  deployGenerated,
  REPO_GATEWAY_DIR,
  runGatewayCli,
  TEST_ACCOUNT,
  temporaryDirectory,
  USER_POOLS,
} from "../../tools/gateway/testing/cli.harness.js";
import { type GatewayStandIn, startGatewayStandIn } from "../../tools/gateway/testing/stand-in.server.js";

let standIn: GatewayStandIn;
let cwd: string;
const TARGETS = ["us-west-2", "eu-west-1"];
const userPools = (regions: string[]) => regions.map((region) => `${region}=${USER_POOLS[region]}`).join(",");

async function exportStage(region: string, stage: string): Promise<string> {
  const run = await runGatewayCli(standIn, cwd, [
    "export",
    "--api",
    "cellar",
    "--stage",
    stage,
    "--region",
    region,
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
}

function stageOf(region: string, stage: string) {
  const api = [...standIn.state.apis(region).values()].find((item) => item.name === "cellar");
  return api?.stages.get(stage);
}

function integrationUris(document: JsonObject): string[] {
  return Object.values(document.paths as JsonObject).flatMap((item) =>
    Object.values(item as JsonObject)
      .map((operation) =>
        isJsonObject(operation) ? operation["x-amazon-apigateway-integration"] : undefined,
      )
      .filter(
        (integration): integration is JsonObject =>
          isJsonObject(integration) && integration.type === "aws_proxy",
      )
      .map((integration) => String(integration.uri)),
  );
}

beforeAll(async () => {
  standIn = await startGatewayStandIn({ accountId: TEST_ACCOUNT });
  cwd = temporaryDirectory();
  await deployGenerated(standIn, cwd, "us-east-1");
});
afterAll(async () => {
  await standIn.close();
});

describe("sync", () => {
  it("copies prodv1 and prodv2 to two regions: identical normalized exports, per-region ARNs, stage variables kept", async () => {
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", TARGETS.join(","), "--api", "cellar", "--stages", "prodv1,prodv2"],
      ...["--user-pools", userPools(TARGETS)],
    ]);
    expect(run.stderr).toContain("sync: us-east-1 → us-west-2 (1 of 2)");
    expect(run.stderr).toContain("[eu-west-1] prodv2: export and stage variables match us-east-1");
    expect(run.code).toBe(0);

    for (const stage of ["prodv1", "prodv2"]) {
      const source = await exportStage("us-east-1", stage);
      for (const region of TARGETS) {
        const exported = await exportStage(region, stage);
        const document = JSON.parse(exported) as JsonObject;
        // Identical once the region-bound values are named generically, byte for byte.
        const generic = (text: string, from: string) =>
          text.replaceAll(from, "REGION").replaceAll(USER_POOLS[from]!.split("_")[1]!, "POOL");
        expect(generic(exported, region)).toBe(generic(source, "us-east-1"));
        expect(canonicalizeArns(document)).toEqual(canonicalizeArns(JSON.parse(source)));
        // And every ARN is right for its region.
        const uris = integrationUris(document);
        expect(uris.length).toBeGreaterThan(5);
        for (const uri of uris) {
          expect(uri).toMatch(
            new RegExp(
              `^arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${TEST_ACCOUNT}:function:cellar-\\w+:\\$\\{stageVariables\\.alias\\}/invocations$`,
            ),
          );
        }
        expect(exported).toContain(
          `"arn:aws:cognito-idp:${region}:${TEST_ACCOUNT}:userpool/${USER_POOLS[region]}"`,
        );
        expect(exported).not.toContain("us-east-1");
        expect(stageOf(region, stage)?.variables).toEqual(stageOf("us-east-1", stage)?.variables);
      }
    }
    expect(stageOf("eu-west-1", "prodv2")?.variables).toEqual({
      alias: "v2",
      corsOrigin: "https://app.example.com",
    });
  });

  it("refuses a target without its user pool, before changing anything there", async () => {
    const before = standIn.requests.length;
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "ap-south-1", "--api", "cellar"],
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "ap-south-1: the Cognito authorizer uses user pool us-east-1_EastPool1, which lives in us-east-1; user pools are regional, so name the ap-south-1 pool with --user-pools ap-south-1=<pool id>",
    );
    const writes = standIn.requests
      .slice(before)
      .filter((request) =>
        ["ImportRestApi", "PutRestApi", "CreateDeployment", "UpdateStage"].includes(request.operation),
      );
    expect(writes).toEqual([]);
  });

  it("only reads in a dry run", async () => {
    const before = standIn.requests.length;
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...[
        "--from",
        "us-east-1",
        "--to",
        "us-west-2",
        "--api",
        "cellar",
        "--user-pools",
        userPools(["us-west-2"]),
      ],
      "--dry-run",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /\[us-west-2\] dry run: would back up 2 stage\(s\) of cellar \(\w+\) and overwrite it per stage/,
    );
    expect(run.stderr).toContain("[us-west-2] dry run: would deploy prodv1 (existing stage)\n");
    const operations = new Set(standIn.requests.slice(before).map((request) => request.operation));
    expect([...operations].sort()).toEqual(["GetExport", "GetRestApis", "GetStages"]);
  });

  it("retries throttled calls with backoff and says so", async () => {
    standIn.throttle("GetExport", 1, "us-east-1");
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "ca-central-1", "--api", "cellar", "--stages", "prodv1"],
      ...["--user-pools", "ca-central-1=ca-central-1_Pool"],
    ]);
    expect(run.stderr).toMatch(
      /\[us-east-1\] GetExport of cellar \(\w+\) stage prodv1: succeeded after 2 attempts/,
    );
    expect(run.code).toBe(0);
  });

  it("gives up on persistent throttling with a one-line error and a non-zero exit", async () => {
    standIn.throttle("GetRestApis", 5, "us-east-1");
    const run = await runGatewayCli(standIn, cwd, [
      "export",
      ...["--api", "cellar", "--stage", "prodv1", "--region", "us-east-1", "--max-attempts", "2"],
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "cellar-gateway export: GetRestApis in us-east-1 was throttled by API Gateway and still failed after 2 attempts with backoff; wait a minute or raise --max-attempts\n",
    );
    standIn.clearFaults();
  });
});

describe("diff", () => {
  it("finds no difference between synced regions nor with the generated definitions", async () => {
    const regions = await runGatewayCli(standIn, cwd, [
      "diff",
      "--api",
      "cellar",
      "--regions",
      "us-east-1,us-west-2,eu-west-1",
    ]);
    expect(regions.stdout).toContain("prodv2: us-east-1 vs eu-west-1: no differences");
    expect(regions.stdout).toContain("diff: no differences in 4 comparisons");
    expect(regions.code).toBe(0);
    const spec = await runGatewayCli(standIn, cwd, [
      "diff",
      "--spec",
      "--api",
      "cellar",
      "--region",
      "eu-west-1",
      "--gateway-dir",
      REPO_GATEWAY_DIR,
    ]);
    expect(spec.stdout).toContain("prodv1: gateway/v1.gen.json vs cellar in eu-west-1: no differences");
    expect(spec.code).toBe(0);
  });

  it("finds a changed integration and exits 1", async () => {
    // Someone hot-fixes one integration in us-west-2 by hand.
    const file = `${cwd}/hotfix.json`;
    const exported = await exportStage("us-west-2", "prodv1");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      file,
      exported.replace("function:cellar-getWineryV1:", "function:cellar-getWineryV1-hotfix:"),
    );
    const imported = await runGatewayCli(standIn, cwd, [
      "import",
      ...[
        "--file",
        file,
        "--region",
        "us-west-2",
        "--api",
        "cellar",
        "--mode",
        "overwrite",
        "--stage",
        "prodv1",
      ],
      ...["--backup-dir", `${cwd}/backups`],
    ]);
    expect(imported.code).toBe(0);

    const regions = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--api", "cellar", "--regions", "us-east-1,us-west-2,eu-west-1", "--stages", "prodv1"],
    ]);
    expect(regions.code).toBe(1);
    expect(regions.stdout).toContain(
      [
        "prodv1: us-east-1 vs us-west-2",
        "  integrations",
        "    ~ GET /wineries/{wineryId}",
        `        uri: "arn:aws:apigateway:{{region}}:lambda:path/2015-03-31/functions/arn:aws:lambda:{{region}}:{{accountId}}:function:cellar-getWineryV1:\${stageVariables.alias}/invocations" → "arn:aws:apigateway:{{region}}:lambda:path/2015-03-31/functions/arn:aws:lambda:{{region}}:{{accountId}}:function:cellar-getWineryV1-hotfix:\${stageVariables.alias}/invocations"`,
        "prodv1: us-east-1 vs eu-west-1: no differences",
        "diff: 1 of 2 comparisons differ",
      ].join("\n"),
    );

    const spec = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--spec", "--api", "cellar", "--region", "us-west-2", "--stages", "prodv1", "--json"],
      ...["--gateway-dir", REPO_GATEWAY_DIR],
    ]);
    expect(spec.code).toBe(1);
    const [comparison] = JSON.parse(spec.stdout);
    expect(comparison.definition.integrations).toEqual([
      { kind: "changed", subject: "GET /wineries/{wineryId}", details: [expect.stringContaining("-hotfix")] },
    ]);
    expect(comparison.definition.operations).toEqual([]);
  });

  it("reports changed stage variables and stage variables the definition needs but the stage lacks", async () => {
    const api = [...standIn.state.apis("eu-west-1").values()].find((item) => item.name === "cellar")!;
    const stage = api.stages.get("prodv2")!;
    stage.variables = { alias: "v2-old" };
    const regions = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--api", "cellar", "--regions", "us-east-1,eu-west-1", "--stages", "prodv2"],
    ]);
    expect(regions.code).toBe(1);
    expect(regions.stdout).toContain(
      '  stage\n    ~ stage variable alias\n        "v2" → "v2-old"\n    - stage variable corsOrigin (removed)',
    );
    const spec = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--spec", "--api", "cellar", "--region", "eu-west-1", "--stages", "prodv2"],
      ...["--gateway-dir", REPO_GATEWAY_DIR],
    ]);
    expect(spec.code).toBe(1);
    expect(spec.stdout).toContain(
      "- stage variable corsOrigin (removed)\n        used by the definition, not set on the stage",
    );
  });

  it("exits 2 when the comparison itself fails", async () => {
    const run = await runGatewayCli(standIn, cwd, [
      "diff",
      "--api",
      "nosuch",
      "--regions",
      "us-east-1,us-west-2",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cellar-gateway diff: no REST API with id or name "nosuch" in us-east-1\n');
  });
});
