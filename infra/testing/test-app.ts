import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { App, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { makeTestTempDir } from "../../test/support/test-temp-dirs.js";
import { addCellarStacks, type CellarStacks } from "../app/cellar-app.js";
import { type LambdaBundles, lambdaEntries, stubLambdaBundles } from "../bundle/lambda-bundles.js";
import { defineInfraConfig, type InfraConfig, type InfraConfigInput } from "../config/infra-config.js";

export const TEST_ACCOUNT = "111111111111";
/** A web origin, a dev server, and the origins hybrid app webviews send (Capacitor, Ionic, Android, Cordova). */
export const TEST_CORS_ORIGINS = [
  "https://www.wine.example.org",
  "http://localhost:5173",
  "capacitor://localhost",
  "ionic://localhost",
  "https://localhost",
  "null",
] as const;

let demoApp: string | undefined;

/** A stand-in for the built demo app: the Site stack refuses to synthesize without one. */
export function testDemoAppDir(): string {
  if (!demoApp) {
    demoApp = makeTestTempDir("cellar-demo-app-");
    writeFileSync(join(demoApp, "index.html"), "<!doctype html><title>demo</title>");
  }
  return demoApp;
}

export function testConfig(overrides: Partial<InfraConfigInput> = {}): InfraConfig {
  return defineInfraConfig({
    account: TEST_ACCOUNT,
    regions: [
      { region: "us-east-1", availabilityZones: ["us-east-1a", "us-east-1b"] },
      { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b"] },
    ],
    domain: {
      apiDomainName: "api.wine.example.org",
      hostedZoneId: "ZTESTZONE",
      hostedZoneName: "wine.example.org",
    },
    site: { domainName: "www.wine.example.org", demoAppDir: testDemoAppDir() },
    corsOrigins: [...TEST_CORS_ORIGINS],
    ...overrides,
  });
}

let stubs: LambdaBundles | undefined;

/** Stub code, written once per test process: these tests read templates, never the functions' code. */
function stubBundles(): LambdaBundles {
  stubs ??= stubLambdaBundles(
    makeTestTempDir("cellar-infra-stubs-"),
    lambdaEntries().map((entry) => entry.name),
  );
  return stubs;
}

export interface SynthesizedTestApp {
  app: App;
  stacks: CellarStacks;
  template(stack: Stack): Template;
}

/**
 * A synthesized app for `config`. CDK's built-in CloudFormation validation is off here (it takes
 * ~30 s per app); `npm run synth` keeps it on, and one test runs it on a region stack.
 */
export function synthTestApp(config: InfraConfig = testConfig()): SynthesizedTestApp {
  const app = new App({
    outdir: makeTestTempDir("cellar-infra-out-"),
    builtinCloudFormationValidation: false,
  });
  const stacks = addCellarStacks(app, config, stubBundles());
  const templates = new Map<Stack, Template>();
  return {
    app,
    stacks,
    template(stack) {
      let template = templates.get(stack);
      if (!template) {
        template = Template.fromStack(stack);
        templates.set(stack, template);
      }
      return template;
    },
  };
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;

/** Resources of one type as plain objects, for assertions that need more than Match can say. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}
