import { APIGatewayClient, GetExportCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalizeArns } from "../../tools/gateway/definition/arn.rewriter.js";
import { isJsonObject, type JsonObject } from "../../tools/gateway/definition/json.util.js";
import {
  deployGenerated,
  HOME_USER_POOL_ARN,
  REPO_GATEWAY_DIR,
  runGatewayCli,
  TEST_ACCOUNT,
  TEST_CREDENTIALS,
  temporaryDirectory,
} from "../../tools/gateway/testing/cli.harness.js";
import { type GatewayStandIn, startGatewayStandIn } from "../../tools/gateway/testing/stand-in.server.js";

let standIn: GatewayStandIn;
let cwd: string;
const TARGETS = ["us-west-2", "eu-west-1"];
/** Every stage the topology deploys, with its API: the live and preview stage of each version. */
const STAGES = [
  { api: "cellar-v1", stage: "prodv1" },
  { api: "cellar-v1", stage: "previewv1" },
  { api: "cellar-v2", stage: "prodv2" },
  { api: "cellar-v2", stage: "previewv2" },
];
const apiOf = (stage: string) => STAGES.find((item) => item.stage === stage)!.api;

async function exportStage(region: string, stage: string): Promise<string> {
  const run = await runGatewayCli(standIn, cwd, [
    "export",
    ...["--api", apiOf(stage), "--stage", stage, "--region", region],
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
}

function stageOf(region: string, stage: string) {
  const api = [...standIn.state.apis(region).values()].find((item) => item.name === apiOf(stage));
  return api?.stages.get(stage);
}

/** The Cognito authorizer's providerARNs, read back with GetExport through the real SDK. */
async function providerArns(region: string, stage: string): Promise<unknown> {
  const api = [...standIn.state.apis(region).values()].find((item) => item.name === apiOf(stage))!;
  const client = new APIGatewayClient({ region, endpoint: standIn.url, credentials: TEST_CREDENTIALS });
  try {
    const exported = await client.send(
      new GetExportCommand({
        restApiId: api.id,
        stageName: stage,
        exportType: "oas30",
        parameters: { extensions: "integrations,authorizers" },
        accepts: "application/json",
      }),
    );
    const document = JSON.parse(new TextDecoder().decode(exported.body)) as JsonObject;
    const schemes = (document.components as JsonObject).securitySchemes as JsonObject;
    return ((schemes.cognito as JsonObject)["x-amazon-apigateway-authorizer"] as JsonObject).providerARNs;
  } finally {
    client.destroy();
  }
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
  it("with neither --api nor --version, copies every version's API and stages to two regions, trusting the home pool", async () => {
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", TARGETS.join(",")],
    ]);
    expect(run.stderr).toContain(
      "sync: APIs cellar-v1, cellar-v2 (every version; pick one with --version)\n",
    );
    expect(run.stderr).toContain("sync: cellar-v1 us-east-1 → us-west-2 (1 of 2)");
    expect(run.stderr).toContain("[eu-west-1] prodv2: export and stage variables match us-east-1");
    expect(run.stderr).toContain("[eu-west-1] previewv2: export and stage variables match us-east-1");
    expect(run.code).toBe(0);

    for (const { stage } of STAGES) {
      const source = await exportStage("us-east-1", stage);
      for (const region of TARGETS) {
        const exported = await exportStage(region, stage);
        const document = JSON.parse(exported) as JsonObject;
        // Identical once the region is named generically, byte for byte; the pool is the same one.
        const generic = (text: string, from: string) =>
          text.replaceAll(HOME_USER_POOL_ARN, "POOL").replaceAll(from, "REGION");
        expect(generic(exported, region)).toBe(generic(source, "us-east-1"));
        expect(canonicalizeArns(document)).toEqual(canonicalizeArns(JSON.parse(source)));
        // Every Lambda ARN is right for its region, and the authorizer still names the us-east-1 pool.
        const uris = integrationUris(document);
        expect(uris.length).toBeGreaterThan(5);
        for (const uri of uris) {
          expect(uri).toMatch(
            new RegExp(
              `^arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${TEST_ACCOUNT}:function:cellar-\\w+:\\$\\{stageVariables\\.alias\\}/invocations$`,
            ),
          );
        }
        expect(await providerArns(region, stage)).toEqual([HOME_USER_POOL_ARN]);
        expect(stageOf(region, stage)?.variables).toEqual(stageOf("us-east-1", stage)?.variables);
      }
    }
    expect(stageOf("eu-west-1", "prodv2")?.variables).toEqual({
      alias: "v2",
      corsOrigin: "https://app.example.com",
      corsOrigins: "https://app.example.com",
    });
    expect(stageOf("eu-west-1", "previewv2")?.variables).toEqual({
      alias: "v2-preview",
      corsOrigin: "https://app.example.com",
      corsOrigins: "https://app.example.com",
    });
  });

  it("writes --user-pool-arn verbatim and derives a --user-pools ARN from the pool id, not the target region", async () => {
    const otherPool = `arn:aws:cognito-idp:us-east-1:${TEST_ACCOUNT}:userpool/us-east-1_OtherPool9`;
    const withArn = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "eu-west-1", "--version", "v1", "--user-pool-arn", otherPool],
    ]);
    expect(withArn.stderr).toContain("sync: API cellar-v1\n");
    expect(withArn.code).toBe(0);
    expect(await providerArns("eu-west-1", "prodv1")).toEqual([otherPool]);

    const perRegion = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "eu-west-1", "--version", "v1", "--stages", "prodv1"],
      ...["--user-pools", "eu-west-1=us-east-1_OtherPool9"],
    ]);
    expect(perRegion.code).toBe(0);
    expect(await providerArns("eu-west-1", "prodv1")).toEqual([otherPool]);

    const back = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "eu-west-1", "--version", "v1"],
    ]);
    expect(back.code).toBe(0);
    expect(await providerArns("eu-west-1", "prodv1")).toEqual([HOME_USER_POOL_ARN]);
  });

  it("refuses a pool ARN whose region is not its pool's, before calling AWS", async () => {
    const before = standIn.requests.length;
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "eu-west-1"],
      ...["--user-pool-arn", `arn:aws:cognito-idp:eu-west-1:${TEST_ACCOUNT}:userpool/us-east-1_HomePool1`],
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `cellar-gateway sync: --user-pool-arn: arn:aws:cognito-idp:eu-west-1:${TEST_ACCOUNT}:userpool/us-east-1_HomePool1 names no user pool: its region eu-west-1 is not the region of pool us-east-1_HomePool1 (us-east-1)\n`,
    );
    expect(standIn.requests.length).toBe(before);
  });

  it("only reads in a dry run", async () => {
    const before = standIn.requests.length;
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "us-west-2", "--version", "v1", "--dry-run"],
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /\[us-west-2\] dry run: would back up 2 stage\(s\) of cellar-v1 \(\w+\) and overwrite it per stage/,
    );
    expect(run.stderr).toContain("[us-west-2] dry run: would deploy prodv1 (existing stage)\n");
    const operations = new Set(standIn.requests.slice(before).map((request) => request.operation));
    expect([...operations].sort()).toEqual(["GetExport", "GetRestApis", "GetStages"]);
  });

  it("retries throttled calls with backoff and says so", async () => {
    standIn.throttle("GetExport", 1, "us-east-1");
    const run = await runGatewayCli(standIn, cwd, [
      "sync",
      ...["--from", "us-east-1", "--to", "ca-central-1", "--version", "v1", "--stages", "prodv1"],
    ]);
    expect(run.stderr).toMatch(
      /\[us-east-1\] GetExport of cellar-v1 \(\w+\) stage prodv1: succeeded after 2 attempts/,
    );
    expect(run.code).toBe(0);
  });

  it("gives up on persistent throttling with a one-line error and a non-zero exit", async () => {
    standIn.throttle("GetRestApis", 5, "us-east-1");
    const run = await runGatewayCli(standIn, cwd, [
      "export",
      ...["--version", "v1", "--region", "us-east-1", "--max-attempts", "2"],
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
      ...["--regions", "us-east-1,us-west-2,eu-west-1"],
    ]);
    expect(regions.stderr).toContain(
      "diff: APIs cellar-v1, cellar-v2 (every version; pick one with --version)",
    );
    expect(regions.stdout).toContain("prodv2: us-east-1 vs eu-west-1: no differences");
    expect(regions.stdout).toContain("previewv1: us-east-1 vs us-west-2: no differences");
    expect(regions.stdout).toContain("diff: no differences in 8 comparisons");
    expect(regions.code).toBe(0);
    const spec = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--spec", "--region", "eu-west-1", "--gateway-dir", REPO_GATEWAY_DIR],
    ]);
    expect(spec.stdout).toContain("prodv1: gateway/v1.gen.json vs cellar-v1 in eu-west-1: no differences");
    expect(spec.stdout).toContain("previewv2: gateway/v2.gen.json vs cellar-v2 in eu-west-1: no differences");
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
      ...["--file", file, "--region", "us-west-2", "--version", "v1", "--mode", "overwrite"],
      ...["--backup-dir", `${cwd}/backups`],
    ]);
    expect(imported.code).toBe(0);

    const regions = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--version", "v1", "--regions", "us-east-1,us-west-2,eu-west-1", "--stages", "prodv1"],
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
      ...["--spec", "--version", "v1", "--region", "us-west-2", "--stages", "prodv1", "--json"],
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
    stageOf("eu-west-1", "prodv2")!.variables = { alias: "v2-old" };
    const regions = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--version", "v2", "--regions", "us-east-1,eu-west-1", "--stages", "prodv2"],
    ]);
    expect(regions.code).toBe(1);
    expect(regions.stdout).toContain(
      '  stage\n    ~ stage variable alias\n        "v2" → "v2-old"\n    - stage variable corsOrigin (removed)',
    );
    const spec = await runGatewayCli(standIn, cwd, [
      "diff",
      ...["--spec", "--version", "v2", "--region", "eu-west-1", "--stages", "prodv2"],
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
    expect(run.stderr).toBe(
      'diff: API nosuch\ncellar-gateway diff: no REST API with id or name "nosuch" in us-east-1\n',
    );
  });
});
