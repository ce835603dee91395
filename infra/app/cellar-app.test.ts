import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { routes } from "../../src/generated/routes.gen.js";
import { kebabCase } from "../operations/operation-functions.js";
import { resourcesOfType, synthTestApp, TEST_ACCOUNT, testConfig } from "../testing/test-app.js";

const { stacks, template, app } = synthTestApp();
const [home, secondary] = stacks.regions;
if (!home || !secondary) throw new Error("the test config has two regions");
const homeTemplate = template(home);
const secondaryTemplate = template(secondary);
const v1Operations = routes.filter((route) => route.version === "v1").map((route) => route.operationId);
const v2Operations = routes.filter((route) => route.version === "v2").map((route) => route.operationId);

/** Logical id of each operation's function, by operationId. */
function functionIds(t: Template): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [id, fn] of Object.entries(resourcesOfType(t, "AWS::Lambda::Function"))) {
    const name = fn.Properties.FunctionName;
    if (typeof name === "string" && name.startsWith("cellar-")) ids.set(name.slice("cellar-".length), id);
  }
  return ids;
}

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
    ([, api]) => api.Properties.Name === `cellar-${version}`,
  );
  if (!entry) throw new Error(`no REST API cellar-${version}`);
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
    // Besides the operations: the migrations function and the queue workers (see job-queues tests).
    const operationNames = [...ids.keys()].filter(
      (name) => name !== "migrate" && !name.startsWith("worker-"),
    );
    expect(operationNames.sort()).toEqual(routes.map((route) => route.operationId).sort());
    for (const operationId of ids.keys()) {
      if (operationId === "migrate") continue;
      t.hasResourceProperties("AWS::Lambda::Function", {
        FunctionName: `cellar-${operationId}`,
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
            CORS_ORIGINS: "https://www.wine.example.org,http://localhost:5173",
            DATABASE_POOL_MAX: "2",
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

  it("publish a version per deploy with alias v1 (v1 operations) or v2 and v2-canary (v2 operations)", () => {
    const ids = functionIds(t);
    const aliases = aliasesByFunction(t);
    for (const operationId of v1Operations) expect(aliases.get(ids.get(operationId) ?? "")).toEqual(["v1"]);
    for (const operationId of v2Operations) {
      expect(aliases.get(ids.get(operationId) ?? "")).toEqual(["v2", "v2-canary"]);
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
  it.each(["v1", "v2"])("%s is imported inline from its rendered definition, REGIONAL", (version) => {
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

  it.each([
    ["v1", "prodv1"],
    ["v2", "prodv2"],
  ])(
    "%s has stage %s whose alias variable names an alias every integrated function has",
    (version, stage) => {
      const { id, body } = restApi(homeTemplate, version);
      homeTemplate.hasResourceProperties("AWS::ApiGateway::Stage", {
        RestApiId: { Ref: id },
        StageName: stage,
        Variables: { alias: version, corsOrigin: "https://www.wine.example.org" },
        TracingEnabled: true,
        AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("requestId") },
        MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 })],
      });
      const stages = Object.values(resourcesOfType(homeTemplate, "AWS::ApiGateway::Stage"));
      expect(stages.every((s) => s.Properties.CanarySetting === undefined)).toBe(true);
      const integrated = [
        ...JSON.stringify(body).matchAll(/:function:cellar-(\w+):\$\{stageVariables\.alias\}/g),
      ].map((match) => match[1] as string);
      expect(new Set(integrated).size).toBe(routes.filter((route) => route.version === version).length);
      const ids = functionIds(homeTemplate);
      const aliases = aliasesByFunction(homeTemplate);
      for (const operationId of integrated)
        expect(aliases.get(ids.get(operationId) ?? "")).toContain(version);
    },
  );

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
  ])("%s region maps /v1 and /v2 on the shared and the regional name", (_role, t, region) => {
    t.hasResourceProperties("AWS::ApiGateway::DomainName", {
      DomainName: "api.wine.example.org",
      EndpointConfiguration: { Types: ["REGIONAL"] },
      SecurityPolicy: "TLS_1_2",
    });
    t.hasResourceProperties("AWS::ApiGateway::DomainName", { DomainName: `${region}.api.wine.example.org` });
    const mappings = Object.values(resourcesOfType(t, "AWS::ApiGateway::BasePathMapping")).map((mapping) => [
      mapping.Properties.BasePath,
      mapping.Properties.RestApiId,
      mapping.Properties.Stage,
    ]);
    const stageIdOf = (version: string) =>
      Object.entries(resourcesOfType(t, "AWS::ApiGateway::Stage")).find(
        ([, stage]) => stage.Properties.StageName === `prod${version}`,
      )?.[0];
    for (const version of ["v1", "v2"]) {
      const expected = [version, { Ref: restApi(t, version).id }, { Ref: stageIdOf(version) }];
      expect(mappings.filter((mapping) => JSON.stringify(mapping) === JSON.stringify(expected))).toHaveLength(
        2,
      );
    }
    expect(mappings).toHaveLength(4);
  });

  it.each([
    ["home", homeTemplate, "us-east-1"],
    ["secondary", secondaryTemplate, "eu-west-1"],
  ])(
    "%s region has a latency record for its region, guarded by an HTTPS health check on /v1/ping",
    (_role, t, region) => {
      const [healthCheckId] = Object.keys(resourcesOfType(t, "AWS::Route53::HealthCheck"));
      t.hasResourceProperties("AWS::Route53::HealthCheck", {
        HealthCheckConfig: Match.objectLike({
          Type: "HTTPS",
          FullyQualifiedDomainName: `${region}.api.wine.example.org`,
          ResourcePath: "/v1/ping",
          Port: 443,
          EnableSNI: true,
        }),
      });
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
        SubjectAlternativeNames: [`${region}.api.wine.example.org`],
        ValidationMethod: "DNS",
      });
    },
  );
});

describe("warmer", () => {
  it("invokes every serving alias every 5 minutes with exactly the warmer payload, 5 targets per rule", () => {
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
    // Without a canary, v2-canary points at the same version as v2: warming v2 warms both.
    expect(warmed).toEqual([...v1Operations.map(() => "v1"), ...v2Operations.map(() => "v2")].sort());
    expect(new Set(targets.map((target) => target.Arn.Ref)).size).toBe(routes.length);
  });
});

describe("alarms", () => {
  it.each([
    ["v1", "prodv1"],
    ["v2", "prodv2"],
  ])("%s stage %s alarms on its 5xx rate and its p99 latency", (version, stage) => {
    const stageId = Object.entries(resourcesOfType(homeTemplate, "AWS::ApiGateway::Stage")).find(
      ([, resource]) => resource.Properties.StageName === stage,
    )?.[0];
    const dimensions = [
      { Name: "ApiName", Value: `cellar-${version}` },
      { Name: "Stage", Value: { Ref: stageId } },
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
});

describe("database", () => {
  it("is an Aurora Serverless v2 global database: writer at home, write-forwarding replicas elsewhere", () => {
    homeTemplate.hasResourceProperties("AWS::RDS::DBCluster", {
      Engine: "aurora-postgresql",
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 8 },
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
    t.resourceCountIs("Custom::CDKBucketDeployment", 1);
    t.hasResourceProperties("AWS::Route53::RecordSet", { Name: "www.wine.example.org.", Type: "A" });
  });
});

describe("configuration variants", () => {
  const demoAppDir = mkdtempSync(join(tmpdir(), "cellar-demo-app-"));
  writeFileSync(join(demoAppDir, "index.html"), "<!doctype html><title>demo</title>");
  const canary = synthTestApp(
    testConfig({
      site: { demoAppDir },
      lambda: { memorySize: 1769 },
      canary: { percentTraffic: 10, stableVersions: { listWineriesV2: "7" } },
      database: { proxy: false },
    }),
  );
  const [canaryHome] = canary.stacks.regions;
  if (!canaryHome) throw new Error("no home stack");
  const t = canary.template(canaryHome);

  it("sends percentTraffic of prodv2 to the v2-canary alias, and keeps v2 on the pinned stable version", () => {
    t.hasResourceProperties("AWS::ApiGateway::Stage", {
      StageName: "prodv2",
      Variables: { alias: "v2", corsOrigin: "https://www.wine.example.org" },
      CanarySetting: {
        PercentTraffic: 10,
        StageVariableOverrides: { alias: "v2-canary" },
        UseStageCache: false,
        DeploymentId: Match.anyValue(),
      },
    });
    t.hasResourceProperties("AWS::ApiGateway::Stage", { StageName: "prodv1", CanarySetting: Match.absent() });
    const fnId = functionIds(t).get("listWineriesV2");
    t.hasResourceProperties("AWS::Lambda::Alias", {
      Name: "v2",
      FunctionName: { Ref: fnId },
      FunctionVersion: "7",
    });
    t.hasResourceProperties("AWS::Lambda::Alias", {
      Name: "v2-canary",
      FunctionName: { Ref: fnId },
      FunctionVersion: { "Fn::GetAtt": [Match.anyValue(), "Version"] },
    });
    const rules = Object.values(resourcesOfType(t, "AWS::Events::Rule"));
    const aliases = resourcesOfType(t, "AWS::Lambda::Alias");
    const warmed = rules.flatMap((rule) =>
      (rule.Properties.Targets as Array<{ Arn: { Ref: string } }>).map(
        (target) => aliases[target.Arn.Ref]?.Properties.Name,
      ),
    );
    expect(warmed.filter((name) => name === "v2-canary")).toHaveLength(v2Operations.length);
  });

  it("deploys a built demo app under /app/ of the site", () => {
    const site = canary.template(canary.stacks.site);
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

  it("names each handler file after its operation", () => {
    expect(kebabCase("listWineriesV1")).toBe("list-wineries-v1");
    expect(kebabCase("getMeV2")).toBe("get-me-v2");
  });
});
