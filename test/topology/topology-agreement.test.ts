import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Template } from "aws-cdk-lib/assertions";
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../../infra/operations/operation-functions.js";
import {
  resourcesOfType,
  type SynthesizedTestApp,
  synthTestApp,
  testConfig,
} from "../../infra/testing/test-app.js";
import { type Route, routes } from "../../src/generated/routes.gen.js";
import type { LambdaHandler } from "../../src/local/handler-registry.js";
import { loadGateways } from "../../src/local/load-gateways.js";
import { createLocalIssuer, localIssuerUrl } from "../../src/local/local-issuer.js";
import type { GatewayMount } from "../../src/local/mounted-stage.js";
import { createLocalStage } from "../../src/local/server.js";
import { STAGE_MAPPINGS } from "../../src/local/stages.js";
import { LOCAL_API_KEYS } from "../../src/settings/api-keys.js";
import {
  ALIAS_STAGE_VARIABLE,
  API_VERSIONS,
  apiName,
  basePath,
  DEFAULT_APP_NAME,
  functionName,
  lambdaAlias,
  previewHost,
  regionalHost,
  STAGE_ROLES,
  type StageRole,
  stageName,
  stageVariables,
} from "../../src/topology/topology.js";
import {
  TEST_ACCOUNT as CLI_ACCOUNT,
  deployGenerated,
  HOME_USER_POOL,
  REPO_GATEWAY_DIR,
  runGatewayCli,
  temporaryDirectory,
} from "../../tools/gateway/testing/cli.harness.js";
import { type GatewayStandIn, startGatewayStandIn } from "../../tools/gateway/testing/stand-in.server.js";

/** Plain routes of /v2 (and a copy of it as a third version) require the app's API key. */
const APP_KEY = { "x-api-key": LOCAL_API_KEYS.app.value };

/**
 * src/topology/topology.ts says where everything lives; this file proves that every part that
 * deploys, serves or documents the API puts it there. Each part is checked by what it produces (a
 * synthesized template, the generated definitions, requests through the local stage, what the gateway
 * CLI creates, the READMEs), and the parts are compared with each other where they meet: the REST
 * API, stage and alias the CDK app deploys are the ones the CLI imports into and the local stage
 * emulates, and its integrations are the generated definitions'.
 */

// ---------------------------------------------------------------------------------------------
// What one synthesized region serves, read from its template alone.

interface ServedStage {
  api: string;
  stage: string;
  variables: Record<string, string>;
  body: Record<string, unknown>;
}

/** Per custom domain name, per base path: the REST API and stage mapped there. */
function servedStages(t: Template): Map<string, Map<string, ServedStage>> {
  const apis = resourcesOfType(t, "AWS::ApiGateway::RestApi");
  const stages = resourcesOfType(t, "AWS::ApiGateway::Stage");
  const domains = resourcesOfType(t, "AWS::ApiGateway::DomainName");
  const served = new Map<string, Map<string, ServedStage>>();
  for (const mapping of Object.values(resourcesOfType(t, "AWS::ApiGateway::BasePathMapping"))) {
    const ref = (key: string) => (mapping.Properties[key] as { Ref: string }).Ref;
    const domain = domains[ref("DomainName")]?.Properties.DomainName as string;
    const api = apis[ref("RestApiId")];
    const stage = stages[ref("Stage")];
    if (!api || !stage) throw new Error(`base path mapping ${JSON.stringify(mapping)} is dangling`);
    const byPath = served.get(domain) ?? new Map<string, ServedStage>();
    byPath.set(mapping.Properties.BasePath as string, {
      api: api.Properties.Name as string,
      stage: stage.Properties.StageName as string,
      variables: stage.Properties.Variables as Record<string, string>,
      body: api.Properties.Body as Record<string, unknown>,
    });
    served.set(domain, byPath);
  }
  return served;
}

/** Alias names per function name. */
function aliasesByFunctionName(t: Template): Map<string, string[]> {
  const functions = resourcesOfType(t, "AWS::Lambda::Function");
  const aliases = new Map<string, string[]>();
  for (const alias of Object.values(resourcesOfType(t, "AWS::Lambda::Alias"))) {
    const fn = functions[(alias.Properties.FunctionName as { Ref: string }).Ref];
    const name = fn?.Properties.FunctionName as string;
    aliases.set(name, [...(aliases.get(name) ?? []), alias.Properties.Name as string].sort());
  }
  return aliases;
}

/**
 * Every Lambda proxy integration of an OpenAPI definition (generated, rendered, synthesized or
 * exported), as `METHOD path operationId -> function:qualifier`: region and account left out, so
 * definitions meant for different places compare.
 */
function lambdaTargets(definition: Record<string, unknown>): string[] {
  const targets: string[] = [];
  for (const [path, item] of Object.entries(definition.paths as Record<string, Record<string, unknown>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as {
        operationId?: string;
        "x-amazon-apigateway-integration"?: { type: string; uri: string };
      };
      const integration = op["x-amazon-apigateway-integration"];
      if (integration?.type !== "aws_proxy") continue;
      const target = integration.uri.match(/:function:([^:/]+):([^/]+)\/invocations$/);
      targets.push(`${method.toUpperCase()} ${path} ${op.operationId} -> ${target?.[1]}:${target?.[2]}`);
    }
  }
  return targets.sort();
}

/** What every integration of `version` must call: `<app>-<operationId>`, qualified by the alias variable. */
const expectedTargets = (version: string, app?: string): string[] =>
  routes
    .filter((route) => route.version === version)
    .map(
      (route) =>
        `${route.method} ${route.relativePath} ${route.operationId} -> ${functionName(route.operationId, app)}:\${stageVariables.${ALIAS_STAGE_VARIABLE}}`,
    )
    .sort();

// ---------------------------------------------------------------------------------------------
// The CDK app: the default app, and one renamed so that `config.name` visibly reaches every name.

const apps: Array<[string, SynthesizedTestApp]> = [
  [DEFAULT_APP_NAME, synthTestApp()],
  ["vintner", synthTestApp(testConfig({ name: "vintner" }))],
];
const [, defaultApp] = apps[0] as [string, SynthesizedTestApp];
const config = testConfig();
const apiDomain = config.domain.apiDomainName;
const homeRegion = config.regions[0]?.region ?? "us-east-1";
const [defaultHome] = defaultApp.stacks.regions;
if (!defaultHome) throw new Error("the test config has a home region");
/** What the default app's home region serves, by domain and base path: the reference for the other parts. */
const deployed = servedStages(defaultApp.template(defaultHome));
const deployedAt = (host: string, version: string): ServedStage => {
  const stage = deployed.get(host)?.get(basePath(version));
  if (!stage) throw new Error(`nothing is mapped at ${host}/${basePath(version)}`);
  return stage;
};
const hostOf: Record<StageRole, (domain: string, region: string) => string> = {
  live: regionalHost,
  preview: previewHost,
};

describe.each(apps)("the CDK app named %s", (app, synthesized) => {
  describe.each(synthesized.stacks.regions.map((stack) => [stack.region, stack] as const))(
    "in %s",
    (region, stack) => {
      const t = synthesized.template(stack);
      const served = servedStages(t);

      it("has one REST API per API version, named <app>-<v>, and no other", () => {
        const names = Object.values(resourcesOfType(t, "AWS::ApiGateway::RestApi")).map(
          (api) => api.Properties.Name,
        );
        expect(names.sort()).toEqual(API_VERSIONS.map((version) => apiName(version, app)).sort());
      });

      it("maps /<v> on the regional name to prod<v> (alias=<v>) and on the preview name to preview<v> (alias=<v>-preview)", () => {
        expect([...served.keys()].sort()).toEqual(
          [apiDomain, regionalHost(apiDomain, region), previewHost(apiDomain, region)].sort(),
        );
        for (const role of STAGE_ROLES) {
          const byPath = served.get(hostOf[role](apiDomain, region));
          expect([...(byPath?.keys() ?? [])].sort(), role).toEqual(API_VERSIONS.map(basePath).sort());
          for (const version of API_VERSIONS) {
            const stage = byPath?.get(basePath(version));
            expect(stage?.api).toBe(apiName(version, app));
            expect(stage?.stage).toBe(stageName(version, role));
            expect(stage?.variables).toMatchObject(stageVariables(version, role));
            expect(stage?.variables[ALIAS_STAGE_VARIABLE]).toBe(lambdaAlias(version, role));
          }
        }
        // The shared, latency-routed name serves exactly what the regional name does.
        expect(served.get(apiDomain)).toEqual(served.get(regionalHost(apiDomain, region)));
      });

      it("has exactly the live and the preview stage of every version, and no other stage", () => {
        const stages = Object.values(resourcesOfType(t, "AWS::ApiGateway::Stage")).map(
          (stage) => stage.Properties.StageName,
        );
        expect(stages.sort()).toEqual(
          API_VERSIONS.flatMap((version) => STAGE_ROLES.map((role) => stageName(version, role))).sort(),
        );
      });

      it("names every operation's function <app>-<operationId>, with exactly the aliases <v> and <v>-preview", () => {
        const aliases = aliasesByFunctionName(t);
        for (const route of routes) {
          expect(aliases.get(functionName(route.operationId, app)), route.operationId).toEqual(
            STAGE_ROLES.map((role) => lambdaAlias(route.version, role)).sort(),
          );
        }
      });

      it("integrates <app>-<operationId>, qualified by the alias stage variable, in every API body: an alias every stage of the API resolves", () => {
        const aliases = aliasesByFunctionName(t);
        for (const role of STAGE_ROLES) {
          for (const version of API_VERSIONS) {
            const stage = served.get(hostOf[role](apiDomain, region))?.get(basePath(version));
            if (!stage) throw new Error(`no ${role} stage for ${version}`);
            const targets = lambdaTargets(stage.body);
            expect(targets).toEqual(expectedTargets(version, app));
            // Each target, with the stage variable substituted as API Gateway does, names an alias that exists.
            for (const target of targets) {
              const [fn] = (target.split(" -> ")[1] ?? "").split(":");
              expect(aliases.get(fn ?? ""), `${target} on ${stage.stage}`).toContain(
                stage.variables[ALIAS_STAGE_VARIABLE],
              );
            }
            // Region and account are this stack's: no other region's functions are called.
            const uris = JSON.stringify(stage.body).match(/arn:aws:lambda:[^"]+?:function:/g) ?? [];
            expect(new Set(uris)).toEqual(new Set([`arn:aws:lambda:${region}:${config.account}:function:`]));
          }
        }
      });
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The generated gateway definitions.

describe("the generated gateway definitions", () => {
  const files = readdirSync(join(repoRoot, "gateway")).filter((file) => file.endsWith(".gen.json"));
  const definition = (version: string) =>
    JSON.parse(readFileSync(join(repoRoot, "gateway", `${version}.gen.json`), "utf8")) as Record<
      string,
      unknown
    >;

  it("are one file per API version", () => {
    expect(files.sort()).toEqual(API_VERSIONS.map((version) => `${version}.gen.json`).sort());
  });

  it.each(API_VERSIONS)(
    "%s integrates the default app's <app>-<operationId>, qualified by the alias stage variable",
    (version) => {
      expect(lambdaTargets(definition(version))).toEqual(expectedTargets(version));
    },
  );

  it.each(API_VERSIONS)("%s integrates exactly what the CDK app deploys for it", (version) => {
    for (const role of STAGE_ROLES) {
      expect(lambdaTargets(deployedAt(hostOf[role](apiDomain, homeRegion), version).body)).toEqual(
        lambdaTargets(definition(version)),
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The local stage.

interface Invocation {
  operationId: string;
  event: APIGatewayProxyEvent;
  context: Context;
}

function recordingHandlers(all: readonly Route[], invocations: Invocation[]): Record<string, LambdaHandler> {
  return Object.fromEntries(
    all.map((route) => [
      route.operationId,
      async (event: APIGatewayProxyEvent, context: Context) => {
        invocations.push({ operationId: route.operationId, event, context });
        return { statusCode: 200, body: "{}" };
      },
    ]),
  );
}

/** A route of `version` a plain GET reaches: public, no path parameters. */
function plainRoute(all: readonly Route[], version: string): Route {
  const route = all.find(
    (candidate) =>
      candidate.version === version &&
      candidate.method === "GET" &&
      !candidate.secured &&
      !candidate.path.includes("{"),
  );
  if (!route) throw new Error(`${version} has no public GET route without path parameters`);
  return route;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const quiet = { info: () => {}, error: () => {} };

describe("the local stage", () => {
  it("mounts every version the spec's paths declare at /<v>, as the live stage prod<v> with alias=<v>", () => {
    // The versions as the paths say them (`/v1/...`), not as the topology derives them.
    const versions = [...new Set(routes.map((route) => route.path.split("/")[1]))].sort();
    expect(STAGE_MAPPINGS).toEqual(
      versions.map((version = "") => ({
        basePath: basePath(version),
        stage: stageName(version, "live"),
        stageVariables: stageVariables(version, "live"),
      })),
    );
  });

  describe("serving the generated definitions", () => {
    const invocations: Invocation[] = [];
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port) });
      const gateways = await loadGateways(repoRoot);
      server = createLocalStage({
        gateways,
        handlers: recordingHandlers(routes, invocations),
        issuer,
        logger: quiet,
      });
      port = await listen(server);
    });
    afterAll(() => close(server));

    it.each(API_VERSIONS)(
      "answers /%s as the CDK app's regional name does: same stage, same alias, same function",
      async (version) => {
        const route = plainRoute(routes, version);
        const response = await fetch(`http://127.0.0.1:${port}${route.path}`, { headers: APP_KEY });
        expect(response.status).toBe(200);
        const invocation = invocations.at(-1);
        expect(invocation?.operationId).toBe(route.operationId);
        const live = deployedAt(regionalHost(apiDomain, homeRegion), version);
        expect(invocation?.event.requestContext.stage).toBe(live.stage);
        const alias = live.variables[ALIAS_STAGE_VARIABLE];
        expect(invocation?.event.stageVariables?.[ALIAS_STAGE_VARIABLE]).toBe(alias);
        const [deployedTarget] = lambdaTargets(live.body)
          .filter((target) => target.includes(` ${route.operationId} -> `))
          .map((target) => target.split(" -> ")[1]?.split(":")[0]);
        expect(invocation?.context.invokedFunctionArn).toMatch(
          new RegExp(`:function:${deployedTarget}:${alias}$`),
        );
      },
    );
  });

  describe("with a spec that has a third version", () => {
    const invocations: Invocation[] = [];
    let server: Server;
    let port = 0;
    /** The spec's last version again as the next one (v3): its routes, and its definition calling their functions. */
    const from = API_VERSIONS.at(-1) ?? "v1";
    const third = `v${Number(from.slice(1)) + 1}`;
    const renamed = (text: string) =>
      text
        .replaceAll(`/${from}/`, `/${third}/`)
        .replace(new RegExp(`${from.toUpperCase()}\\b`, "g"), third.toUpperCase());
    const withThird: Route[] = [
      ...routes,
      ...routes
        .filter((route) => route.version === from)
        .map((route) => ({
          ...route,
          operationId: renamed(route.operationId),
          path: renamed(route.path),
          version: third,
        })),
    ];
    let mappings: typeof STAGE_MAPPINGS;
    const root = mkdtempSync(join(tmpdir(), "cellar-topology-"));

    beforeAll(async () => {
      mkdirSync(join(root, "gateway"));
      for (const version of API_VERSIONS)
        copyFileSync(
          join(repoRoot, "gateway", `${version}.gen.json`),
          join(root, "gateway", `${version}.gen.json`),
        );
      const text = readFileSync(join(repoRoot, "gateway", `${from}.gen.json`), "utf8");
      writeFileSync(
        join(root, "gateway", `${third}.gen.json`),
        text.replace(
          /(:function:[\w-]+?)V\d+:/g,
          (_match, prefix: string) => `${prefix}${third.toUpperCase()}:`,
        ),
      );
      // The generated routes module is the spec as every consumer sees it; swap it for a three-version one.
      vi.resetModules();
      vi.doMock("../../src/generated/routes.gen.js", () => ({ routes: withThird }));
      const stages = await import("../../src/local/stages.js");
      const local = await import("../../src/local/server.js");
      const load = await import("../../src/local/load-gateways.js");
      vi.doUnmock("../../src/generated/routes.gen.js");
      vi.resetModules();
      mappings = stages.STAGE_MAPPINGS;
      const gateways: GatewayMount[] = await load.loadGateways(root);
      const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port) });
      server = local.createLocalStage({
        gateways,
        handlers: recordingHandlers(withThird, invocations),
        issuer,
        logger: quiet,
      });
      port = await listen(server);
    });
    afterAll(async () => {
      await close(server);
      rmSync(root, { recursive: true, force: true });
    });

    it("mounts it at /<v> as stage prod<v> with alias=<v>: nothing is hard-coded to the versions of today", () => {
      expect(mappings.map((mapping) => mapping.basePath)).toEqual([...API_VERSIONS, third]);
      expect(mappings.at(-1)).toEqual({
        basePath: basePath(third),
        stage: stageName(third, "live"),
        stageVariables: stageVariables(third, "live"),
      });
    });

    it("serves it, invoking <app>-<operationId>:<v>", async () => {
      const route = plainRoute(withThird, third);
      const response = await fetch(`http://127.0.0.1:${port}${route.path}`, { headers: APP_KEY });
      expect(response.status).toBe(200);
      const invocation = invocations.at(-1);
      expect(invocation?.operationId).toBe(route.operationId);
      expect(invocation?.event.requestContext.stage).toBe(stageName(third, "live"));
      expect(invocation?.event.stageVariables).toEqual(stageVariables(third, "live"));
      expect(invocation?.context.invokedFunctionArn).toMatch(
        new RegExp(`:function:${functionName(route.operationId)}:${lambdaAlias(third, "live")}$`),
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The gateway CLI. test/gateway/help-topology.test.ts already proves every help text names APIs and
// stages by the topology; here, what the CLI does is compared with what the CDK app deploys.

describe("the gateway CLI", () => {
  let standIn: GatewayStandIn;
  let cwd: string;
  const version = API_VERSIONS.at(-1) ?? "v1";
  const [, renamedApp] = apps[1] as [string, SynthesizedTestApp];
  const [renamedHome] = renamedApp.stacks.regions;
  if (!renamedHome) throw new Error("the test config has a home region");
  const renamedDeployed = servedStages(renamedApp.template(renamedHome));
  let rendered: string;

  beforeAll(async () => {
    standIn = await startGatewayStandIn({ accountId: CLI_ACCOUNT });
    cwd = temporaryDirectory();
    rendered = join(cwd, `${version}.rendered.json`);
    const render = await runGatewayCli(standIn, cwd, [
      "render",
      ...["--version", version, "--region", homeRegion, "--account", CLI_ACCOUNT],
      ...["--user-pool-id", HOME_USER_POOL, "--gateway-dir", REPO_GATEWAY_DIR, "--out", rendered],
    ]);
    if (render.code !== 0) throw new Error(`render failed: ${render.stderr}`);
  });
  afterAll(() => standIn.close());

  it.each(STAGE_ROLES)(
    "import --version <v> (%s) would create the CDK app's API and deploy to its stage",
    async (role) => {
      const run = await runGatewayCli(standIn, cwd, [
        "import",
        ...["--file", rendered, "--region", homeRegion, "--version", version, "--dry-run"],
        ...(role === "preview" ? ["--preview"] : []),
      ]);
      expect(run.code).toBe(0);
      const target = deployedAt(hostOf[role](apiDomain, homeRegion), version);
      expect(run.stderr).toContain(`would create "${target.api}"`);
      expect(run.stderr).toContain(`would then deploy to stage ${target.stage}\n`);
    },
  );

  it("import --app <name> --version <v> names what the CDK app of that name deploys", async () => {
    const run = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", rendered, "--region", homeRegion, "--app", "vintner", "--version", version, "--preview"],
      "--dry-run",
    ]);
    expect(run.code).toBe(0);
    const target = renamedDeployed.get(previewHost(apiDomain, homeRegion))?.get(basePath(version));
    expect(run.stderr).toContain(`would create "${target?.api}"`);
    expect(run.stderr).toContain(`would then deploy to stage ${target?.stage}\n`);
  });

  describe("after importing every version, live and preview (tools/gateway/testing/cli.harness.ts)", () => {
    beforeAll(() => deployGenerated(standIn, cwd, homeRegion));

    it("has created exactly the CDK app's APIs and stages, with its alias variables", () => {
      const byCli = [...standIn.state.apis(homeRegion).values()].flatMap((api) =>
        [...api.stages.values()].map(
          (stage) => `${api.name} ${stage.stageName} ${stage.variables[ALIAS_STAGE_VARIABLE]}`,
        ),
      );
      const byCdk = Object.values(
        resourcesOfType(defaultApp.template(defaultHome), "AWS::ApiGateway::Stage"),
      ).map((stage) => {
        const apiId = (stage.Properties.RestApiId as { Ref: string }).Ref;
        const api = resourcesOfType(defaultApp.template(defaultHome), "AWS::ApiGateway::RestApi")[apiId];
        const variables = stage.Properties.Variables as Record<string, string>;
        return `${api?.Properties.Name} ${stage.Properties.StageName} ${variables[ALIAS_STAGE_VARIABLE]}`;
      });
      expect(byCli.sort()).toEqual(byCdk.sort());
    });

    it.each(API_VERSIONS)(
      "export --version %s reads back the integrations the CDK app deploys for that version",
      async (v) => {
        const run = await runGatewayCli(standIn, cwd, ["export", "--version", v, "--region", homeRegion]);
        expect(run.code).toBe(0);
        expect(lambdaTargets(JSON.parse(run.stdout) as Record<string, unknown>)).toEqual(
          lambdaTargets(deployedAt(regionalHost(apiDomain, homeRegion), v).body),
        );
      },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The docs.

describe.each(["README.md", "infra/README.md"])("%s", (file) => {
  const text = readFileSync(join(repoRoot, file), "utf8");
  const app = DEFAULT_APP_NAME;
  /** The topology's names for a version, and for the placeholder `<v>` the docs use for any version. */
  const versions = [...API_VERSIONS, "<v>"];

  it("never describes a single REST API for every version", () => {
    const single = new RegExp(
      [
        `One REST API \\(\`?${app}\`?\\)`,
        `--api\\s+\`?${app}\`?(?![\\w-])`,
        `REST API\\s+\`?${app}\`?(?![\\w-])`,
        `\\bAPI\\s+\`${app}\`(?![\\w-])`,
        `\\bone (REST )?API\\b[^.\\n]*\\b(both|all|every) versions\\b`,
      ].join("|"),
      "i",
    );
    expect(text).not.toMatch(single);
  });

  it("names the REST API and both stages as the topology does", () => {
    const mentions = (names: string[]) => names.some((name) => text.includes(name));
    expect(mentions(versions.map((version) => apiName(version, app)))).toBe(true);
    for (const role of STAGE_ROLES)
      expect(mentions(versions.map((version) => stageName(version, role))), role).toBe(true);
  });

  it("pairs every stage it names with the topology's alias and base path", () => {
    const stages = new Map(
      versions.flatMap((version) =>
        STAGE_ROLES.map((role) => [stageName(version, role), { version, role }] as const),
      ),
    );
    // `prodv1` (`alias=v1`), prod<v> (alias=<v>), ...
    const withAlias = [...text.matchAll(/`?([\w<>-]+)`?\s+\(`?alias=([\w<>-]+)`?\)/g)];
    // `/v1` → stage `prodv1`, /<v> → live stage prod<v>, ...
    const withPath = [
      ...text.matchAll(/`?\/([\w<>]+)`?\s+→\s+(?:(?:live|preview)\s+)?(?:stage\s+)?`?([\w<>-]+)`?/g),
    ];
    expect(withAlias.length + withPath.length).toBeGreaterThan(0);
    for (const [phrase, stage = "", alias] of withAlias) {
      const named = stages.get(stage.replace(/^.*,\s*/, ""));
      expect(named, phrase).toBeDefined();
      if (named) expect(alias, phrase).toBe(lambdaAlias(named.version, named.role));
    }
    for (const [phrase, path, stage = ""] of withPath) {
      const named = stages.get(stage);
      expect(named, phrase).toBeDefined();
      if (named) expect(path, phrase).toBe(basePath(named.version));
    }
  });
});
