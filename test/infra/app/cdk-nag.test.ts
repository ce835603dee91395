import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, Validations } from "aws-cdk-lib";
import * as sns from "aws-cdk-lib/aws-sns";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { synthTestApp, testConfig } from "../../../infra/testing/test-app.js";

interface ValidationReport {
  pluginReports: {
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/**
 * Runs cdk-nag's AwsSolutions pack as a CDK policy-validation plugin: synth throws when any finding
 * (error or warning) is not acknowledged, and writes them to validation-report.json. Returns them as
 * `<rule> at <construct path>`, so a failure names what to fix or acknowledge.
 */
function awsSolutionsFindings(app: App): string[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return [];
  } catch (error) {
    const reportFile = join(app.outdir, "validation-report.json");
    if (!existsSync(reportFile)) throw error;
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as ValidationReport;
    return report.pluginReports.flatMap((plugin) =>
      plugin.violations.flatMap((violation) =>
        violation.violatingConstructs.map(
          (construct) => `${violation.severity} ${violation.ruleName} at ${construct.constructPath}`,
        ),
      ),
    );
  }
}

describe("cdk-nag AwsSolutions", () => {
  it("finds nothing unacknowledged in the app", () => {
    expect(awsSolutionsFindings(synthTestApp().app)).toEqual([]);
  });

  it("finds nothing unacknowledged with waf.enabled false (the stages and CloudFront say why)", () => {
    expect(awsSolutionsFindings(synthTestApp(testConfig({ waf: { enabled: false } })).app)).toEqual([]);
  });

  it("reports a finding nobody acknowledged, so the checks above can fail", () => {
    const outdir = mkdtempSync(join(tmpdir(), "cellar-nag-"));
    try {
      const app = new App({ outdir, builtinCloudFormationValidation: false });
      new sns.Topic(new Stack(app, "Plain"), "Topic");
      expect(awsSolutionsFindings(app)).toContain("error AwsSolutions-SNS3 at Plain/Topic/Resource");
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
