import fc from "fast-check";
import { DEFAULT_SPEC_PATH, listOperations, loadSpec, type SpecOperation } from "../lib/openapi-document.cjs";
import { createSchemaValidator, type SchemaValidator } from "../lib/schema-validator.cjs";
import { createRunId, randomRemoteLocation } from "../setup/run-id.js";
import { resolveTokens, type TokenRole, type Tokens } from "../setup/tokens.js";
import { FuzzClient } from "./fuzz-client.js";
import { createFuzzFixtures, type FuzzFixtures, fixtureHints } from "./fuzz-fixtures.js";
import { CaseFailure, checkProperty, type PropertyResult } from "./fuzz-property.js";
import { describeCase, type FuzzCase, type FuzzRequest } from "./fuzz-request.js";
import { invalidCaseArbitrary } from "./invalid-request.js";
import type { Real } from "./stateful-commands.js";
import { commandsArbitrary, setupModelRun } from "./stateful-model.js";
import { patternArbitrary, textArbitrary } from "./string-arbitraries.js";
import { type RequestHints, validCaseArbitrary } from "./valid-request.js";
import { judge } from "./verdict.js";

export interface FuzzOptions {
  endpoint: string;
  seed: number;
  /** Cases per property: valid and invalid requests for each operation. */
  runs: number;
  /** Command sequences for the stateful model; 0 skips it. */
  modelRuns: number;
  /** Commands per sequence, at most. */
  maxCommands?: number;
  tokens: Partial<Tokens>;
  /** Sent as `x-api-key` with every request (operations that need none ignore it). */
  apiKey?: string;
  /** Only these operationIds (all when absent). */
  operations?: readonly string[];
}

export interface FuzzRun {
  ok: boolean;
  seed: number;
  runs: number;
  operations: SpecOperation[];
  results: PropertyResult[];
  /** Responses per operationId and status, for the summary. */
  statuses: Record<string, Record<string, number>>;
  requests: number;
  seconds: number;
}

export type Log = (line: string) => void;

/** Fuzzes every operation of the spec (valid, then invalid requests), then the stateful model. */
export async function runFuzz(options: FuzzOptions, log: Log = console.log): Promise<FuzzRun> {
  const started = Date.now();
  const runId = createRunId();
  const doc = loadSpec(DEFAULT_SPEC_PATH);
  const validator = createSchemaValidator(doc);
  const all = listOperations(doc);
  const operations = options.operations
    ? all.filter((op) => options.operations!.includes(op.operationId))
    : all;
  const unknown = (options.operations ?? []).filter((id) => !all.some((op) => op.operationId === id));
  if (unknown.length > 0) throw new Error(`no such operation in the spec: ${unknown.join(", ")}`);

  // fast-check builds its Unicode grapheme tables on first use, seconds of CPU: pay that before any
  // request, or a stage running in this process sees its idle keep-alive sockets time out mid-run.
  fc.sample(textArbitrary(0, 8), { numRuns: 1, seed: options.seed });
  const { tokens } = await resolveTokens(options.endpoint, options.tokens, `fuzz-${runId}`);
  const client = new FuzzClient(options.endpoint, tokens, options.apiKey);
  const fixtures = await createFuzzFixtures(client, runId, randomRemoteLocation());
  const hints = buildHints(fixtures, tokens, runId);
  const statuses: FuzzRun["statuses"] = {};
  const params = { seed: options.seed, numRuns: options.runs };
  log(
    `Fuzzing ${operations.length} operations of ${client.endpoint}: seed ${options.seed}, ${options.runs} runs per property`,
  );

  const results: PropertyResult[] = [];
  for (const operation of operations) {
    const judgeCase = async (fuzzCase: FuzzCase) => {
      const response = await client.send(fuzzCase.request);
      const counts = statuses[operation.operationId] ?? {};
      counts[response.status] = (counts[response.status] ?? 0) + 1;
      statuses[operation.operationId] = counts;
      const failures = judge(operation, fuzzCase, response, validator);
      if (failures.length > 0) throw new CaseFailure(failures);
    };
    const valid = validCaseArbitrary(doc, operation, hints, validator);
    results.push(await checkProperty(operation.operationId, "valid", valid, judgeCase, describeCase, params));
    const invalid = invalidCaseArbitrary(doc, operation, hints, validator);
    if (invalid)
      results.push(
        await checkProperty(operation.operationId, "invalid", invalid, judgeCase, describeCase, params),
      );
    const failed = results.filter((r) => r.subject === operation.operationId && r.failure).length;
    log(`  ${failed === 0 ? "✓" : "✗"} ${operation.operationId}`);
  }

  if (options.modelRuns > 0 && !options.operations) {
    results.push(await runModel(client, validator, all, fixtures, runId, options));
    log(`  ${results.at(-1)?.failure ? "✗" : "✓"} stateful model`);
  }
  return {
    ok: results.every((result) => !result.failure),
    seed: options.seed,
    runs: options.runs,
    operations,
    results,
    statuses,
    requests: client.requests,
    seconds: (Date.now() - started) / 1000,
  };
}

function buildHints(fixtures: FuzzFixtures, tokens: Tokens, runId: string): RequestHints {
  const keys = [0, 1, 2].map((i) => `fuzz-${runId}-${i}`);
  return {
    tokens,
    parameters: {
      ...fixtureHints(fixtures),
      // A few shared keys, so retries (same body) and reuse (another body, 422) happen too.
      "createWineryV2 header:Idempotency-Key": () =>
        fc.oneof(fc.constantFrom(...keys), patternArbitrary("^[A-Za-z0-9_.:-]+$", 1, 255)),
    },
  };
}

async function runModel(
  client: FuzzClient,
  validator: SchemaValidator,
  operations: SpecOperation[],
  fixtures: FuzzFixtures,
  runId: string,
  options: FuzzOptions,
): Promise<PropertyResult> {
  const call: Real["call"] = async (operationId, method, path, role: TokenRole, callOptions = {}) => {
    const operation = operations.find((op) => op.operationId === operationId);
    if (!operation) throw new Error(`the model calls ${operationId}, which the spec does not have`);
    const request: FuzzRequest = {
      method,
      path,
      query: callOptions.query ?? [],
      headers: callOptions.body === undefined ? {} : { "Content-Type": "application/json" },
      auth: { kind: "role", role },
      ...(callOptions.body === undefined ? {} : { body: JSON.stringify(callOptions.body) }),
    };
    const response = await client.send(request);
    const failures = judge(
      operation,
      { label: "model", request, expect: { kind: "valid" } },
      response,
      validator,
    );
    if (failures.length > 0) throw new CaseFailure([`${method} ${path} as ${role}:`, ...failures]);
    return response;
  };
  const setup = () => setupModelRun({ call, location: fixtures.location, runId });
  return checkProperty(
    "model",
    "stateful",
    commandsArbitrary(options.maxCommands ?? 15),
    (commands) => fc.asyncModelRun(setup, commands),
    // fast-check prints the commands that ran, which after shrinking is the minimal failing sequence.
    (commands) => String(commands),
    { seed: options.seed, numRuns: options.modelRuns },
  );
}
