import fc from "fast-check";
import { deref, type JsonObject, type OpenApiDocument } from "../lib/openapi-document.cjs";
import type { SchemaValidator } from "../lib/schema-validator.cjs";
import { copyParts, type RequestParts } from "./request-parts.js";
import { PROTOTYPE_NAMES } from "./valid-request.js";

/** One way to break a request, with the answer it must get. */
export interface Mutation {
  label: string;
  parts: RequestParts;
  status: number;
  errorPath?: string;
}

export const BODY_LIMIT_BYTES = 64 * 1024;

/** Valid JSON over `size` bytes: an object gets a long member, anything else (an array) trailing spaces. */
function oversized(value: unknown, size: number): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return JSON.stringify({ ...value, pad: "x".repeat(size) });
  }
  return JSON.stringify(value) + " ".repeat(size);
}

/** A field of the body schema that is present in a concrete body. */
interface Field {
  path: string[];
  schema: JsonObject;
  required: boolean;
}

const MALFORMED_JSON = [
  "{",
  '{"a":1}}',
  "{'rating': 5}",
  "[1,]",
  '"unterminated',
  "nul",
  '{"a":01}',
  "\ufeff{}",
  "{}garbage",
];
const NOT_AN_OBJECT = ["[]", "42", '"text"', "null", "true"];
const WRONG_CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=latin1",
  "application/jsonx",
];

/** Every mutation of a request body; each is checked to really break the schema before it is used. */
export function bodyMutations(
  doc: OpenApiDocument,
  schema: JsonObject,
  mediaType: string,
  parts: RequestParts,
  validator: SchemaValidator,
  limitBytes = BODY_LIMIT_BYTES,
): fc.Arbitrary<Mutation>[] {
  const body = parts.body?.value;
  const withBody = (
    label: string,
    change: (b: NonNullable<RequestParts["body"]>) => void,
    status: number,
    errorPath?: string,
  ) => {
    const copy = copyParts(parts);
    change(copy.body!);
    return { label, parts: copy, status, ...(errorPath ? { errorPath } : {}) };
  };
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc
      .constantFrom(...MALFORMED_JSON, JSON.stringify(body).slice(0, -1))
      .map((raw) => withBody("malformed JSON", (b) => Object.assign(b, { raw }), 400, "/body")),
    fc.constant(withBody("an empty body", (b) => Object.assign(b, { raw: "" }), 400, "/body")),
    fc
      .constantFrom(...NOT_AN_OBJECT)
      .map((raw) => withBody("body is not an object", (b) => Object.assign(b, { raw }), 400, "/body")),
    fc.constantFrom(...wrongContentTypes(mediaType), undefined).map((type) =>
      withBody(
        `sent as ${type ?? "no content type"}`,
        (b) => {
          if (type === undefined) delete b.contentType;
          else b.contentType = type;
        },
        415,
      ),
    ),
    fc
      .integer({ min: limitBytes + 1, max: limitBytes * 2 })
      .map((size) =>
        withBody(`a ${size}-byte body`, (b) => Object.assign(b, { raw: oversized(b.value, size) }), 413),
      ),
  ];
  for (const field of presentFields(doc, schema, body)) {
    mutations.push(...fieldMutations(field, parts, validator, withBody));
  }
  for (const objectPath of closedObjects(doc, schema, body)) {
    mutations.push(
      fc
        .constantFrom(...PROTOTYPE_NAMES, "id", "userId", "isAdmin", "rating_sum")
        .map((name) =>
          withBody(
            `extra field ${name}`,
            (b) => defineOwn(getAt(b.value, objectPath) as object, name, { polluted: true }),
            400,
            pointer([...objectPath, name]),
          ),
        ),
    );
  }
  return mutations;
}

function wrongContentTypes(mediaType: string): string[] {
  return mediaType === "application/json"
    ? WRONG_CONTENT_TYPES
    : [...WRONG_CONTENT_TYPES, "application/json"];
}

type WithBody = (
  label: string,
  change: (b: NonNullable<RequestParts["body"]>) => void,
  status: number,
  errorPath?: string,
) => Mutation;

function fieldMutations(
  field: Field,
  parts: RequestParts,
  validator: SchemaValidator,
  withBody: WithBody,
): fc.Arbitrary<Mutation>[] {
  const at = pointer(field.path);
  const breaks = (value: unknown) => validator.validate(field.schema, value).length > 0;
  const set = (label: string, value: unknown) =>
    withBody(label, (b) => setAt(b.value, field.path, value), 400, at);
  const mutations: fc.Arbitrary<Mutation>[] = [];
  const wrongTypes = [42, 4.5, true, null, [], {}, "text", "1"].filter(breaks);
  if (wrongTypes.length > 0)
    mutations.push(fc.constantFrom(...wrongTypes).map((value) => set(`${at} of the wrong type`, value)));
  const outOfRange = outOfRangeValues(field.schema).filter(breaks);
  if (outOfRange.length > 0)
    mutations.push(fc.constantFrom(...outOfRange).map((value) => set(`${at} out of range`, value)));
  if (field.schema.type === "string") {
    const current = String(getAt(parts.body?.value, field.path) ?? "a");
    mutations.push(
      fc
        .constantFrom("\u0000", "\ud800", "\udfff", "\udc00\ud800")
        .map((bad) => set(`${at} with ${JSON.stringify(bad)}`, `${[...current].slice(0, 5).join("")}${bad}`)),
    );
  }
  if (field.required) {
    mutations.push(fc.constant(withBody(`${at} missing`, (b) => deleteAt(b.value, field.path), 400, at)));
  }
  return mutations;
}

function outOfRangeValues(schema: JsonObject): unknown[] {
  const values: unknown[] = [];
  if (typeof schema.minimum === "number") values.push(schema.minimum - 1, schema.minimum - 1e-9, -1e308);
  if (typeof schema.maximum === "number") values.push(schema.maximum + 1, schema.maximum + 1e-9, 1e308);
  if (schema.type === "integer") values.push(((schema.minimum as number | undefined) ?? 0) + 0.5);
  if (typeof schema.maxLength === "number")
    values.push("x".repeat(schema.maxLength + 1), "🍷".repeat(schema.maxLength + 1), "y".repeat(20_000));
  if (typeof schema.minLength === "number" && schema.minLength > 0) values.push("");
  if (schema.format === "uri")
    values.push("not a uri", "http://exa mple.com", "://missing-scheme", "https://x.example/\u0000");
  return values;
}

/** Leaf and object fields of the schema that exist in `body` (a missing parent cannot hold a mutation). */
function presentFields(
  doc: OpenApiDocument,
  schema: JsonObject,
  body: unknown,
  path: string[] = [],
): Field[] {
  const resolved = deref(doc, schema) as JsonObject;
  const fields: Field[] = [];
  if (resolved.type !== "object" || !isObject(body)) return fields;
  const required = (resolved.required ?? []) as string[];
  for (const [name, raw] of Object.entries((resolved.properties ?? {}) as Record<string, unknown>)) {
    const property = deref(doc, raw) as JsonObject;
    const fieldPath = [...path, name];
    fields.push({ path: fieldPath, schema: property, required: required.includes(name) });
    if (name in body) fields.push(...presentFields(doc, property, body[name], fieldPath));
  }
  return fields;
}

/** Paths of objects in `body` whose schema forbids additional properties. */
function closedObjects(
  doc: OpenApiDocument,
  schema: JsonObject,
  body: unknown,
  path: string[] = [],
): string[][] {
  const resolved = deref(doc, schema) as JsonObject;
  if (resolved.type !== "object" || !isObject(body)) return [];
  const found = resolved.additionalProperties === false ? [path] : [];
  for (const [name, raw] of Object.entries((resolved.properties ?? {}) as Record<string, unknown>)) {
    if (name in body) found.push(...closedObjects(doc, raw as JsonObject, body[name], [...path, name]));
  }
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function pointer(path: readonly string[]): string {
  return ["/body", ...path.map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1"))].join("/");
}

function getAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}

function setAt(value: unknown, path: readonly string[], leaf: unknown): void {
  const parent = getAt(value, path.slice(0, -1));
  if (isObject(parent)) defineOwn(parent, path.at(-1)!, leaf);
}

function deleteAt(value: unknown, path: readonly string[]): void {
  const parent = getAt(value, path.slice(0, -1));
  if (isObject(parent)) delete parent[path.at(-1)!];
}

/** `obj[name] = v` would set the prototype for `__proto__`; JSON must carry it as a plain member. */
function defineOwn(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
