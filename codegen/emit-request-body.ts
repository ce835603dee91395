import type { RequestBodyKind } from "../src/runtime/body-media-types.js";
import type { OperationModel } from "./operations.js";

/** The runtime reader of each body kind, as the runtime's index exports it. */
const READERS: Record<RequestBodyKind, string> = {
  binary: "parseBinaryBody",
  form: "parseFormBody",
  multipart: "parseMultipartBody",
};

function kindsOf(operation: OperationModel): Record<string, RequestBodyKind> {
  return operation.requestBody?.kinds ?? {};
}

/** `requestBodyKinds` and `requestBodyFields` of the operation's spec, only when it has such bodies. */
export function requestBodySpec(operation: OperationModel): Record<string, unknown> {
  const body = operation.requestBody;
  if (!body || Object.keys(body.kinds).length === 0) return {};
  const fields = Object.keys(body.fields).length > 0 ? { requestBodyFields: body.fields } : {};
  return { requestBodyKinds: body.kinds, ...fields };
}

/**
 * The readers the wrapper passes to the runtime, one per body kind the operation takes besides
 * JSON: the names to import and the object literal. None for a JSON-only operation, so its bundle
 * never holds a form or multipart reader.
 */
export function bodyReaders(operation: OperationModel): { imports: string[]; argument: string } | undefined {
  const kinds = [...new Set(Object.values(kindsOf(operation)))].sort();
  if (kinds.length === 0) return undefined;
  return {
    imports: kinds.map((kind) => READERS[kind]),
    argument: `{ ${kinds.map((kind) => `${kind}: ${READERS[kind]}`).join(", ")} }`,
  };
}

/**
 * The operation's types (`base`, an openapi-typescript `paths[...][...]` expression) with its
 * request bodies as the implementation receives them: a binary body as a `Buffer`, a multipart
 * body's files as `UploadedFile`s. JSON and form bodies keep the spec's types.
 */
export function requestBodyTypes(
  base: string,
  operation: OperationModel,
): { types: string; imports: string[] } {
  const body = operation.requestBody;
  const kinds = kindsOf(operation);
  if (!body || !Object.values(kinds).some((kind) => kind !== "form")) return { types: base, imports: [] };
  const kindOf = (type: string) => kinds[type.toLowerCase()];
  const content = (type: string) => `NonNullable<${base}["requestBody"]>["content"][${JSON.stringify(type)}]`;
  const typed = body.contentTypes.filter((type) => kindOf(type) === undefined || kindOf(type) === "form");
  const read = body.contentTypes
    .filter((type) => kindOf(type) === "binary" || kindOf(type) === "multipart")
    .map((type) => {
      if (kindOf(type) === "binary") return `${JSON.stringify(type)}: Buffer`;
      if (body.files.length === 0) return `${JSON.stringify(type)}: ${content(type)}`;
      const files = body.files.map((file) => JSON.stringify(file)).join(" | ");
      return `${JSON.stringify(type)}: MultipartFields<${content(type)}, ${files}>`;
    });
  const imports = ["WithRequestBodies", ...(body.files.length > 0 ? ["MultipartFields"] : [])];
  const typedUnion = typed.map((type) => JSON.stringify(type)).join(" | ") || "never";
  return { types: `WithRequestBodies<${base}, ${typedUnion}, { ${read.join("; ")} }>`, imports };
}
