import { fileURLToPath } from "node:url";
import { probeTable } from "./checks/probe-table.js";
import type { ProbeContext } from "./checks/probe-types.js";
import { type ChecksRun, runChecks } from "./checks/run-checks.js";
import { buildHookContext } from "./dredd/dredd-context.js";
import { createDreddFixtures } from "./dredd/dredd-fixtures.js";
import { type DreddRun, runDredd } from "./dredd/run-dredd.js";
import { DEFAULT_SPEC_PATH, listOperations, loadSpec } from "./lib/openapi-document.cjs";
import { createSchemaValidator } from "./lib/schema-validator.cjs";
import type { SuiteOptions } from "./options.js";
import { FixtureFactory, type Winery } from "./setup/fixture-factory.js";
import { ApiClient } from "./setup/http-client.js";
import { readClaims } from "./setup/jwt-claims.js";
import { createRunId, type GeoPoint, locationSequence } from "./setup/run-id.js";
import { resolveTokens, type Tokens } from "./setup/tokens.js";
import { formatSummaryTable, formatTotals } from "./summary-table.js";
import { validatorSelfCheck } from "./validator-self-check.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const hookfile = fileURLToPath(new URL("./dredd-hooks.cjs", import.meta.url));
const dreddBin = fileURLToPath(new URL("../node_modules/.bin/dredd", import.meta.url));

export type Log = (line: string) => void;

/** Runs the whole suite against one stage; resolves to the process exit code. */
export async function runSuite(options: SuiteOptions, log: Log = console.log): Promise<number> {
  const started = Date.now();
  const runId = createRunId();
  const api = new ApiClient(options.endpoint);
  log(`Contract suite ${runId} against ${api.endpoint}`);

  const doc = loadSpec(DEFAULT_SPEC_PATH);
  const operations = listOperations(doc);
  const validator = createSchemaValidator(doc);
  const selfCheck = validatorSelfCheck(operations, validator);
  if (selfCheck.length > 0) {
    for (const problem of selfCheck) log(`✗ validator self-check: ${problem}`);
    return 1;
  }
  log(`✓ validator self-check: every spec example passes, each with one wrong type fails`);

  try {
    await waitForPing(api);
  } catch (error) {
    log(`✗ ${(error as Error).message}`);
    return 1;
  }

  let tokens: Tokens;
  try {
    const resolved = await resolveTokens(api.endpoint, options.tokens, runId);
    tokens = resolved.tokens;
    log(
      `✓ tokens: ${resolved.minted.length > 0 ? `minted ${resolved.minted.join(", ")} at /_local/token` : "given"}`,
    );
  } catch (error) {
    log(`✗ tokens: ${(error as Error).message}`);
    return 1;
  }
  const make = new FixtureFactory(api, tokens, runId);
  const nextLocation = locationSequence();

  let dredd: DreddRun | undefined;
  let checks: ChecksRun | undefined;
  try {
    if (options.only !== "checks") {
      log("\nDredd: every documented 2xx response, against fixtures made for this run");
      const fixtures = await createDreddFixtures(make, tokens, nextLocation());
      dredd = await runDredd({
        dreddBin,
        specPath: DEFAULT_SPEC_PATH,
        hookfile,
        endpoint: api.endpoint,
        context: buildHookContext(tokens, fixtures, runId),
        operations,
        cwd: repoRoot,
        log: (line) => log(`  ${line}`),
      });
    }
    if (options.only !== "dredd") {
      log("\nChecks: every documented status of every operation");
      checks = await runChecks({
        operations,
        table: probeTable,
        validator,
        ctx: probeContext(api, tokens, make, runId, nextLocation),
        log,
      });
    }
  } catch (error) {
    // Fixture creation or a Dredd that cannot start: probes and Dredd runs report their own failures.
    log(`✗ ${(error as Error).message}`);
    return 1;
  }

  const ok = (dredd?.ok ?? true) && (checks?.ok ?? true);
  log("");
  for (const line of formatSummaryTable({ operations, dredd, checks })) log(line);
  log("");
  for (const line of formatTotals({ operations, dredd, checks }, (Date.now() - started) / 1000, ok))
    log(line);
  return ok ? 0 : 1;
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

/** Fails with a clear message when nothing answers, instead of 200 confusing failures. */
async function waitForPing(api: ApiClient): Promise<void> {
  try {
    const ping = await api.send({ method: "GET", path: "/v1/ping" });
    if (ping.status !== 200) throw new Error(`answered ${ping.status}`);
  } catch (error) {
    throw new Error(`${api.url("/v1/ping")} is not up: ${(error as Error).message}`);
  }
}
