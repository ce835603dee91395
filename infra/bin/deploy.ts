import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { SSMClient } from "@aws-sdk/client-ssm";
import { runContractSuite } from "../../contract-tests/run-suite.js";
import { RELEASE_ID_CONTEXT } from "../../release/gate/gate-parameters.js";
import {
  formatReleaseSummary,
  newReleaseId,
  releasePlan,
  releaseRegionsInOrder,
} from "../../release/release-plan.js";
import { type DeployOutcome, releaseRegion } from "../../release/release-region.js";
import { parseCommandLine } from "../../tools/cli/command-line.js";
import { SITE_REGION, stackPrefix } from "../app/cellar-app.js";
import { deploymentConfig } from "../config/deployment.config.js";
import type { InfraConfig } from "../config/infra-config.js";
import { loadInfraConfig } from "../config/load-config.js";
import { synth } from "./synth.js";

const USAGE = `Usage: npm run deploy [-- --dry-run] [-- --gate-poll-seconds 10]

Releases this commit to every configured region (see README, "Release"):
  1. synth, with a new release id;
  2. cdk deploy the Identity and Site stacks;
  3. for each region in config order (home first): cdk deploy its stack. CloudFormation publishes the
     changed functions and moves their preview aliases; CodeDeploy holds every moved live alias at its
     BeforeAllowTraffic hook (the release gate) while this command runs the contract suite against
     https://preview.<region>.<api domain> and writes the verdict. Passed: CodeDeploy shifts traffic
     (config release.trafficShifting, alarms watched, automatic rollback); failed: the stack rolls back.
     Then the contract suite runs against the region's own live endpoint https://<region>.<api domain>;
  4. stops at the first region that does not pass; later regions are left untouched.
The contract suite signs its test users in at the deployment's user pool (the ContractTestClientId
app client) and removes them, and deletes every winery it created.`;

function prerequisites(config: InfraConfig): string {
  const regions = [...new Set([...config.regions.map((r) => r.region), SITE_REGION])];
  return `A release needs:
  1. AWS credentials for account ${config.account} (AWS_PROFILE or the usual environment variables), allowed
     to deploy the stacks, to read and write SSM parameters under /${config.name}/release-gate/ and to call
     cognito-idp Admin* on the user pool (the contract suite's test users).
  2. The AWS CDK CLI v2: npm install -g aws-cdk
  3. Each region bootstrapped once: cdk bootstrap ${regions.map((region) => `aws://${config.account}/${region}`).join(" ")}
  4. The public hosted zone ${config.domain.hostedZoneName} (${config.domain.hostedZoneId}) in that account.
  5. A real config: CELLAR_INFRA_CONFIG=path/to/config.json (see infra/README.md); the checked-in one holds placeholders.
  6. CONTRACT_API_KEY: the deployment's app key (usage plan ${config.name}-app), which every /v2
     operation but ping requires; CONTRACT_LOW_QUOTA_API_KEY (${config.name}-lowQuota) lets the
     suite probe 429. Read them with: aws apigateway get-api-keys --include-values`;
}

const { values } = parseCommandLine({
  name: "npm run deploy",
  help: `${USAGE}\n\nOptions:\n  --dry-run                 print the plan, deploy nothing\n  --gate-poll-seconds <s>   how often to poll the release gate (default 10)\n  -h, --help                show this help\n`,
  options: {
    "dry-run": { type: "boolean", default: false },
    "gate-poll-seconds": { type: "string", default: "10" },
    help: { type: "boolean", short: "h", default: false },
  },
});
const config = loadInfraConfig();
const commit = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).stdout?.trim() || undefined;
const plan = releasePlan({
  stackPrefix: stackPrefix(config),
  regions: config.regions.map((region) => region.region),
  apiDomainName: config.domain.apiDomainName,
  releaseId: newReleaseId(new Date(), commit),
});
console.log(prerequisites(config));
console.log(`\nRelease ${plan.releaseId}: ${plan.sharedStacks.join(", ")}, then`);
for (const region of plan.regions) {
  console.log(
    `  ${region.stack}: candidate tested at ${region.previewEndpoint}, live at ${region.liveEndpoint}`,
  );
}
console.log(`then ${plan.finalStacks.join(", ")}`);

if (values["dry-run"]) process.exit(0);
if (config === deploymentConfig || config.account === deploymentConfig.account) {
  console.error("\nRefusing to deploy the placeholder config: set CELLAR_INFRA_CONFIG (item 5).");
  process.exit(1);
}
const cli = spawnSync("cdk", ["--version"], { encoding: "utf8" });
if (cli.error || cli.status !== 0) {
  console.error("\nThe AWS CDK CLI is not installed (item 2); nothing was deployed.");
  process.exit(1);
}

const { outdir } = await synth(undefined, { [RELEASE_ID_CONTEXT]: plan.releaseId });
const outputs = join(mkdtempSync(join(tmpdir(), "cellar-release-")), "outputs.json");
const cdkDeploy = (stacks: string[]): Promise<DeployOutcome> =>
  run(
    "cdk",
    ["deploy", "--app", outdir, ...stacks, "--require-approval", "never", "--outputs-file", outputs],
    {
      stdio: "inherit",
    },
  );

const shared = await cdkDeploy(plan.sharedStacks);
if (!shared.ok) {
  console.error(`\n${plan.sharedStacks.join(", ")} failed: ${shared.reason}`);
  process.exit(1);
}
const identity = readOutputs(outputs)[plan.sharedStacks[0]!] ?? {};
const cognito = {
  userPoolId: required(identity, "UserPoolId"),
  clientId: required(identity, "ContractTestClientId"),
  region: config.regions[0]!.region,
};
const pollMs = Number(values["gate-poll-seconds"]) * 1000;
// The stage's keys (the `app` and `lowQuota` usage plan keys: aws apigateway get-api-keys --include-values).
const keys = {
  ...(process.env.CONTRACT_API_KEY ? { apiKey: process.env.CONTRACT_API_KEY } : {}),
  ...(process.env.CONTRACT_LOW_QUOTA_API_KEY
    ? { lowQuotaApiKey: process.env.CONTRACT_LOW_QUOTA_API_KEY }
    : {}),
};
const suite = (endpoint: string) =>
  runContractSuite({ endpoint, tokens: {}, cognito, ...keys }, (line) => console.log(`    ${line}`));

const { results, untouched } = await releaseRegionsInOrder(
  plan.regions.map((region) => region.region),
  (region) => {
    const target = plan.regions.find((candidate) => candidate.region === region)!;
    return releaseRegion({
      region,
      app: config.name,
      releaseId: plan.releaseId,
      ssm: new SSMClient({ region }),
      deploy: () => cdkDeploy([target.stack]),
      testCandidate: () => suite(target.previewEndpoint),
      testLive: () => suite(target.liveEndpoint),
      wait: (ms) => delay(ms),
      pollMs,
      log: (line) => console.log(line),
    });
  },
);
const summary = formatReleaseSummary(plan.releaseId, results, untouched);
console.log(`\n${summary.join("\n")}`);
const released = results.every((result) => result.status === "released") && untouched.length === 0;
if (released) {
  const final = await cdkDeploy(plan.finalStacks);
  if (!final.ok) {
    console.error(`\n${plan.finalStacks.join(", ")} failed: ${final.reason}`);
    process.exit(1);
  }
}
process.exit(released ? 0 : 1);

function run(command: string, args: string[], options: SpawnOptions): Promise<DeployOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    child.once("error", (error) => resolve({ ok: false, reason: error.message }));
    child.once("exit", (code) =>
      resolve(code === 0 ? { ok: true } : { ok: false, reason: `cdk deploy exited ${code}` }),
    );
  });
}

function readOutputs(file: string): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string>>;
}

function required(outputs: Record<string, string>, name: string): string {
  const value = outputs[name];
  if (!value)
    throw new Error(`the Identity stack has no output ${name}: deploy a version of infra/ that has it`);
  return value;
}
