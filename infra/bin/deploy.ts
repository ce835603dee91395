import { spawnSync } from "node:child_process";
import { SITE_REGION } from "../app/cellar-app.js";
import { deploymentConfig } from "../config/deployment.config.js";
import type { InfraConfig } from "../config/infra-config.js";
import { loadInfraConfig } from "../config/load-config.js";
import { synth } from "./synth.js";

/**
 * `npm run deploy [-- --dry-run | <cdk deploy options>]`: says what a deploy needs, synthesizes, and
 * hands the assembly to the AWS CDK CLI (`cdk deploy --app infra/cdk.out --all`) when it is installed.
 * The CLI is not a project dependency: deploying is done from a workstation or pipeline that has it.
 */
function prerequisites(config: InfraConfig): string {
  const regions = [...new Set([...config.regions.map((r) => r.region), SITE_REGION])];
  return `A deploy needs:
  1. AWS credentials for account ${config.account} (AWS_PROFILE or the usual environment variables).
  2. The AWS CDK CLI v2: npm install -g aws-cdk
  3. Each region bootstrapped once: cdk bootstrap ${regions.map((region) => `aws://${config.account}/${region}`).join(" ")}
  4. The public hosted zone ${config.domain.hostedZoneName} (${config.domain.hostedZoneId}) in that account,
     delegated from the registrar: certificates are validated and records written in it.
  5. A real config: CELLAR_INFRA_CONFIG=path/to/config.json (see infra/README.md); the checked-in one holds placeholders.
Canary on v2: set "canary": {"percentTraffic": 10, "stableVersions": {...}} with each v2 function's current
version (aws lambda get-alias --function-name ${config.name}-<operationId> --name v2), deploy, watch the
prodv2 alarms, then remove "canary" and deploy again to promote.`;
}

const args = process.argv.slice(2);
const config = loadInfraConfig();
console.log(prerequisites(config));

if (args.includes("--dry-run")) process.exit(0);
if (config === deploymentConfig || config.account === deploymentConfig.account) {
  console.error("\nRefusing to deploy the placeholder config: set CELLAR_INFRA_CONFIG (item 5).");
  process.exit(1);
}
const cli = spawnSync("cdk", ["--version"], { encoding: "utf8" });
if (cli.error || cli.status !== 0) {
  console.error("\nThe AWS CDK CLI is not installed (item 2); nothing was deployed.");
  process.exit(1);
}
const { outdir } = await synth();
const deploy = spawnSync(
  "cdk",
  ["deploy", "--app", outdir, "--all", "--require-approval", "broadening", ...args],
  {
    stdio: "inherit",
  },
);
process.exit(deploy.status ?? 1);
