import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { MIGRATE_FUNCTION, RELEASE_GATE_FUNCTION } from "../../../infra/operations/operation-functions.js";
import {
  resourcesOfType,
  synthTestApp,
  TEST_ACCOUNT,
  TEST_CORS_ORIGINS,
  testConfig,
} from "../../../infra/testing/test-app.js";
import { routes } from "../../../src/generated/routes.gen.js";
import {
  API_VERSIONS,
  allStages,
  apiName,
  basePath,
  functionName,
  healthCheckPath,
  lambdaAlias,
  previewHost,
  regionalHost,
  STAGE_ROLES,
  stageName,
} from "../../../src/topology/topology.js";
import { APP_CLIENT_FLOWS } from "../../support/cognito-app-pool.js";
import { makeTestTempDir } from "../../support/test-temp-dirs.js";

const { stacks, template, app } = synthTestApp();
const [home, secondary] = stacks.regions;
if (!home || !secondary) throw new Error("the test config has two regions");
const homeTemplate = template(home);
const secondaryTemplate = template(secondary);

/** Logical id of each of the app's functions, by the name after the app prefix (operationId, ...). */
function functionIds(t: Template): Map<string, string> {
  const ids = new Map<string, string>();
  const prefix = functionName("");
  for (const [id, fn] of Object.entries(resourcesOfType(t, "AWS::Lambda::Function"))) {
    const name = fn.Properties.FunctionName;
    if (typeof name === "string" && name.startsWith(prefix)) ids.set(name.slice(prefix.length), id);
  }
  return ids;
}
/** Functions that serve no operation: the migrations, the release gate and the queue workers. */
const isOperation = (name: string) =>
  name !== MIGRATE_FUNCTION && name !== RELEASE_GATE_FUNCTION && !name.startsWith("worker-");

/** Alias names per function logical id. */
function aliasesByFunction(t: Template): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  for (const alias of Object.values(resourcesOfType(t, "AWS::Lambda::Alias"))) {
    const fnId = (alias.Properties.FunctionName as { Ref: string }).Ref;
    aliases.set(fnId, [...(aliases.get(fnId) ?? []), alias.Properties.Name as string].sort());
  }
  return aliases;
}

function restApi(t: Template, version: string): { id: string; body: Record<string, unknown> } {
  const [entry] = Object.entries(resourcesOfType(t, "AWS::ApiGateway::RestApi")).filter(
    ([, api]) => api.Properties.Name === apiName(version),
  );
  if (!entry) throw new Error(`no REST API ${apiName(version)}`);
  return { id: entry[0], body: entry[1].Properties.Body as Record<string, unknown> };
}

describe("the synthesized deployment", () => {
  it("has identity in the home region, the site in us-east-1 and one API stack per configured region", () => {
    expect(stacks.identity.region).toBe("us-east-1");
    expect(stacks.site.region).toBe("us-east-1");
    expect(stacks.regions.map((stack) => [stack.stackName, stack.region, stack.account])).toEqual([
      ["Cellar-us-east-1", "us-east-1", TEST_ACCOUNT],
      ["Cellar-eu-west-1", "eu-west-1", TEST_ACCOUNT],
    ]);
  });

  it("needs no lookups: nothing in the assembly asks for missing context", () => {
    expect(app.synth().manifest.missing ?? []).toEqual([]);
  });
});

describe.each([
  ["home", homeTemplate],
  ["secondary", secondaryTemplate],
])("functions in the %s region", (_role, t) => {
  it("are one per operation, nodejs22.x on arm64 with 1024 MB, X-Ray tracing and the production environment", () => {
    const ids = functionIds(t);
    // Besides the operations: the migrations function, the release gate and the queue workers.
    const operationNames = [...ids.keys()].filter(isOperation);
    expect(operationNames.sort()).toEqual(routes.map((route) => route.operationId).sort());
    for (const operationId of ids.keys()) {
      if (operationId === MIGRATE_FUNCTION || operationId === RELEASE_GATE_FUNCTION) continue;
      t.hasResourceProperties("AWS::Lambda::Function", {
        FunctionName: functionName(operationId),
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        MemorySize: 1024,
        Handler: "index.handler",
        TracingConfig: { Mode: "Active" },
        Layers: [Match.stringLikeRegexp("AWS-Parameters-and-Secrets-Lambda-Extension-Arm64")],
        VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }),
        Environment: {
          Variables: Match.objectLike({
            NODE_ENV: "production",
            CELLAR_QUEUE: "sqs",
            CORS_ORIGINS: TEST_CORS_ORIGINS.join(","),
            DATABASE_POOL_MAX: "2",
            // Past the 5-minute warmer (the warm connection survives), under RDS Proxy's 30-minute idle limit.
            DATABASE_IDLE_TIMEOUT_MS: "600000",
            CELLAR_DATABASE_SECRET_ARN: Match.anyValue(),
            // The password never sits in the function's configuration.
            DATABASE_URL: {
              "Fn::Join": ["", ["postgres://cellar@", Match.anyValue(), ":5432/cellar?sslmode=verify-full"]],
            },
          }),
        },
      });
    }
  });

  it("publish a version per deploy with a live and a preview alias of their API version", () => {
    const ids = functionIds(t);
    const aliases = aliasesByFunction(t);
    for (const route of routes) {
      expect(aliases.get(ids.get(route.operationId) ?? "")).toEqual(
        STAGE_ROLES.map((role) => lambdaAlias(route.version, role)).sort(),
      );
    }
    const versions = resourcesOfType(t, "AWS::Lambda::Version");
    for (const alias of Object.values(resourcesOfType(t, "AWS::Lambda::Alias"))) {
      const [versionId] = (alias.Properties.FunctionVersion as { "Fn::GetAtt": [string, string] })[
        "Fn::GetAtt"
      ];
      expect(versions[versionId]?.Properties.FunctionName).toEqual(alias.Properties.FunctionName);
    }
  });

  it("let API Gateway invoke each alias through one wildcard statement per alias, not one per route", () => {
    // The queue workers' "live" aliases are invoked by their SQS event source, not by API Gateway.
    const aliasCount = Object.values(resourcesOfType(t, "AWS::Lambda::Alias")).filter(
      (alias) => alias.Properties.Name !== "live",
    ).length;
    const apiPermissions = Object.values(resourcesOfType(t, "AWS::Lambda::Permission")).filter(
      (permission) => permission.Properties.Principal === "apigateway.amazonaws.com",
    );
    expect(apiPermissions).toHaveLength(aliasCount);
    for (const permission of apiPermissions) {
      const [, parts] = (permission.Properties.SourceArn as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
      expect(parts.at(-1)).toBe("/*/*/*");
      expect(parts).toContainEqual({ Ref: expect.stringMatching(/^Apiv[12]Api/) });
    }
  });
});

describe("REST APIs and stages", () => {
  it.each(API_VERSIONS)("%s is imported inline from its rendered definition, REGIONAL", (version) => {
    const { body } = restApi(secondaryTemplate, version);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/\{\{\w+\}\}/);
    expect(body).not.toHaveProperty("x-generated");
    expect(body.openapi).toBe("3.0.1");
    secondaryTemplate.hasResourceProperties("AWS::ApiGateway::RestApi", {
      Name: `cellar-${version}`,
      EndpointConfiguration: { Types: ["REGIONAL"] },
      DisableExecuteApiEndpoint: true,
    });
    for (const route of routes.filter((r) => r.version === version)) {
      expect(text).toContain(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:${TEST_ACCOUNT}:function:cellar-${route.operationId}:\${stageVariables.alias}/invocations`,
      );
    }
    // The user pool lives in the home region, so its ARN comes across regions, not from a placeholder.
    const schemes = (body.components as { securitySchemes: Record<string, Record<string, unknown>> })
      .securitySchemes;
    expect(schemes.cognito?.["x-amazon-apigateway-authorizer"]).toEqual({
      type: "cognito_user_pools",
      providerARNs: [
        { "Fn::GetAtt": [expect.stringMatching(/^ExportsReader/), expect.stringMatching(/UserPool/)] },
      ],
    });
  });

  it.each(allStages().map((stage) => [stage.stage, stage] as const))(
    "stage %s has the topology's alias variable, naming an alias every integrated function has",
    (_name, { version, role, stage, variables }) => {
      const { id, body } = restApi(homeTemplate, version);
      const throttling = role === "live" ? { rate: 200, burst: 400 } : { rate: 20, burst: 40 };
      homeTemplate.hasResourceProperties("AWS::ApiGateway::Stage", {
        RestApiId: { Ref: id },
        StageName: stage,
        // Every configured origin, hybrid webviews' included, for the preflights; the first for gateway errors.
        Variables: {
          ...variables,
          corsOrigins:
            "https://www.wine.example.org,http://localhost:5173,capacitor://localhost,ionic://localhost,https://localhost,null",
          corsOrigin: "https://www.wine.example.org",
        },
        TracingEnabled: true,
        AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("requestId") },
        MethodSettings: [
          Match.objectLike({ ThrottlingRateLimit: throttling.rate, ThrottlingBurstLimit: throttling.burst }),
        ],
      });
      const integrated = [
        ...JSON.stringify(body).matchAll(/:function:cellar-(\w+):\$\{stageVariables\.alias\}/g),
      ].map((match) => match[1] as string);
      expect(new Set(integrated).size).toBe(routes.filter((route) => route.version === version).length);
      const ids = functionIds(homeTemplate);
      const aliases = aliasesByFunction(homeTemplate);
      for (const operationId of integrated)
        expect(aliases.get(ids.get(operationId) ?? "")).toContain(variables.alias);
    },
  );

  it.each([
    ["home", homeTemplate],
    ["secondary", secondaryTemplate],
  ])("%s region has exactly two stages per API, live and preview, on the API's one deployment", (_r, t) => {
    const stages = Object.values(resourcesOfType(t, "AWS::ApiGateway::Stage"));
    expect(stages.map((stage) => stage.Properties.StageName).sort()).toEqual(
      allStages()
        .map((stage) => stage.stage)
        .sort(),
    );
    for (const version of API_VERSIONS) {
      const { id } = restApi(t, version);
      const ofApi = stages.filter((stage) => (stage.Properties.RestApiId as { Ref: string }).Ref === id);
      expect(new Set(ofApi.map((stage) => JSON.stringify(stage.Properties.DeploymentId))).size).toBe(1);
      expect(ofApi.map((stage) => stage.Properties.StageName).sort()).toEqual(
        STAGE_ROLES.map((role) => stageName(version, role)).sort(),
      );
    }
  });

  it("puts aliases, and so stages, behind the migrations in the home region", () => {
    const [migrationId] = Object.keys(resourcesOfType(homeTemplate, "Custom::CellarMigrations"));
    for (const alias of Object.values(resourcesOfType(homeTemplate, "AWS::Lambda::Alias"))) {
      expect(alias.DependsOn).toContain(migrationId);
    }
    homeTemplate.hasResourceProperties("Custom::CellarMigrations", {
      Migrations: Match.stringLikeRegexp("^[0-9a-f]{16}$"),
    });
    secondaryTemplate.resourceCountIs("Custom::CellarMigrations", 0);
  });
});

describe("custom domains and latency routing", () => {
  it.each([
    ["home", homeTemplate, "us-east-1"],
    ["secondary", secondaryTemplate, "eu-west-1"],
  ])(
    "%s region maps each version's live stage on the shared and the regional name, its preview stage on the preview name",
    (_role, t, region) => {
      const domainIdOf = (name: string) => {
        const entry = Object.entries(resourcesOfType(t, "AWS::ApiGateway::DomainName")).find(
          ([, domain]) => domain.Properties.DomainName === name,
        );
        expect(entry?.[1].Properties).toMatchObject({
          EndpointConfiguration: { Types: ["REGIONAL"] },
          SecurityPolicy: "TLS_1_2",
        });
        return entry?.[0];
      };
      const stageIdOf = (stage: string) =>
        Object.entries(resourcesOfType(t, "AWS::ApiGateway::Stage")).find(
          ([, resource]) => resource.Properties.StageName === stage,
        )?.[0];
      const mappings = Object.values(resourcesOfType(t, "AWS::ApiGateway::BasePathMapping")).map((mapping) =>
        JSON.stringify([
          mapping.Properties.DomainName,
          mapping.Properties.BasePath,
          mapping.Properties.RestApiId,
          mapping.Properties.Stage,
        ]),
      );
      const names = {
        live: ["api.wine.example.org", regionalHost("api.wine.example.org", region)],
        preview: [previewHost("api.wine.example.org", region)],
      };
      const expected = allStages().flatMap(({ version, role, stage }) =>
        names[role].map((name) =>
          JSON.stringify([
            { Ref: domainIdOf(name) },
            basePath(version),
            { Ref: restApi(t, version).id },
            { Ref: stageIdOf(stage) },
          ]),
        ),
      );
      expect(mappings.sort()).toEqual(expected.sort());
    },
  );

  it.each([
    ["home", homeTemplate, "us-east-1"],
    ["secondary", secondaryTemplate, "eu-west-1"],
  ])(
    "%s region's preview name has an alias record, but neither latency routing nor a health check",
    (_r, t, region) => {
      const name = previewHost("api.wine.example.org", region);
      const records = Object.values(resourcesOfType(t, "AWS::Route53::RecordSet")).filter(
        (record) => record.Properties.Name === `${name}.`,
      );
      expect(records).toHaveLength(1);
      expect(records[0]?.Properties).toMatchObject({
        Type: "A",
        AliasTarget: {
          DNSName: { "Fn::GetAtt": [expect.stringMatching(/PreviewDomain/), "RegionalDomainName"] },
        },
      });
      expect(records[0]?.Properties).not.toHaveProperty("Region");
      expect(records[0]?.Properties).not.toHaveProperty("HealthCheckId");
      // Only the regional name is checked (once per version; the calculated check names no host).
      const checked = Object.values(resourcesOfType(t, "AWS::Route53::HealthCheck")).flatMap((check) => {
        const { FullyQualifiedDomainName } = check.Properties.HealthCheckConfig as {
          FullyQualifiedDomainName?: string;
        };
        return FullyQualifiedDomainName === undefined ? [] : [FullyQualifiedDomainName];
      });
      expect(checked).toEqual([
        regionalHost("api.wine.example.org", region),
        regionalHost("api.wine.example.org", region),
      ]);
    },
  );

  it.each([
    ["home", homeTemplate, "us-east-1"],
    ["secondary", secondaryTemplate, "eu-west-1"],
  ])(
    "%s region has a latency record for its region, guarded by HTTPS health checks of every version's data path together",
    (_role, t, region) => {
      for (const version of API_VERSIONS) {
        t.hasResourceProperties("AWS::Route53::HealthCheck", {
          HealthCheckConfig: Match.objectLike({
            Type: "HTTPS",
            FullyQualifiedDomainName: `${region}.api.wine.example.org`,
            ResourcePath: healthCheckPath(version),
            Port: 443,
            EnableSNI: true,
          }),
        });
      }
      // The record follows a calculated check that is healthy only while both versions are.
      const checks = resourcesOfType(t, "AWS::Route53::HealthCheck");
      const [healthCheckId] = Object.entries(checks)
        .filter(
          ([, check]) => (check.Properties.HealthCheckConfig as { Type?: string }).Type === "CALCULATED",
        )
        .map(([id]) => id);
      t.hasResourceProperties("AWS::Route53::RecordSet", {
        Name: "api.wine.example.org.",
        Type: "A",
        Region: region,
        SetIdentifier: `cellar-${region}`,
        HealthCheckId: { Ref: healthCheckId },
        HostedZoneId: "ZTESTZONE",
        AliasTarget: Match.objectLike({
          DNSName: { "Fn::GetAtt": [Match.stringLikeRegexp("SharedDomain"), "RegionalDomainName"] },
        }),
      });
      t.hasResourceProperties("AWS::CertificateManager::Certificate", {
        DomainName: "api.wine.example.org",
        SubjectAlternativeNames: [
          regionalHost("api.wine.example.org", region),
          previewHost("api.wine.example.org", region),
        ],
        ValidationMethod: "DNS",
      });
    },
  );
});

describe("warmer", () => {
  it("invokes every live alias, and no preview alias, every 5 minutes with exactly the warmer payload, 5 targets per rule", () => {
    const rules = Object.values(resourcesOfType(homeTemplate, "AWS::Events::Rule"));
    const targets = rules.flatMap((rule) => {
      expect(rule.Properties.ScheduleExpression).toBe("rate(5 minutes)");
      const ruleTargets = rule.Properties.Targets as Array<{ Arn: { Ref: string }; Input: string }>;
      expect(ruleTargets.length).toBeLessThanOrEqual(5);
      return ruleTargets;
    });
    for (const target of targets) expect(JSON.parse(target.Input)).toEqual({ instruction: "warmer" });
    const aliases = resourcesOfType(homeTemplate, "AWS::Lambda::Alias");
    const warmed = targets.map((target) => aliases[target.Arn.Ref]?.Properties.Name).sort();
    // Preview aliases serve the release command for minutes per release: warming them would be waste.
    expect(warmed).toEqual(routes.map((route) => lambdaAlias(route.version, "live")).sort());
    expect(new Set(targets.map((target) => target.Arn.Ref)).size).toBe(routes.length);
  });
});

describe("alarms", () => {
  it.each(API_VERSIONS)("%s's live stage alarms on its 5xx rate and its p99 latency", (version) => {
    // Literal names: a reference to the stage would close a cycle (stage -> live alias -> deployment group -> alarm).
    const dimensions = [
      { Name: "ApiName", Value: apiName(version) },
      { Name: "Stage", Value: stageName(version, "live") },
    ];
    homeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "5XXError",
      Namespace: "AWS/ApiGateway",
      Statistic: "Average",
      Period: 60,
      Threshold: 0.05,
      ComparisonOperator: "GreaterThanThreshold",
      Dimensions: Match.arrayEquals(dimensions),
      AlarmActions: [Match.anyValue()],
    });
    homeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "Latency",
      Namespace: "AWS/ApiGateway",
      ExtendedStatistic: "p99",
      Threshold: 3000,
      Dimensions: Match.arrayEquals(dimensions),
      AlarmActions: [Match.anyValue()],
    });
  });
});

describe("identity", () => {
  it("is one user pool for the deployment, with an admin group and a public app client", () => {
    const t = template(stacks.identity);
    t.resourceCountIs("AWS::Cognito::UserPool", 1);
    t.hasResourceProperties("AWS::Cognito::UserPoolGroup", { GroupName: "admin" });
    t.hasResourceProperties("AWS::Cognito::UserPoolClient", { GenerateSecret: false });
    for (const stack of stacks.regions) template(stack).resourceCountIs("AWS::Cognito::UserPool", 0);
  });

  it("has a contract-test client allowing only admin password sign-in, which the public app client does not", () => {
    const t = template(stacks.identity);
    const clients = Object.entries(resourcesOfType(t, "AWS::Cognito::UserPoolClient"));
    const byName = (name: string) => {
      const found = clients.filter(([, client]) => client.Properties.ClientName === name);
      expect(found, `one client named ${name}`).toHaveLength(1);
      return found[0] as (typeof clients)[number];
    };
    expect(clients).toHaveLength(2);
    const [testClientId, testClient] = byName("cellar-contract-tests");
    // AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH is a server-side flow, authorized by IAM
    // credentials: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
    expect(testClient.Properties.ExplicitAuthFlows).toEqual([
      "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ]);
    expect(testClient.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: false,
      IdTokenValidity: 15,
      AccessTokenValidity: 15,
      TokenValidityUnits: { IdToken: "minutes", AccessToken: "minutes" },
    });
    for (const oauth of ["AllowedOAuthFlows", "AllowedOAuthScopes", "CallbackURLs", "LogoutURLs"])
      expect(testClient.Properties).not.toHaveProperty(oauth);
    const [, appClient] = byName("cellar-app");
    expect(appClient.Properties.ExplicitAuthFlows).not.toContain("ALLOW_ADMIN_USER_PASSWORD_AUTH");
    // The same flows the browser test's cognito-local app client allows.
    expect([...(appClient.Properties.ExplicitAuthFlows as string[])].sort()).toEqual(
      [...APP_CLIENT_FLOWS].sort(),
    );
    // What npm run deploy reads (infra/bin/deploy.ts) to sign the contract suite's users in.
    expect(t.findOutputs("ContractTestClientId").ContractTestClientId?.Value).toEqual({ Ref: testClientId });
    expect(t.findOutputs("UserPoolId").UserPoolId?.Value).toEqual({
      Ref: expect.stringMatching(/^UserPool/),
    });
  });
});

describe("database", () => {
  it("is an Aurora Serverless v2 global database: writer at home, write-forwarding replicas elsewhere", () => {
    homeTemplate.hasResourceProperties("AWS::RDS::DBCluster", {
      Engine: "aurora-postgresql",
      // AWS's recommended floor for a global database (infra-config.ts, GLOBAL_DATABASE_MIN_CAPACITY).
      ServerlessV2ScalingConfiguration: { MinCapacity: 8, MaxCapacity: 32 },
      StorageEncrypted: true,
      MasterUsername: "cellar",
      MasterUserPassword: Match.objectLike({ "Fn::Join": Match.anyValue() }),
    });
    homeTemplate.hasResourceProperties("AWS::RDS::DBInstance", { DBInstanceClass: "db.serverless" });
    homeTemplate.hasResourceProperties("AWS::RDS::GlobalCluster", {
      GlobalClusterIdentifier: "cellar-global",
    });
    homeTemplate.hasResourceProperties("AWS::SecretsManager::Secret", {
      ReplicaRegions: [{ Region: "eu-west-1" }],
      GenerateSecretString: Match.objectLike({ GenerateStringKey: "password" }),
    });
    secondaryTemplate.hasResourceProperties("AWS::RDS::DBCluster", {
      GlobalClusterIdentifier: "cellar-global",
      EnableGlobalWriteForwarding: true,
      ServerlessV2ScalingConfiguration: { MinCapacity: 8, MaxCapacity: 32 },
      MasterUsername: Match.absent(),
    });
    secondaryTemplate.resourceCountIs("AWS::RDS::GlobalCluster", 0);
    secondaryTemplate.resourceCountIs("AWS::SecretsManager::Secret", 0);
  });

  it.each([
    ["home", homeTemplate],
    ["secondary", secondaryTemplate],
  ])("%s region ends sessions left idle in a transaction once no function can still own them", (_role, t) => {
    const groups = Object.entries(resourcesOfType(t, "AWS::RDS::DBClusterParameterGroup"));
    expect(groups).toHaveLength(1);
    const [groupId, group] = groups[0]!;
    const config = testConfig();
    expect(group.Properties.Family).toBe(`aurora-postgresql${config.database.engineVersion.split(".")[0]}`);
    const timeoutMs = Number(
      (group.Properties.Parameters as Record<string, string>).idle_in_transaction_session_timeout,
    );
    expect(timeoutMs).toBeGreaterThan(config.lambda.timeoutSeconds * 1000);
    t.hasResourceProperties("AWS::RDS::DBCluster", { DBClusterParameterGroupName: { Ref: groupId } });
  });

  it.each([
    ["home", homeTemplate],
    ["secondary", secondaryTemplate],
  ])("%s region reaches it through RDS Proxy over TLS with the secret", (_role, t) => {
    t.hasResourceProperties("AWS::RDS::DBProxy", {
      EngineFamily: "POSTGRESQL",
      RequireTLS: true,
      Auth: [Match.objectLike({ AuthScheme: "SECRETS", SecretArn: Match.anyValue() })],
    });
    t.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: Match.objectLike({
          DATABASE_URL: {
            "Fn::Join": [
              "",
              Match.arrayWith([{ "Fn::GetAtt": [Match.stringLikeRegexp("Proxy"), "Endpoint"] }]),
            ],
          },
        }),
      },
    });
  });
});

describe("site", () => {
  it("serves the docs and the app config from S3 through CloudFront on the site domain", () => {
    const t = template(stacks.site);
    t.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        Aliases: ["www.wine.example.org"],
        DefaultRootObject: "index.html",
      }),
    });
    t.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    // The docs and config.json, and the demo app under /app/.
    t.resourceCountIs("Custom::CDKBucketDeployment", 2);
    t.hasResourceProperties("AWS::Route53::RecordSet", { Name: "www.wine.example.org.", Type: "A" });
    // A folder's URL (/docs/v2/) reads its index.html: infra/site/directory-index.function.ts.
    t.hasResourceProperties("AWS::CloudFront::Function", {
      FunctionConfig: Match.objectLike({ Runtime: "cloudfront-js-2.0" }),
    });
    t.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [Match.objectLike({ EventType: "viewer-request" })],
        }),
      }),
    });
  });
});

describe("configuration variants", () => {
  const demoAppDir = makeTestTempDir("cellar-demo-app-");
  writeFileSync(join(demoAppDir, "index.html"), "<!doctype html><title>demo</title>");
  const variant = synthTestApp(
    testConfig({
      site: { demoAppDir },
      lambda: { memorySize: 1769 },
      release: { trafficShifting: "LINEAR_10PERCENT_EVERY_2MINUTES" },
      database: { proxy: false },
    }),
  );
  const [variantHome] = variant.stacks.regions;
  if (!variantHome) throw new Error("no home stack");
  const t = variant.template(variantHome);

  it("shifts every live alias with the configured CodeDeploy configuration", () => {
    const groups = Object.values(resourcesOfType(t, "AWS::CodeDeploy::DeploymentGroup"));
    expect(groups).toHaveLength(routes.length);
    for (const group of groups) {
      expect(group.Properties.DeploymentConfigName).toBe(
        "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes",
      );
    }
  });

  it("deploys a built demo app under /app/ of the site", () => {
    const site = variant.template(variant.stacks.site);
    site.resourceCountIs("Custom::CDKBucketDeployment", 2);
    site.hasResourceProperties("Custom::CDKBucketDeployment", {
      DestinationBucketKeyPrefix: "app/",
      Prune: true,
    });
  });

  it("takes the memory size from the config", () => {
    t.hasResourceProperties("AWS::Lambda::Function", { FunctionName: "cellar-pingV1", MemorySize: 1769 });
  });

  it("without RDS Proxy connects to the cluster directly, trusting the RDS CA", () => {
    t.resourceCountIs("AWS::RDS::DBProxy", 0);
    t.hasResourceProperties("AWS::Lambda::Function", {
      FunctionName: "cellar-pingV1",
      Environment: {
        Variables: Match.objectLike({
          NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
          DATABASE_URL: {
            "Fn::Join": ["", Match.arrayWith([{ "Fn::GetAtt": [Match.anyValue(), "Endpoint.Address"] }])],
          },
        }),
      },
    });
  });
});
