import { fileURLToPath } from "node:url";
import { notProbeableFor, quotaSpender, withApiKeyProbes } from "./checks/api-key-probes.js";
import { probeTable } from "./checks/probe-table.js";
import type { ProbeContext } from "./checks/probe-types.js";
import { type ChecksRun, runChecks } from "./checks/run-checks.js";
import { buildHookContext } from "./dredd/dredd-context.js";
import { createDreddFixtures } from "./dredd/dredd-fixtures.js";
import { type DreddRun, runDredd } from "./dredd/run-dredd.js";
import { DEFAULT_SPEC_PATH, listOperations, loadSpec } from "./lib/openapi-document.cjs";
import { createSchemaValidator } from "./lib/schema-validator.cjs";
import type { SuiteOptions } from "./options.js";
import type { CognitoTestUsers } from "./setup/cognito-users.js";
import { FixtureFactory, type Winery } from "./setup/fixture-factory.js";
import { ApiClient } from "./setup/http-client.js";
import { readClaims } from "./setup/jwt-claims.js";
import { createRunId, type GeoPoint, locationSequence } from "./setup/run-id.js";
import { type ResolvedTokens, resolveTokens, type Tokens } from "./setup/tokens.js";
import { countGraded, formatSummaryTable, formatTotals } from "./summary-table.js";
import { validatorSelfCheck } from "./validator-self-check.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const hookfile = fileURLToPath(new URL("./dredd-hooks.cjs", import.meta.url));
const dreddBin = fileURLToPath(new URL("../node_modules/.bin/dredd", import.meta.url));

export type Log = (line: string) => void;

export interface SuiteResult {
  exitCode: number;
  /** Graded Dredd transactions plus probe cases (the figures of the closing totals). */
  checks: number;
  /** How many of those failed; 0 with exitCode 1 when the run failed otherwise (setup, coverage). */
  failed: number;
}

/** Runs the whole suite against one stage; resolves to the process exit code. */
export async function runSuite(options: SuiteOptions, log: Log = console.log): Promise<number> {
  return (await runContractSuite(options, log)).exitCode;
}

/** Runs the whole suite against one stage, for callers that need more than the exit code. */
export async function runContractSuite(options: SuiteOptions, log: Log = console.log): Promise<SuiteResult> {
  const failedEarly: SuiteResult = { exitCode: 1, checks: 0, failed: 0 };
  const started = Date.now();
  const runId = createRunId();
  const api = new ApiClient(options.endpoint, options.apiKey);
  log(`Contract suite ${runId} against ${api.endpoint}`);

  const doc = loadSpec(DEFAULT_SPEC_PATH);
  const operations = listOperations(doc);
  const validator = createSchemaValidator(doc);
  const selfCheck = validatorSelfCheck(operations, validator);
  if (selfCheck.length > 0) {
    for (const problem of selfCheck) log(`✗ validator self-check: ${problem}`);
    return failedEarly;
  }
  log(`✓ validator self-check: every spec example passes, each with one wrong type fails`);

  try {
    await waitForPing(api);
  } catch (error) {
    log(`✗ ${(error as Error).message}`);
    return failedEarly;
  }

  let resolved: ResolvedTokens;
  try {
    resolved = await resolveTokens(api.endpoint, options.tokens, runId, options.cognito);
    log(`✓ tokens: ${resolved.source}`);
  } catch (error) {
    log(`✗ tokens: ${(error as Error).message}`);
    return failedEarly;
  }
  const tokens: Tokens = resolved.tokens;
  const make = new FixtureFactory(api, tokens, runId);
  const nextLocation = make.trackLocations(locationSequence());

  let dredd: DreddRun | undefined;
  let checks: ChecksRun | undefined;
  let cleanedUp = false;
  let usersRemoved = false;
  try {
    if (options.only !== "checks") {
      log("\nDredd: every documented 2xx response, against fixtures made for this run");
      const fixtures = await createDreddFixtures(make, tokens, nextLocation());
      dredd = await runDredd({
        dreddBin,
        specPath: DEFAULT_SPEC_PATH,
        hookfile,
        endpoint: api.endpoint,
        context: buildHookContext(tokens, fixtures, runId, options.apiKey),
        operations,
        cwd: repoRoot,
        log: (line) => log(`  ${line}`),
      });
    }
    if (options.only !== "dredd") {
      log("\nChecks: every documented status of every operation");
      const ctx = probeContext(api, tokens, make, runId, nextLocation);
      const spentKey = options.lowQuotaApiKey ? quotaSpender(() => ctx, options.lowQuotaApiKey) : undefined;
      checks = await runChecks({
        operations,
        table: withApiKeyProbes(probeTable, operations, spentKey),
        validator,
        ctx,
        log,
        notProbeable: notProbeableFor(options.lowQuotaApiKey),
      });
    }
  } catch (error) {
    // Fixture creation or a Dredd that cannot start: probes and Dredd runs report their own failures.
    log(`✗ ${(error as Error).message}`);
    return { exitCode: 1, ...countGraded({ dredd, checks }) };
  } finally {
    // Also after failed checks or a failed fixture: a stage must not keep this run's wineries.
    cleanedUp = await cleanUp(make, log);
    // Last, since deleting the wineries needs the admin token (though an ID token outlives its user).
    usersRemoved = await removeTestUsers(resolved.cognitoUsers, log);
  }

  const ok = (dredd?.ok ?? true) && (checks?.ok ?? true) && cleanedUp && usersRemoved;
  log("");
  for (const line of formatSummaryTable({ operations, dredd, checks })) log(line);
  log("");
  for (const line of formatTotals({ operations, dredd, checks }, (Date.now() - started) / 1000, ok))
    log(line);
  return { exitCode: ok ? 0 : 1, ...countGraded({ dredd, checks }) };
}

function probeContext(
  api: ApiClient,
  tokens: Tokens,
  make: FixtureFactory,
  runId: string,
  nextLocation: () => GeoPoint,
): ProbeContext {
  let shared: Promise<Winery> | undefined;
  return {
    api,
    tokens,
    claims: {
      admin: readClaims(tokens.admin),
      user: readClaims(tokens.user),
      otherUser: readClaims(tokens.otherUser),
    },
    make,
    runId,
    freshLocation: nextLocation,
    sharedWinery: () => {
      shared ??= make.winery(nextLocation(), "shared");
      return shared;
    },
  };
}

/** Deletes the run's wineries; false (logged with the reason) fails the run. */
async function cleanUp(make: FixtureFactory, log: Log): Promise<boolean> {
  try {
    const deleted = await make.cleanup();
    log(`\n✓ cleanup: deleted ${deleted} wineries created by this run`);
    return true;
  } catch (error) {
    log(`\n✗ cleanup: ${(error as Error).message}`);
    return false;
  }
}

/** Deletes the run's Cognito test users, if any; false (logged with the reason) fails the run. */
async function removeTestUsers(users: CognitoTestUsers | undefined, log: Log): Promise<boolean> {
  if (!users) return true;
  try {
    const removed = await users.removeAll();
    log(`✓ cognito: removed ${removed} test user${removed === 1 ? "" : "s"}`);
    return true;
  } catch (error) {
    log(`✗ cognito: ${(error as Error).message}`);
    return false;
  }
}

/** Fails with a clear message when nothing answers, instead of 200 confusing failures. */
async function waitForPing(api: ApiClient): Promise<void> {
  try {
    const ping = await api.send({ method: "GET", path: "/v1/ping" });
    if (ping.status !== 200) throw new Error(`answered ${ping.status}`);
  } catch (error) {
    throw new Error(`${api.url("/v1/ping")} is not up: ${(error as Error).message}`);
  }
}
