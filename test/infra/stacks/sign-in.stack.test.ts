import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { parseAppConfig } from "../../../examples/mobile-web/src/app-config.js";
import { defineInfraConfig } from "../../../infra/config/infra-config.js";
import { APP_TIER, apiKeySecretName } from "../../../infra/constructs/api-key-values.construct.js";
import { resourcesOfType, synthTestApp, TEST_ACCOUNT, testConfig } from "../../../infra/testing/test-app.js";

const appClientOf = (app: ReturnType<typeof synthTestApp>) => {
  const clients = Object.values(
    resourcesOfType(app.template(app.stacks.identity), "AWS::Cognito::UserPoolClient"),
  );
  const client = clients.find((candidate) => candidate.Properties.ClientName === "cellar-app");
  if (!client) throw new Error("no cellar-app client");
  return client.Properties;
};

describe("sign-in: the user pool's domain and app client", () => {
  const app = synthTestApp();
  const identity = app.template(app.stacks.identity);

  it("has a hosted domain named after the deployment and account, and outputs its URL", () => {
    identity.hasResourceProperties("AWS::Cognito::UserPoolDomain", { Domain: `cellar-${TEST_ACCOUNT}` });
    expect(identity.findOutputs("SignInDomain").SignInDomain).toBeDefined();
  });

  it("grants authorization codes only, never implicit tokens, back to the site's demo app", () => {
    expect(appClientOf(app)).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      CallbackURLs: ["https://www.wine.example.org/app/"],
      LogoutURLs: ["https://www.wine.example.org/app/"],
      AllowedOAuthScopes: expect.arrayContaining(["openid", "email"]),
      EnableTokenRevocation: true,
    });
    expect(JSON.stringify(appClientOf(app))).not.toContain("example.com");
  });

  it("takes callback and logout URLs from the config", () => {
    const custom = synthTestApp(
      testConfig({
        identity: {
          domainPrefix: "wine-login",
          callbackUrls: ["https://m.wine.example.org/callback", "winecellar://signed-in"],
          logoutUrls: ["https://m.wine.example.org/"],
        },
      }),
    );
    expect(appClientOf(custom)).toMatchObject({
      AllowedOAuthFlows: ["code"],
      CallbackURLs: ["https://m.wine.example.org/callback", "winecellar://signed-in"],
      LogoutURLs: ["https://m.wine.example.org/"],
    });
    custom.template(custom.stacks.identity).hasResourceProperties("AWS::Cognito::UserPoolDomain", {
      Domain: "wine-login",
    });
  });

  it("turns OAuth off rather than invent a callback when neither the config nor a site domain gives one", () => {
    const bare = synthTestApp(testConfig({ site: { demoAppDir: testConfig().site.demoAppDir! } }));
    const client = appClientOf(bare);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
    for (const oauth of ["AllowedOAuthFlows", "CallbackURLs"]) expect(client).not.toHaveProperty(oauth);
  });

  it("uses Cognito's default sender unless the config names an SES sender", () => {
    identity.hasResourceProperties("AWS::Cognito::UserPool", {
      EmailConfiguration: Match.absent(),
    });
    const ses = synthTestApp(
      testConfig({
        identity: {
          email: {
            fromEmail: "hello@wine.example.org",
            fromName: "Cellar",
            sesVerifiedDomain: "wine.example.org",
          },
        },
      }),
    );
    ses.template(ses.stacks.identity).hasResourceProperties("AWS::Cognito::UserPool", {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: "DEVELOPER",
        From: "Cellar <hello@wine.example.org>",
        SourceArn: Match.anyValue(),
      }),
    });
  });

  it("refuses a domain prefix Cognito would refuse, and a plain-http callback", () => {
    const input = {
      ...testConfig(),
      identity: { domainPrefix: "my-cognito", callbackUrls: ["http://wine.example.org/"] },
    };
    expect(() => defineInfraConfig(input)).toThrow(/domainPrefix may not contain[\s\S]*must be https/);
  });
});

describe("the site's config.json and demo app", () => {
  const app = synthTestApp();
  const site = app.template(app.stacks.site);

  it("deploys the demo build under /app/", () => {
    site.hasResourceProperties("Custom::CDKBucketDeployment", { DestinationBucketKeyPrefix: "app/" });
  });

  it("points the demo at the API domain (no version) and the home region's pool and app client", () => {
    expect(app.stacks.site.node.metadata.filter((entry) => entry.type === "aws:cdk:warning")).toEqual([]);
    // Source.jsonData stages config.json as an asset, the tokens replaced by markers at deploy time.
    const outdir = app.app.synth().directory;
    const staged = readdirSync(outdir)
      .map((entry) => join(outdir, entry, "config.json"))
      .filter((file) => existsSync(file));
    expect(staged).toHaveLength(1);
    const config = parseAppConfig(JSON.parse(readFileSync(staged[0]!, "utf8")));
    expect(config).toEqual({
      apiBaseUrl: "https://api.wine.example.org",
      cognito: { region: "us-east-1", userPoolId: expect.any(String), clientId: expect.any(String) },
      apiKey: expect.any(String),
    });
    const deployments = Object.values(resourcesOfType(site, "Custom::CDKBucketDeployment"));
    const markers = Object.assign(
      {},
      ...deployments.flatMap((deployment) => (deployment.Properties.SourceMarkers ?? []) as object[]),
    ) as Record<string, unknown>;
    expect(JSON.stringify(markers[config.cognito!.userPoolId])).toMatch(/ExportsOutputRefUserPool[0-9A-F]+"/);
    expect(JSON.stringify(markers[config.cognito!.clientId])).toMatch(/ExportsOutputRefUserPoolAppClient/);
    // The app tier's key value, read at deploy time from its secret (the same key in every region).
    expect(markers[config.apiKey!]).toEqual({
      "Fn::GetAtt": [expect.stringMatching(/^AppApiKeyLookup/), "SecretString"],
    });
  });

  it("reads the app key's value from the home region's secret, allowed that secret only", () => {
    site.hasResourceProperties("Custom::AWS", {
      Create: Match.serializedJson(
        Match.objectLike({
          service: "SecretsManager",
          action: "getSecretValue",
          parameters: { SecretId: apiKeySecretName(testConfig(), APP_TIER) },
          region: app.stacks.regions[0]!.region,
        }),
      ),
    });
    site.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: "secretsmanager:GetSecretValue",
            Resource: {
              "Fn::Join": [
                "",
                Match.arrayWith([Match.stringLikeRegexp(":secret:cellar/api-keys/app-\\?\\?\\?\\?\\?\\?$")]),
              ],
            },
          }),
        ],
      },
    });
    expect(app.stacks.site.dependencies).toContain(app.stacks.identity);
  });

  it("leaves the key out of config.json when the config has no app tier", () => {
    const keyless = synthTestApp(testConfig({ usagePlans: { partner: { rateLimit: 1, burstLimit: 1 } } }));
    keyless.template(keyless.stacks.site).resourceCountIs("Custom::AWS", 0);
  });

  it("refuses a config whose CORS origins leave out the site the demo is served from", () => {
    const input = { ...testConfig(), corsOrigins: ["capacitor://localhost"] };
    expect(() => defineInfraConfig(input)).toThrow(/corsOrigins must list https:\/\/www\.wine\.example\.org/);
  });

  it("will not synthesize without a demo build", () => {
    expect(() =>
      synthTestApp(
        testConfig({ site: { domainName: "www.wine.example.org", demoAppDir: "/nonexistent/demo" } }),
      ),
    ).toThrow(/demo app is not built in \/nonexistent\/demo/);
  });
});
