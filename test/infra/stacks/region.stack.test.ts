import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { lambdaEntries, stubLambdaBundles } from "../../../infra/bundle/lambda-bundles.js";
import { operationFunctions } from "../../../infra/operations/operation-functions.js";
import { RegionStack } from "../../../infra/stacks/region.stack.js";
import { TEST_ACCOUNT, testConfig } from "../../../infra/testing/test-app.js";
import { makeTestTempDir } from "../../support/test-temp-dirs.js";

describe("a region stack under CDK's built-in CloudFormation validation", () => {
  // Slow (the validator loads every resource schema): ~10 s alone, more on a busy machine.
  it("has no property the CloudFormation resource schemas reject", { timeout: 120_000 }, () => {
    // Once, on the stack with the most in it.
    const outdir = makeTestTempDir("cellar-infra-validate-");
    // Explicitly on: CDK_VALIDATION=false in the environment would otherwise turn it off unseen.
    const app = new App({ outdir, builtinCloudFormationValidation: true });
    const config = testConfig();
    const bundles = stubLambdaBundles(
      makeTestTempDir("cellar-infra-stubs-"),
      lambdaEntries().map((entry) => entry.name),
    );
    new RegionStack(app, "Cellar-us-east-1", {
      env: { account: TEST_ACCOUNT, region: "us-east-1" },
      config,
      regionConfig: config.regions[0] ?? { region: "us-east-1", availabilityZones: [] },
      operations: operationFunctions(),
      bundles,
      userPool: {
        userPoolId: "us-east-1_Pool",
        userPoolArn: `arn:aws:cognito-idp:us-east-1:${TEST_ACCOUNT}:userpool/us-east-1_Pool`,
      },
      databaseRole: { kind: "primary", replicaRegions: ["eu-west-1"] },
    });
    app.synth();
    // The validator writes this report whenever it runs, findings or not (downgraded to warnings);
    // a missing report means it did not run, which must fail here rather than pass as "clean".
    const reportFile = join(outdir, "validation-report.json");
    expect(existsSync(reportFile), "CDK wrote no validation report: the validation did not run").toBe(true);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
      pluginReports: Array<{ violations: Array<{ ruleName: string; description: string }> }>;
    };
    expect(report.pluginReports.length).toBeGreaterThan(0);
    expect(
      report.pluginReports.flatMap((plugin) =>
        plugin.violations.map((v) => `${v.ruleName}: ${v.description}`),
      ),
    ).toEqual([]);
  });
});
