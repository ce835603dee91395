import fc from "fast-check";
import type {
  JsonObject,
  OpenApiDocument,
  OpenApiParameter,
  SpecOperation,
} from "../lib/openapi-document.cjs";
import type { SchemaValidator } from "../lib/schema-validator.cjs";
import type { TokenRole, Tokens } from "../setup/tokens.js";
import type { Auth, FuzzCase } from "./fuzz-request.js";
import { assembleRequest, formatParameter, type RequestParts } from "./request-parts.js";
import { schemaArbitrary } from "./schema-arbitrary.js";

/** What the run knows beyond the spec: real ids to aim at, cursors the API issued, the callers' tokens. */
export interface RequestHints {
  /**
   * Parameter values, keyed `<operationId> <in>:<name>` or, for every operation, `<in>:<name>`; each
   * gets the values the schema alone would give, to mix in.
   */
  parameters: Record<string, (fromSchema: fc.Arbitrary<string>) => fc.Arbitrary<string>>;
  tokens: Tokens;
}

/** Names that reach `Object.prototype` when used as keys of a plain object. */
export const PROTOTYPE_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
];

/** An origin no stage is configured to allow: it must never be echoed in Access-Control-Allow-Origin. */
export const FOREIGN_ORIGIN = "https://evil.example";

export function parameterArbitrary(
  doc: OpenApiDocument,
  operation: SpecOperation,
  parameter: OpenApiParameter,
  hints: RequestHints,
): fc.Arbitrary<string> {
  const formatted = schemaArbitrary(doc, parameter.schema ?? { type: "string" }).map(formatParameter);
  // A header value is a field value (RFC 9110, section 5.5): fetch refuses anything else before
  // sending it, so what the schema allows beyond visible ASCII could never reach the API anyway.
  const fromSchema =
    parameter.in === "header" ? formatted.map((value) => value.replace(/[^\t\x20-\x7E]/g, "")) : formatted;
  const hint =
    hints.parameters[`${operation.operationId} ${parameter.in}:${parameter.name}`] ??
    hints.parameters[`${parameter.in}:${parameter.name}`];
  return hint ? hint(fromSchema) : fromSchema;
}

/** The structured parts of requests that are valid by the spec, before any noise. */
export function validPartsArbitrary(
  doc: OpenApiDocument,
  operation: SpecOperation,
  hints: RequestHints,
  validator: SchemaValidator,
): fc.Arbitrary<RequestParts> {
  const pathParams: Record<string, fc.Arbitrary<string>> = {};
  const query: fc.Arbitrary<[string, string] | undefined>[] = [];
  const headers: Record<string, fc.Arbitrary<string>> = {};
  const optionalHeaders: string[] = [];
  for (const parameter of operation.parameters) {
    const value = parameterArbitrary(doc, operation, parameter, hints);
    if (parameter.in === "path") pathParams[parameter.name] = value;
    if (parameter.in === "query") {
      const pair = value.map((v): [string, string] => [parameter.name, v]);
      // Optional parameters half the time: present often enough to be fuzzed, absent often enough for defaults.
      query.push(parameter.required ? pair : fc.option(pair, { nil: undefined, freq: 1 }));
    }
    if (parameter.in === "header") {
      headers[parameter.name] = value;
      if (!parameter.required) optionalHeaders.push(parameter.name);
    }
  }
  return fc.record({
    pathParams: fc.record(pathParams),
    query: fc.tuple(...query).map((pairs) => pairs.filter((pair) => pair !== undefined)),
    headers: fc.record(headers, {
      requiredKeys: Object.keys(headers).filter((h) => !optionalHeaders.includes(h)),
    }),
    body: bodyArbitrary(doc, operation, validator),
    auth: authArbitrary(operation),
    extraQuery: fc.constant([]),
    extraHeaders: fc.constant({}),
  }) as fc.Arbitrary<RequestParts>;
}

function bodyArbitrary(
  doc: OpenApiDocument,
  operation: SpecOperation,
  validator: SchemaValidator,
): fc.Arbitrary<RequestParts["body"]> {
  const content = operation.requestBody?.content;
  if (!content) return fc.constant(undefined);
  const [mediaType, media] = Object.entries(content)[0]!;
  const schema = (media.schema ?? {}) as JsonObject;
  // Checked with the suite's own validator, so "valid" means valid by the spec, not by our generator.
  const value = schemaArbitrary(doc, schema).filter(
    (candidate) => validator.validate(schema, candidate).length === 0,
  );
  return fc.record({ contentType: contentTypeVariants(mediaType), value });
}

/** Media types are case-insensitive and may carry a utf-8 charset, quoted or not. */
function contentTypeVariants(mediaType: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    mediaType,
    `${mediaType}; charset=utf-8`,
    mediaType.toUpperCase(),
    `${mediaType};charset="UTF-8"`,
  );
}

function authArbitrary(operation: SpecOperation): fc.Arbitrary<Auth> {
  const role = (r: TokenRole): Auth => ({ kind: "role", role: r });
  if (operation.groups.includes("admin")) return fc.constant(role("admin"));
  if (operation.secured) return fc.constantFrom(role("user"), role("otherUser"), role("admin"));
  // Public operations must not mind a token either.
  return fc.constantFrom<Auth>({ kind: "none" }, role("user"));
}

/** Undeclared query parameters and headers, named after prototype members, and a foreign Origin. */
function noiseArbitrary() {
  const name = fc.constantFrom(...PROTOTYPE_NAMES, "x-extra", "limit2");
  const value = fc.string({ unit: "grapheme-ascii", maxLength: 12 });
  return fc.record({
    extraQuery: fc.array(fc.tuple(name, value), { maxLength: 3 }),
    extraHeaders: fc.dictionary(name, value, { maxKeys: 3 }),
    foreignOrigin: fc.boolean(),
  });
}

export function validCaseArbitrary(
  doc: OpenApiDocument,
  operation: SpecOperation,
  hints: RequestHints,
  validator: SchemaValidator,
): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(validPartsArbitrary(doc, operation, hints, validator), fc.option(noiseArbitrary(), { freq: 2 }))
    .map(([parts, noise]) => {
      const extraHeaders: Record<string, string> = { ...noise?.extraHeaders };
      if (noise?.foreignOrigin) extraHeaders.Origin = FOREIGN_ORIGIN;
      const request = assembleRequest(operation, {
        ...parts,
        extraQuery: noise?.extraQuery ?? [],
        extraHeaders,
      });
      return { label: "valid", request, expect: { kind: "valid" } };
    });
}
