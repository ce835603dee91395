import type { SpecOperation } from "../lib/openapi-document.cjs";
import type { ApiRequest, Exchange } from "../setup/http-client.js";
import { NOT_PROBEABLE } from "./not-probeable.js";
import { bodyOf, expect, query, unknownId } from "./probe-helpers.js";
import type { ProbeCase, ProbeContext, ProbeTable } from "./probe-types.js";

/** Not a key of any usage plan (a well-formed value, so only its being unknown is wrong). */
export const UNKNOWN_API_KEY = "contractUnknownApiKey0000000000000000";
/** Requests spent, at most, to run the low-quota key out (its quota is expected to be far smaller). */
export const MAX_REQUESTS_TO_SPEND_QUOTA = 100;
const INVALID_KEY_TYPE = "https://cellar.dev/problems/invalid-api-key";
const QUOTA_TYPE = "https://cellar.dev/problems/quota-exceeded";

type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: Record<string, unknown>;
};

function sampleValue(parameter: Parameter): string {
  const schema = parameter.schema ?? {};
  const value = parameter.example ?? schema.example ?? schema.default ?? schema.minimum;
  return value === undefined ? "x" : String(value);
}

/**
 * A request the gateway routes to `operation` with everything but the key right: the key is checked
 * after the authorizer and before the integration, so ids need not exist and the body need not be
 * valid (the gateway validates parameters only; the handler never runs).
 */
export function keyProbeRequest(operation: SpecOperation, ctx: ProbeContext): ApiRequest {
  const parameters = operation.parameters as Parameter[];
  const required = (where: string) => parameters.filter((p) => p.in === where && p.required);
  const search: Record<string, string> = {};
  for (const parameter of required("query")) search[parameter.name] = sampleValue(parameter);
  const headers: Record<string, string> = {};
  for (const parameter of required("header"))
    headers[parameter.name] = `contract-${ctx.runId}-key-probe-${unknownId()}`;
  const token = !operation.secured
    ? undefined
    : operation.groups.length > 0
      ? ctx.tokens.admin
      : ctx.tokens.user;
  return {
    method: operation.method,
    path: operation.path.replace(/\{[^}]+\}/g, () => unknownId()) + query(search),
    ...(token ? { token } : {}),
    ...(operation.requestBody ? { json: {} } : {}),
    headers,
  };
}

function expectType(exchanges: Exchange[], type: string): void {
  for (const exchange of exchanges)
    expect(bodyOf<{ type?: string }>(exchange).type === type, `expected type ${type}: ${exchange.bodyText}`);
}

function invalidKeyCase(operation: SpecOperation): ProbeCase {
  return {
    title: "no x-api-key, an unknown x-api-key",
    async send(ctx) {
      const request = keyProbeRequest(operation, ctx);
      const exchanges = [
        await ctx.api.send({ ...request, apiKey: null }),
        await ctx.api.send({ ...request, apiKey: UNKNOWN_API_KEY }),
      ];
      return { exchanges, verify: () => expectType(exchanges, INVALID_KEY_TYPE) };
    },
  };
}

function quotaCase(operation: SpecOperation, spentKey: () => Promise<string>): ProbeCase {
  return {
    title: "a key whose quota is spent",
    async send(ctx) {
      const exchange = await ctx.api.send({ ...keyProbeRequest(operation, ctx), apiKey: await spentKey() });
      return { exchanges: [exchange], verify: () => expectType([exchange], QUOTA_TYPE) };
    },
  };
}

/**
 * Spends the low-quota key once per run on a harmless read that needs a key, until it answers 429
 * (or gives up after MAX_REQUESTS_TO_SPEND_QUOTA requests; a throttled 429 on the way just counts as one).
 */
export function quotaSpender(ctx: () => ProbeContext, lowQuotaKey: string): () => Promise<string> {
  let spent: Promise<string> | undefined;
  const spend = async () => {
    const read = { method: "GET", path: `/v2/wineries${query({ near: "0,0", radius: 1000 })}` };
    for (let attempt = 0; attempt < MAX_REQUESTS_TO_SPEND_QUOTA; attempt++) {
      const exchange = await ctx().api.send({ ...read, apiKey: lowQuotaKey });
      if (exchange.status === 429 && bodyOf<{ type?: string }>(exchange).type === QUOTA_TYPE)
        return lowQuotaKey;
      if (exchange.status !== 200 && exchange.status !== 429)
        throw new Error(`spending the low-quota key: ${exchange.status} ${exchange.bodyText.slice(0, 200)}`);
    }
    throw new Error(`the low-quota key still had quota after ${MAX_REQUESTS_TO_SPEND_QUOTA} requests`);
  };
  return () => {
    spent ??= spend();
    return spent;
  };
}

/**
 * The table with a 403 (missing and unknown key) and, given a low-quota key, a 429 (quota spent)
 * case for every operation that requires a key, beside the area probes' own.
 */
export function withApiKeyProbes(
  table: ProbeTable,
  operations: readonly SpecOperation[],
  spentKey: (() => Promise<string>) | undefined,
): ProbeTable {
  const merged: ProbeTable = { ...table };
  for (const operation of operations.filter((op) => op.apiKey)) {
    const own = { ...table[operation.operationId] };
    own[403] = [...(own[403] ?? []), invalidKeyCase(operation)];
    if (spentKey) own[429] = [...(own[429] ?? []), quotaCase(operation, spentKey)];
    merged[operation.operationId] = own;
  }
  return merged;
}

/** The statuses nobody can probe in this run: 429 too when no low-quota key was given. */
export function notProbeableFor(lowQuotaKey: string | undefined): Readonly<Record<string, string>> {
  return lowQuotaKey
    ? NOT_PROBEABLE
    : { ...NOT_PROBEABLE, "429": "no --low-quota-api-key given (CONTRACT_LOW_QUOTA_API_KEY)" };
}
