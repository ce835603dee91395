// npm run rehearse: the whole release path on this machine, with no AWS (see README, "Release").
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { LOCAL_API_KEYS } from "../../src/settings/api-keys.js";
import { parseCommandLine } from "../../tools/cli/command-line.js";

parseCommandLine({
  name: "npm run rehearse",
  help: 'Usage: npm run rehearse\n\nThe whole release path on this machine, with no AWS: every region against local stand-ins\n(see README, "Release").\n\nOptions:\n  -h, --help   show this help\n',
  options: {},
});
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.DATABASE_URL ??= "memory://";

const { closeDatabase, getDatabase } = await import("../../src/db/database-instance.js");
(await import("../../src/local/local-database.js")).installLocalDatabase();
const { handlers } = await import("../../src/handlers/index.js");
const { routes } = await import("../../src/generated/routes.gen.js");
const { startLocalQueueWorkers } = await import("../../src/local/queue-workers.js");
const { API_VERSIONS, DEFAULT_APP_NAME, functionName, lambdaAlias } = await import(
  "../../src/topology/topology.js"
);
const { runContractSuite } = await import("../../contract-tests/run-suite.js");
const { runGateHook } = await import("../gate/gate-hook.js");
const { releaseRegion } = await import("../release-region.js");
const { contractBreakingBuild, currentBuild } = await import("./builds.js");
const { startEmulators, REHEARSAL_ACCOUNT } = await import("./emulators.js");
const { gatewayCli, gatewayCliOrThrow } = await import("./gateway-cli.js");
const { RehearsedRegion } = await import("./rehearsed-region.js");
const { createFunctions, deployUpdate } = await import("./simulated-deploy.js");

type SuiteSummary = import("../gate/gate-runner.js").SuiteSummary;
type Build = import("./simulated-deploy.js").Build;
type Region = InstanceType<typeof RehearsedRegion>;

const REGIONS = ["us-east-1", "eu-west-1"] as const;
const APP = DEFAULT_APP_NAME;
const POLL_MS = 50;
const say = (line: string) => console.log(`rehearse: ${line}`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

class RehearsalFailure extends Error {}
const expect = (condition: boolean, message: string) => {
  if (!condition) throw new RehearsalFailure(message);
};

const workdir = mkdtempSync(join(tmpdir(), "cellar-rehearsal-"));
const stageErrors: string[] = [];
const quietLogger = { info: () => {}, error: (message: string) => stageErrors.push(message) };
const operations = routes.map((route) => ({ operationId: route.operationId, version: route.version }));

say(`starting the API Gateway stand-in, the SSM/CodeDeploy stand-in and cognito-local`);
const emulators = await startEmulators(REGIONS[0]);
const queueWorkers = startLocalQueueWorkers(getDatabase, quietLogger);
const regions = REGIONS.map(
  (region) => new RehearsedRegion(region, APP, API_VERSIONS, Object.keys(handlers), emulators, quietLogger),
);
let exitCode = 1;
try {
  await rehearse();
  exitCode = 0;
} catch (error) {
  console.error(`rehearse: FAILED after ${elapsed()}: ${(error as Error).message}`);
  if (!(error instanceof RehearsalFailure)) console.error(error);
  if (stageErrors.length) console.error(`stage errors:\n  ${stageErrors.slice(0, 20).join("\n  ")}`);
} finally {
  await Promise.all(regions.map((region) => region.close()));
  await queueWorkers.stop();
  await emulators.stop();
  await closeDatabase();
  rmSync(workdir, { recursive: true, force: true });
}
process.exit(exitCode);

async function rehearse(): Promise<void> {
  const { pool } = emulators;
  say(`one user pool for every region: ${pool.userPoolArn}`);
  const [home, ...others] = regions as [Region, ...Region[]];

  say(`${home.region}: render and import ${API_VERSIONS.join(", ")} (live and preview stages)`);
  await importGenerated(home.region);
  for (const other of others) {
    say(`${other.region}: gateway sync --from ${home.region} (export, rewrite ARNs, import, compare)`);
    await gatewayCliOrThrow(emulators.gateway.url, workdir, [
      ...["sync", "--from", home.region, "--to", other.region, "--backup-dir", join(workdir, "backups")],
    ]);
  }

  const baseline = currentBuild("1", handlers, Object.keys(handlers));
  for (const region of regions) {
    createFunctions({ app: APP, operations, registry: region.registry, build: baseline });
    await region.serve();
    say(`${region.region}: build 1 created; stages served from the definitions API Gateway exports`);
  }

  const checks: number[] = [];
  for (const region of regions) {
    const live = await contractSuite(region.liveEndpoint, `${region.region} live`);
    expect(live.exitCode === 0, `${region.region}: the contract suite failed on build 1`);
    checks.push(live.checks);
  }

  const good = currentBuild("2", handlers, pick(["pingV1", "getWineryV1", "listWineriesV2", "getMeV2"]));
  for (const region of regions) {
    const release = await releaseBuild(region, good);
    expect(release.status === "released", `${region.region}: build 2 was not released (${release.status})`);
    expect(liveOnCandidate(region, good), `${region.region}: live aliases did not move to build 2`);
  }
  say(`canary promoted in ${regions.length} regions: every live and preview alias on build 2`);

  const broken = contractBreakingBuild(good, "getWineryV1", "name");
  const before = snapshotAliases(home, broken);
  const refused = await releaseBuild(home, broken);
  expect(
    refused.status === "rolled-back",
    `${home.region}: the broken build was not rolled back (${refused.status})`,
  );
  expect(
    JSON.stringify(snapshotAliases(home, broken)) === JSON.stringify(before),
    `${home.region}: aliases differ from before the broken release`,
  );
  say(
    `broken canary rolled back in ${home.region}: aliases as before; the release stops, ${others.map((r) => r.region).join(", ")} untouched`,
  );

  say(`gateway diff across ${REGIONS.join(", ")}`);
  const diff = await gatewayCli(emulators.gateway.url, workdir, ["diff", "--regions", REGIONS.join(",")]);
  expect(diff.code === 0, `gateway diff found differences:\n${diff.output}`);

  const perRegion = new Set(checks).size === 1 ? String(checks[0]) : checks.join("/");
  say(`done in ${elapsed()}`);
  console.log(
    `rehearsal: ${regions.length} regions, ${perRegion} contract checks per region, canary promoted, broken canary rolled back, regions identical`,
  );
}

async function importGenerated(region: string): Promise<void> {
  for (const version of API_VERSIONS) {
    const file = join(workdir, `${version}.${region}.json`);
    await gatewayCliOrThrow(emulators.gateway.url, workdir, [
      ...["render", "--version", version, "--region", region, "--account", REHEARSAL_ACCOUNT],
      ...["--user-pool-arn", emulators.pool.userPoolArn, "--out", file],
      ...["--gateway-dir", join(import.meta.dirname, "../../gateway")],
    ]);
    for (const role of [[], ["--preview"]]) {
      await gatewayCliOrThrow(emulators.gateway.url, workdir, [
        ...["import", "--file", file, "--region", region, "--version", version, ...role],
        ...["--mode", "overwrite", "--backup-dir", join(workdir, "backups")],
      ]);
    }
  }
}

/** One region's release, exactly as `npm run deploy` runs it, with CloudFormation played by the rehearsal. */
async function releaseBuild(region: Region, build: Build) {
  const releaseId = `rehearsal-${build.name}-${region.region}`;
  const ssm = emulators.ssm(region.region);
  const codeDeploy = emulators.codeDeploy(region.region);
  const deadline = Date.now() + 4 * 60_000;
  say(
    `${region.region}: release build ${build.name} (${build.changed.length} functions changed), CodeDeploy CANARY_10PERCENT_5MINUTES, bake time compressed`,
  );
  return releaseRegion({
    region: region.region,
    app: APP,
    releaseId,
    ssm,
    pollMs: POLL_MS,
    wait: (ms) => delay(ms),
    log: (line) => say(line),
    deploy: () =>
      deployUpdate({
        region: region.region,
        app: APP,
        operations,
        registry: region.registry,
        build,
        codeDeploy: emulators.aws.codeDeploy,
        trafficShifting: "CANARY_10PERCENT_5MINUTES",
        invokeGate: async (event) => {
          await runGateHook(
            event,
            { app: APP, releaseId, pollMs: POLL_MS, remainingMs: () => deadline - Date.now() },
            { ssm, codeDeploy, wait: (ms) => delay(ms), log: () => {} },
          );
        },
        log: (line) => say(`${region.region}: ${line}`),
      }),
    testCandidate: () =>
      contractSuite(region.previewEndpoint, `${region.region} preview (build ${build.name})`),
    testLive: () => contractSuite(region.liveEndpoint, `${region.region} live (build ${build.name})`),
  });
}

/** The contract suite against one stage, signing its test users in at the pool; its own output is kept for failures. */
async function contractSuite(endpoint: string, label: string): Promise<SuiteSummary> {
  const lines: string[] = [];
  const { pool, cognito } = emulators;
  const summary = await runContractSuite(
    {
      endpoint,
      tokens: {},
      // The rehearsed stages run the local stage's usage plans (src/settings/api-keys.ts).
      apiKey: LOCAL_API_KEYS.app.value,
      lowQuotaApiKey: LOCAL_API_KEYS.lowQuota.value,
      cognito: {
        userPoolId: pool.userPoolId,
        clientId: pool.clientId,
        region: REGIONS[0],
        endpoint: cognito.endpoint,
      },
    },
    (line) => lines.push(line),
  );
  say(`contract suite on ${label}: ${summary.checks} checks, ${summary.failed} failed`);
  if (summary.exitCode !== 0) {
    const failures = lines.filter((line) => /✗|FAIL|fail:/.test(line)).slice(0, 8);
    for (const line of failures) say(`  caught: ${line.trim()}`);
  }
  return summary;
}

function pick(operationIds: string[]): string[] {
  for (const id of operationIds) if (!(id in handlers)) throw new Error(`no operation ${id}`);
  return operationIds;
}

/** Every changed function's live alias wholly on the version its preview alias runs, the newest. */
function liveOnCandidate(region: Region, build: Build): boolean {
  return snapshotAliases(region, build).every(
    ([live, preview]) => live !== undefined && !live.additional && live.version === preview?.version,
  );
}

function snapshotAliases(region: Region, build: Build) {
  return operations
    .filter((op) => build.changed.includes(op.operationId))
    .map(({ operationId, version }) => [
      region.registry.alias(functionName(operationId, APP), lambdaAlias(version, "live")),
      region.registry.alias(functionName(operationId, APP), lambdaAlias(version, "preview")),
    ]);
}
