import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSIONS } from "../../src/topology/topology.js";
import { COMMANDS } from "../../tools/gateway/cli/run-cli.js";
import type { JsonObject } from "../../tools/gateway/definition/json.util.js";
import {
  deployGenerated,
  HOME_USER_POOL_ARN,
  REPO_GATEWAY_DIR,
  runGatewayCli,
  TEST_ACCOUNT,
  temporaryDirectory,
} from "../../tools/gateway/testing/cli.harness.js";
import { type GatewayStandIn, startGatewayStandIn } from "../../tools/gateway/testing/stand-in.server.js";

let standIn: GatewayStandIn;
let cwd: string;
const WRITES = ["ImportRestApi", "PutRestApi", "CreateDeployment", "UpdateStage"];

const render = (version: string, region: string, ...extra: string[]) =>
  runGatewayCli(standIn, cwd, [
    "render",
    ...[
      "--version",
      version,
      "--region",
      region,
      "--account",
      TEST_ACCOUNT,
      "--gateway-dir",
      REPO_GATEWAY_DIR,
    ],
    ...extra,
  ]);

beforeAll(async () => {
  standIn = await startGatewayStandIn({ accountId: TEST_ACCOUNT });
  cwd = temporaryDirectory();
});
afterAll(async () => {
  await standIn.close();
});

describe("render", () => {
  it.each(API_VERSIONS)(
    "fills every placeholder of %s, and the stand-in accepts it with failonwarnings",
    async (version) => {
      const rendered = await render(version, "us-west-2", "--user-pool-id", "us-west-2_Render1");
      expect(rendered.code).toBe(0);
      expect(rendered.stdout).not.toMatch(/\{\{|\}\}/);
      const document = JSON.parse(rendered.stdout) as JsonObject;
      expect(document["x-generated"]).toBeUndefined();
      expect(document.servers).toBeUndefined();
      expect(rendered.stdout).toContain(
        `arn:aws:cognito-idp:us-west-2:${TEST_ACCOUNT}:userpool/us-west-2_Render1`,
      );
      expect(rendered.stderr).toMatch(
        new RegExp(`^render: ${version} for us-west-2: \\d+ ARN values rewritten`),
      );

      const file = join(cwd, `${version}.rendered.json`);
      writeFileSync(file, rendered.stdout);
      const imported = await runGatewayCli(standIn, cwd, ["import", "--file", file, "--region", "us-west-2"]);
      // Titled as the version's API, so an import without --api or --version lands there.
      expect(imported.stderr).toContain(`created cellar-${version}`);
      expect(imported.code).toBe(0);
      const api = [...standIn.state.apis("us-west-2").values()].find(
        (item) => item.name === `cellar-${version}`,
      );
      expect(api).toBeDefined();
    },
  );

  it("names the flag for a placeholder it cannot fill, and the versions that exist", async () => {
    const noPool = await render("v1", "us-west-2");
    expect(noPool.code).toBe(1);
    expect(noPool.stdout).toBe("");
    expect(noPool.stderr).toBe(
      "cellar-gateway render: cannot prepare the definition for us-west-2: {{region}}, {{userPoolId}} left unfilled in 1 place(s) (first at /components/securitySchemes/cognito/x-amazon-apigateway-authorizer/providerARNs/0); pass --user-pool-arn or --user-pool-id\n",
    );
    const badPool = await render("v1", "us-west-2", "--user-pool-id", "eu_west_Other");
    expect(badPool.stderr).toBe(
      'cellar-gateway render: --user-pool-id: "eu_west_Other" is not a Cognito user pool id (like us-east-1_AbC123, or local_AbC123 in cognito-local)\n',
    );
    const twoPools = await render(
      "v1",
      ...["us-west-2", "--user-pool-id", "us-east-1_A", "--user-pool-arn", HOME_USER_POOL_ARN],
    );
    expect(twoPools.stderr).toBe(
      "cellar-gateway render: --user-pool-arn and --user-pool-id both name the user pool; pass one\n",
    );
    const noVersion = await render("v9", "us-west-2");
    expect(noVersion.stderr).toMatch(
      /no generated definition .*v9\.gen\.json for version v9; available: v1, v2/,
    );
  });

  it("takes a pool's ARN region from its id, not from --region: one home pool for every region", async () => {
    const rendered = await render("v1", "eu-west-1", "--user-pool-id", "us-east-1_Home");
    expect(rendered.code).toBe(0);
    expect(JSON.parse(rendered.stdout).components.securitySchemes.cognito).toMatchObject({
      "x-amazon-apigateway-authorizer": {
        providerARNs: [`arn:aws:cognito-idp:us-east-1:${TEST_ACCOUNT}:userpool/us-east-1_Home`],
      },
    });
    const byArn = await render("v1", "eu-west-1", "--user-pool-arn", HOME_USER_POOL_ARN);
    expect(JSON.parse(byArn.stdout).components.securitySchemes.cognito).toMatchObject({
      "x-amazon-apigateway-authorizer": { providerARNs: [HOME_USER_POOL_ARN] },
    });
    expect(byArn.stdout).not.toContain("cognito-idp:eu-west-1");
  });
});

describe("import", () => {
  it("--version v2 imports into cellar-v2 and deploys prodv2 (alias=v2); --preview deploys previewv2", async () => {
    const file = join(cwd, "v2.ap-northeast-1.json");
    writeFileSync(file, (await render("v2", "ap-northeast-1", "--user-pool-arn", HOME_USER_POOL_ARN)).stdout);
    const live = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", file, "--region", "ap-northeast-1", "--version", "v2"],
    ]);
    expect(live.code).toBe(0);
    expect(JSON.parse(live.stdout)).toMatchObject({ region: "ap-northeast-1", name: "cellar-v2" });
    expect(live.stderr).toContain("deployed to new stage prodv2");
    const preview = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", file, "--region", "ap-northeast-1", "--version", "v2", "--preview"],
      ...["--backup-dir", join(cwd, "backups-preview")],
    ]);
    expect(preview.code).toBe(0);
    const apis = [...standIn.state.apis("ap-northeast-1").values()];
    expect(apis.map((api) => api.name)).toEqual(["cellar-v2"]);
    expect([...apis[0]!.stages.keys()].sort()).toEqual(["previewv2", "prodv2"]);
    expect(apis[0]!.stages.get("prodv2")?.variables).toEqual({ alias: "v2" });
    expect(apis[0]!.stages.get("previewv2")?.variables).toEqual({ alias: "v2-preview" });
  });

  it("accepts a cognito-local pool (the offline rehearsal's), by ARN or by id", async () => {
    const localArn = "arn:aws:cognito-idp:local:local:userpool/local_AbC123";
    const byArn = await render("v1", "sa-east-1", "--user-pool-arn", localArn);
    expect(byArn.code).toBe(0);
    const byId = await render("v1", "sa-east-1", "--user-pool-id", "local_AbC123");
    expect(byId.stdout).toBe(byArn.stdout);
    const file = join(cwd, "v1.local.json");
    writeFileSync(file, byArn.stdout);
    const imported = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", file, "--region", "sa-east-1", "--version", "v1"],
    ]);
    expect(imported.stderr).not.toContain("rejected");
    expect(imported.code).toBe(0);
    const api = [...standIn.state.apis("sa-east-1").values()].find((item) => item.name === "cellar-v1");
    expect(
      JSON.stringify(api?.deployments.get(api.stages.get("prodv1")!.deploymentId)?.definition),
    ).toContain(localArn);

    // `local` is an account only inside an emulator pool ARN.
    const localAccount = await render("v1", "sa-east-1", "--user-pool-arn", localArn, "--account", "local");
    expect(localAccount.stderr).toBe(
      'cellar-gateway render: --account: "local" is not a 12-digit AWS account id\n',
    );
    const mixed = "arn:aws:cognito-idp:us-east-1:local:userpool/us-east-1_AbC123";
    const mixedRun = await render("v1", "sa-east-1", "--user-pool-arn", mixed);
    expect(mixedRun.stderr).toBe(
      `cellar-gateway render: --user-pool-arn: ${mixed} names no user pool: "local" is not a 12-digit account id (only cognito-local pools have account local)\n`,
    );
  });

  it("is refused with the warnings API Gateway returned, creating nothing", async () => {
    const rendered = await render("v1", "eu-central-1", "--user-pool-id", "eu-central-1_Warn");
    const document = JSON.parse(rendered.stdout);
    document.paths["/ping"].get.responses["200"].content["application/json"].schema = {
      $ref: "#/components/schemas/Pong",
    };
    const file = join(cwd, "dangling.json");
    writeFileSync(file, JSON.stringify(document));
    const run = await runGatewayCli(standIn, cwd, ["import", "--file", file, "--region", "eu-central-1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      [
        'cellar-gateway import: ImportRestApi "cellar-v1" in eu-central-1 was rejected by API Gateway: Warnings found during import:',
        "  - Parse issue: attribute #/paths/~1ping/get/responses/200/content/application~1json/schema.#/components/schemas/Pong is missing",
      ].join("\n"),
    );
    expect(standIn.state.apis("eu-central-1").size).toBe(0);

    const allowed = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", file, "--region", "eu-central-1", "--allow-warnings"],
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("[eu-central-1] warning from API Gateway: Parse issue: attribute");
  });

  it("refuses a generated definition whose placeholders it cannot fill, before calling AWS", async () => {
    const before = standIn.requests.length;
    const run = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", join(REPO_GATEWAY_DIR, "v2.gen.json"), "--region", "eu-north-1"],
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("{{userPoolId}} left unfilled");
    expect(run.stderr).toContain("pass --account and --user-pool-arn or --user-pool-id");
    expect(standIn.requests.slice(before).filter((request) => WRITES.includes(request.operation))).toEqual(
      [],
    );
  });

  it("backs up every stage before an overwrite, and the printed command restores it", async () => {
    await deployGenerated(standIn, cwd, "us-east-1");
    const exportStage = async (stage: string) =>
      (
        await runGatewayCli(standIn, cwd, [
          "export",
          "--api",
          "cellar-v1",
          "--stage",
          stage,
          "--region",
          "us-east-1",
        ])
      ).stdout;
    const originalV1 = await exportStage("prodv1");
    const originalPreview = await exportStage("previewv1");

    // Overwrite prodv1 with a definition that lost an operation.
    const changed = JSON.parse(originalV1);
    delete changed.paths["/ping"];
    const file = join(cwd, "smaller.json");
    writeFileSync(file, JSON.stringify(changed));
    const backups = join(cwd, "backups");
    const before = standIn.requests.length;
    const run = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", file, "--region", "us-east-1", "--version", "v1", "--mode", "overwrite"],
      ...["--backup-dir", backups],
    ]);
    expect(run.code).toBe(0);
    const calls = standIn.requests.slice(before).map((request) => request.operation);
    expect(calls.indexOf("GetExport")).toBeLessThan(calls.indexOf("PutRestApi"));
    expect(await exportStage("prodv1")).not.toContain('"/ping"');

    const files = readdirSync(join(backups, "us-east-1")).sort();
    expect(files).toEqual([
      expect.stringMatching(/^cellar-v1-\w+-previewv1-.*\.json$/),
      expect.stringMatching(/^cellar-v1-\w+-prodv1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/),
    ]);
    expect(readFileSync(join(backups, "us-east-1", files[0]!), "utf8")).toBe(originalPreview);
    expect(readFileSync(join(backups, "us-east-1", files[1]!), "utf8")).toBe(originalV1);

    const restore = /to restore it: npm run gateway -- (import .*--stage prodv1)$/m.exec(run.stderr)?.[1];
    expect(restore).toBeDefined();
    const restored = await runGatewayCli(standIn, cwd, [...restore!.split(" "), "--backup-dir", backups]);
    expect(restored.code).toBe(0);
    expect(await exportStage("prodv1")).toBe(originalV1);
    expect(existsSync(join(backups, "us-east-1"))).toBe(true);
  });

  it("changes nothing in a dry run", async () => {
    const file = join(cwd, "dry.json");
    writeFileSync(file, (await render("v2", "us-east-1", "--user-pool-id", "us-east-1_Dry")).stdout);
    const before = standIn.requests.length;
    const run = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", file, "--region", "us-east-1", "--version", "v2", "--mode", "overwrite", "--dry-run"],
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /dry run: would back up the stages of cellar-v2 \(\w+\) and update it with PutRestApi, mode overwrite/,
    );
    expect(run.stderr).toContain("dry run: would then deploy to stage prodv2");
    expect(standIn.requests.slice(before).map((request) => request.operation)).toEqual(["GetRestApis"]);
  });
});

describe("errors", () => {
  it("are one line each, naming what failed and where", async () => {
    const noApi = await runGatewayCli(standIn, cwd, [
      "export",
      "--api",
      "nosuch",
      "--stage",
      "prodv1",
      "--region",
      "us-east-1",
    ]);
    expect(noApi).toMatchObject({
      code: 1,
      stderr: 'cellar-gateway export: no REST API with id or name "nosuch" in us-east-1\n',
    });

    const noStage = await runGatewayCli(standIn, cwd, [
      "export",
      ...["--api", "cellar-v1", "--stage", "dev", "--region", "us-east-1"],
    ]);
    expect(noStage.code).toBe(1);
    expect(noStage.stderr).toMatch(
      /^cellar-gateway export: GetExport of cellar-v1 \(\w+\) stage dev in us-east-1: not found: Invalid stage identifier specified\n$/,
    );

    standIn.inject({
      operation: "PutRestApi",
      status: 409,
      type: "ConflictException",
      message: "Another import is in progress",
    });
    const file = join(cwd, "dry.json");
    const conflict = await runGatewayCli(standIn, cwd, [
      "import",
      ...[
        "--file",
        file,
        "--region",
        "us-east-1",
        "--api",
        "cellar-v2",
        "--backup-dir",
        join(cwd, "backups"),
      ],
    ]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(
      /cellar-gateway import: PutRestApi \(merge\) of cellar-v2 \(\w+\) in us-east-1 conflicts with another change to the same API \(Another import is in progress\); run it again once that change is done\n$/,
    );

    const badFlag = await runGatewayCli(standIn, cwd, ["sync", "--form", "us-east-1"]);
    expect(badFlag.stderr).toBe(
      "cellar-gateway sync: Unknown option '--form'; see `cellar-gateway sync --help`\n",
    );
    expect(badFlag.code).toBe(2);
    const unknown = await runGatewayCli(standIn, cwd, ["deploy"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "deploy"');
  });

  it("has --help on every command", async () => {
    for (const command of COMMANDS) {
      const run = await runGatewayCli(undefined, cwd, [command.name, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: cellar-gateway ${command.name} `));
      if (command.aws) expect(run.stdout).toContain("--endpoint-url <url>");
    }
  });
});

describe("render for an app with another name", () => {
  it("names the API and every integrated function after the app", async () => {
    const run = await render("v1", "eu-west-1", "--app", "vintner", "--user-pool-arn", HOME_USER_POOL_ARN);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { info: { title: string } };
    expect(document.info.title).toBe("vintner-v1");
    const functions = [...run.stdout.matchAll(/:function:([A-Za-z0-9-]+?)-[A-Za-z0-9]+:/g)].map(
      (match) => match[1],
    );
    expect(functions.length).toBeGreaterThan(0);
    expect(new Set(functions)).toEqual(new Set(["vintner"]));
  });
});
