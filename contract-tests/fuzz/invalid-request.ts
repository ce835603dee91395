import fc from "fast-check";
import {
  deref,
  type JsonObject,
  type OpenApiDocument,
  type OpenApiParameter,
  type SpecOperation,
} from "../lib/openapi-document.cjs";
import type { SchemaValidator } from "../lib/schema-validator.cjs";
import { bodyMutations, type Mutation } from "./body-mutations.js";
import { forgedCredentials } from "./forged-credentials.js";
import type { FuzzCase } from "./fuzz-request.js";
import { assembleRequest, copyParts, type RequestParts } from "./request-parts.js";
import { type RequestHints, validPartsArbitrary } from "./valid-request.js";

const NOT_NUMBERS = [
  "north",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x1A",
  "1e",
  "1,5",
  "true",
  "١٢",
  " 1",
  "1_000",
];
const NOT_UUIDS = [
  "not-a-uuid",
  "1",
  "00000000-0000-0000-0000-00000000000g",
  "' OR 1=1--",
  "\u0000",
  "🍷",
  "%",
  "{id}",
];
const PATTERN_BREAKERS = [" ", "a b", "abc", "1,2,3", "38.5;-122.4", "--1,2", "1.,2", "x/y", "$(id)", "1,2 "];

/**
 * Requests that break the spec in exactly one way (a parameter, the body, the credentials), each
 * with the documented 4xx it must get. Built on a valid request, so nothing else can be to blame.
 */
export function invalidCaseArbitrary(
  doc: OpenApiDocument,
  operation: SpecOperation,
  hints: RequestHints,
  validator: SchemaValidator,
): fc.Arbitrary<FuzzCase> | undefined {
  const probe = [
    ...parameterMutations(doc, operation, emptyParts()),
    ...authMutations(operation, emptyParts(), hints),
  ];
  if (probe.length === 0 && !operation.requestBody) return undefined;
  return validPartsArbitrary(doc, operation, hints, validator).chain((parts) => {
    const mutations = [
      ...parameterMutations(doc, operation, parts),
      ...authMutations(operation, parts, hints),
      ...requestBodyMutations(doc, operation, parts, validator),
    ];
    return fc.oneof(...mutations).map(
      (mutation): FuzzCase => ({
        label: mutation.label,
        request: assembleRequest(operation, mutation.parts),
        expect: {
          kind: "reject",
          status: mutation.status,
          ...(mutation.errorPath ? { errorPath: mutation.errorPath } : {}),
        },
      }),
    );
  });
}

function emptyParts(): RequestParts {
  return { pathParams: {}, query: [], headers: {}, auth: { kind: "none" }, extraQuery: [], extraHeaders: {} };
}

function requestBodyMutations(
  doc: OpenApiDocument,
  operation: SpecOperation,
  parts: RequestParts,
  validator: SchemaValidator,
): fc.Arbitrary<Mutation>[] {
  const content = operation.requestBody?.content;
  if (!content || !parts.body) return [];
  const [mediaType, media] = Object.entries(content)[0]!;
  return bodyMutations(
    doc,
    (media.schema ?? {}) as JsonObject,
    mediaType,
    parts,
    validator,
    operation.maxBodyBytes,
  );
}

function parameterMutations(
  doc: OpenApiDocument,
  operation: SpecOperation,
  parts: RequestParts,
): fc.Arbitrary<Mutation>[] {
  const mutations: fc.Arbitrary<Mutation>[] = [];
  for (const parameter of operation.parameters) {
    const schema = deref(doc, parameter.schema ?? {}) as JsonObject;
    const at = `/${parameter.in === "header" ? "headers" : parameter.in}/${parameter.name}`;
    const bad = badValues(parameter, schema);
    if (bad.length > 0) {
      mutations.push(
        fc.constantFrom(...bad).map((value) => ({
          label: `${at} = ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`,
          parts: withParameter(parts, parameter, value),
          status: 400,
          errorPath: at,
        })),
      );
    }
    if (parameter.in === "query" && parameter.required) {
      const copy = copyParts(parts);
      copy.query = copy.query.filter(([name]) => name !== parameter.name);
      mutations.push(fc.constant({ label: `${at} missing`, parts: copy, status: 400, errorPath: at }));
    }
    if (parameter.in === "query" && schema.type !== "array") {
      const present = parts.query.find(([name]) => name === parameter.name);
      const copy = copyParts(parts);
      const value = present?.[1] ?? "1";
      copy.query.push([parameter.name, value]);
      if (!present) copy.query.push([parameter.name, value]);
      mutations.push(fc.constant({ label: `${at} repeated`, parts: copy, status: 400, errorPath: at }));
    }
  }
  return mutations;
}

function badValues(parameter: OpenApiParameter, schema: JsonObject): string[] {
  const values: string[] = [];
  const inQuery = parameter.in === "query";
  if (schema.type === "number" || schema.type === "integer") {
    values.push(...NOT_NUMBERS, "1e309");
    if (inQuery) values.push("");
    if (typeof schema.minimum === "number") values.push(String(schema.minimum - 1), "-1e308");
    if (typeof schema.maximum === "number") values.push(String(schema.maximum + 1), "1e308");
    if (schema.type === "integer") values.push("2.5", "1e-3");
  }
  if (schema.type === "string") {
    if (schema.format === "uuid") values.push(...NOT_UUIDS);
    if (typeof schema.pattern === "string") {
      const pattern = new RegExp(schema.pattern);
      values.push(...PATTERN_BREAKERS.filter((value) => !pattern.test(value) && value.trim() !== ""));
    }
    if (typeof schema.maxLength === "number") values.push("x".repeat(schema.maxLength + 1));
    if (typeof schema.minLength === "number" && schema.minLength > 0 && parameter.in !== "path")
      values.push("");
  }
  // A path segment that is empty or a dot segment never reaches the operation.
  return values.filter(
    (value) => parameter.in !== "path" || (value !== "" && value !== "." && value !== ".."),
  );
}

function withParameter(parts: RequestParts, parameter: OpenApiParameter, value: string): RequestParts {
  const copy = copyParts(parts);
  if (parameter.in === "path") copy.pathParams[parameter.name] = value;
  if (parameter.in === "header") copy.headers[parameter.name] = value;
  if (parameter.in === "query") {
    copy.query = copy.query.filter(([name]) => name !== parameter.name);
    copy.query.push([parameter.name, value]);
  }
  return copy;
}

function authMutations(
  operation: SpecOperation,
  parts: RequestParts,
  hints: RequestHints,
): fc.Arbitrary<Mutation>[] {
  if (!operation.secured) return [];
  const as = (auth: RequestParts["auth"]) => ({ ...copyParts(parts), auth });
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.constant({ label: "no credentials", parts: as({ kind: "none" }), status: 401 }),
    fc.constantFrom(...forgedCredentials(hints.tokens.user)).map(({ label, value }) => ({
      label: `${label} credentials`,
      parts: as({ kind: "raw", label, value }),
      status: 401,
    })),
  ];
  if (operation.groups.length > 0) {
    mutations.push(
      fc.constantFrom("user" as const, "otherUser" as const).map((role) => ({
        label: `a ${role} outside ${operation.groups.join(", ")}`,
        parts: as({ kind: "role", role }),
        status: 403,
      })),
    );
  }
  return mutations;
}
