import {
  type BodyFieldSpec,
  FORM_MEDIA_TYPE,
  MULTIPART_MEDIA_TYPE,
  type RequestBodyKind,
} from "../src/runtime/body-media-types.js";
import { NDJSON_MEDIA_TYPE } from "../src/runtime/parse-ndjson.js";
import { resolveSchema, valueType } from "./json-type.js";
import type { MediaTypeObject, OpenApiDocument, RequestBodyObject, SchemaObject } from "./spec.js";

/** What the generator knows about an operation's request body, media type by media type. */
export interface RequestBodyModel {
  required: boolean;
  /** The media types the runtime serves, sorted; the others were warned about and are answered 415. */
  contentTypes: string[];
  /** The JSON media types' schema when there is one, else the first served media type's (docs, SDK examples). */
  schema?: SchemaObject;
  /** Each served media type's schema, for the gateway definition. */
  schemas: Record<string, SchemaObject | undefined>;
  /** Served media types (lower case) read otherwise than as JSON; empty for a JSON-only body. */
  kinds: Record<string, RequestBodyKind>;
  /** The schema the request validator checks `body` against; none for a binary-only body. */
  validationSchema?: SchemaObject;
  /** A form or multipart body's fields: how to coerce each from its string. */
  fields: Record<string, BodyFieldSpec>;
  /** A multipart body's `format: binary` fields: uploaded files. */
  files: string[];
  /** Why a media type is not served, one line each, for the generator to report per operation. */
  warnings: string[];
}

type BodyKind = RequestBodyKind | "json";

/** A multipart part with a file name, as the request validator sees it (`{ filename, contentType, data }`). */
const UPLOADED_FILE_SCHEMA: SchemaObject = {
  type: "object",
  required: ["filename", "contentType", "data"],
  properties: { filename: { type: "string" }, contentType: { type: "string" } },
};

export function requestBodyModel(doc: OpenApiDocument, body: RequestBodyObject): RequestBodyModel {
  const model: RequestBodyModel = {
    required: body.required === true,
    contentTypes: [],
    schemas: {},
    kinds: {},
    fields: {},
    files: [],
    warnings: [],
  };
  const content = body.content ?? {};
  const served: Array<{ mediaType: string; kind: BodyKind; media: MediaTypeObject }> = [];
  for (const mediaType of Object.keys(content).sort()) {
    const media = content[mediaType]!;
    const kind = bodyKind(doc, mediaType, media.schema);
    const refusal =
      kind === undefined ? unservedMediaType(mediaType) : refusalOf(doc, kind, mediaType, media);
    if (refusal) model.warnings.push(refusal);
    else served.push({ mediaType, kind: kind!, media });
  }
  // One schema validates the body, whichever structured media type carried it: JSON's first.
  const structured = served.filter((entry) => entry.kind !== "binary");
  const primary = structured.find((entry) => entry.kind === "json") ?? structured[0];
  for (const entry of served) {
    // Several JSON media types were always validated with the first one's schema; that stays.
    const own = entry.kind === "form" || entry.kind === "multipart";
    if (own && primary && !sameSchema(entry.media.schema, primary.media.schema)) {
      model.warnings.push(
        `request body ${entry.mediaType} has a schema of its own, and the runtime validates one schema per body (${primary.mediaType}'s): it is not served`,
      );
      continue;
    }
    model.contentTypes.push(entry.mediaType);
    model.schemas[entry.mediaType] = entry.media.schema;
    if (entry.kind !== "json") model.kinds[entry.mediaType.toLowerCase()] = entry.kind;
  }
  model.schema = primary?.media.schema ?? served[0]?.media.schema;
  const schema = primary?.media.schema;
  if (!schema) return model;
  if (primary.kind === "json" && model.kinds[MULTIPART_MEDIA_TYPE] && fileFields(doc, schema).length > 0) {
    // The files would be `{ filename, contentType, data }` objects, which no JSON body can be.
    const multipart = model.contentTypes.find((type) => type.toLowerCase() === MULTIPART_MEDIA_TYPE)!;
    model.warnings.push(
      `request body ${multipart} shares ${primary.mediaType}'s schema, whose format: binary fields a JSON body cannot carry as files: it is not served`,
    );
    model.contentTypes = model.contentTypes.filter((type) => type !== multipart);
    delete model.schemas[multipart];
    delete model.kinds[MULTIPART_MEDIA_TYPE];
  }
  // Form and multipart fields are strings to coerce by the (shared) schema; a JSON body needs none.
  const fielded = Object.values(model.kinds).some((kind) => kind === "form" || kind === "multipart");
  if (fielded) {
    model.fields = bodyFields(doc, schema);
    model.files = model.kinds[MULTIPART_MEDIA_TYPE] ? fileFields(doc, schema) : [];
  }
  model.validationSchema = model.files.length > 0 ? withUploadedFiles(doc, schema, model.files) : schema;
  return model;
}

/** `application/json` and its `+json` structured-syntax relatives. */
export function isJsonContentType(contentType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json$/i.test(contentType);
}

function bodyKind(
  doc: OpenApiDocument,
  mediaType: string,
  schema: SchemaObject | undefined,
): BodyKind | undefined {
  const lower = mediaType.toLowerCase();
  if (isJsonContentType(lower) || lower === NDJSON_MEDIA_TYPE) return "json";
  if (lower === FORM_MEDIA_TYPE) return "form";
  if (lower === MULTIPART_MEDIA_TYPE) return "multipart";
  // Raw bytes: a media type with no schema, or a `format: binary` string, that is not text.
  if (lower.includes("*") || lower.startsWith("text/") || lower.startsWith("multipart/")) return undefined;
  if (schema === undefined || isBinaryString(resolveSchema(doc, schema))) return "binary";
  return undefined;
}

function unservedMediaType(mediaType: string): string {
  return `request body ${mediaType} is not served (the runtime reads JSON, ${FORM_MEDIA_TYPE}, ${MULTIPART_MEDIA_TYPE} and binary bodies, a binary one being a format: binary string of a non-text media type): it is answered 415`;
}

/** Why a form or multipart body the runtime recognizes still cannot be served as specified. */
function refusalOf(
  doc: OpenApiDocument,
  kind: BodyKind,
  mediaType: string,
  media: MediaTypeObject,
): string | undefined {
  if (kind !== "form") return undefined;
  const encoding = (media.encoding ?? {}) as Record<
    string,
    { style?: string; explode?: boolean; allowReserved?: boolean }
  >;
  for (const name of Object.keys(encoding).sort()) {
    const { style = "form", explode = true, allowReserved = false } = encoding[name]!;
    if (style !== "form" || !explode || allowReserved) {
      return `request body ${mediaType}: field "${name}" is encoded with style ${style}, explode ${explode}, allowReserved ${allowReserved}; the runtime reads only style form, exploded (name=a&name=b): it is answered 415`;
    }
  }
  const objects = Object.entries(bodyFields(doc, media.schema ?? {})).filter(
    ([, field]) => field.type === "object",
  );
  if (objects.length > 0) {
    return `request body ${mediaType}: object field "${objects[0]![0]}" has no form encoding the runtime reads (deepObject is not supported): it is answered 415`;
  }
  return undefined;
}

function isBinaryString(schema: SchemaObject): boolean {
  return schema.type === "string" && schema.format === "binary";
}

function sameSchema(a: SchemaObject | undefined, b: SchemaObject | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function propertiesOf(doc: OpenApiDocument, schema: SchemaObject): Record<string, SchemaObject> {
  return (resolveSchema(doc, schema).properties as Record<string, SchemaObject> | undefined) ?? {};
}

function bodyFields(doc: OpenApiDocument, schema: SchemaObject): Record<string, BodyFieldSpec> {
  const properties = propertiesOf(doc, schema);
  return Object.fromEntries(
    Object.keys(properties)
      .sort()
      .map((name) => [name, valueType(doc, properties[name]!) as BodyFieldSpec]),
  );
}

function fileFields(doc: OpenApiDocument, schema: SchemaObject): string[] {
  const properties = propertiesOf(doc, schema);
  return Object.keys(properties)
    .sort()
    .filter((name) => {
      const property = resolveSchema(doc, properties[name]!);
      const items =
        property.type === "array" ? resolveSchema(doc, (property.items as SchemaObject) ?? {}) : property;
      return isBinaryString(items);
    });
}

/** The multipart schema with its file fields as the uploaded-file objects the runtime hands over. */
function withUploadedFiles(doc: OpenApiDocument, schema: SchemaObject, files: string[]): SchemaObject {
  const resolved = resolveSchema(doc, schema);
  const properties = { ...(resolved.properties as Record<string, SchemaObject>) };
  for (const name of files) {
    const property = resolveSchema(doc, properties[name]!);
    properties[name] =
      property.type === "array" ? { ...property, items: UPLOADED_FILE_SCHEMA } : UPLOADED_FILE_SCHEMA;
  }
  return { ...resolved, properties };
}
