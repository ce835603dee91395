import { collectOperations, type OperationModel } from "../operations.js";
import type {
  HeaderObject,
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from "../spec.js";
import type { OperationRef } from "./change.js";
import type { DereferencedSpec } from "./dereference.js";
import { joinPointer } from "./json-pointer.js";
import { childLocation, type Location, type Origins, rootLocation } from "./location.js";

export interface SchemaNode extends Location {
  schema: SchemaObject;
}

export interface ParameterView extends Location {
  name: string;
  in: string;
  required: boolean;
  deprecated: boolean;
  schema?: SchemaNode;
}

export interface MediaView extends Location {
  schema?: SchemaNode;
}

export interface RequestBodyView extends Location {
  required: boolean;
  content: Map<string, MediaView>;
}

export interface HeaderView extends Location {
  name: string;
  required: boolean;
  schema?: SchemaNode;
}

export interface ResponseView extends Location {
  status: string;
  content: Map<string, MediaView>;
  headers: Map<string, HeaderView>;
}

/** One operation of one API version, with everything the rules compare and where each part lives. */
export interface OperationView extends Location {
  /** Identity across specs: method and version-relative path with parameter names erased. */
  key: string;
  ref: OperationRef;
  model: OperationModel;
  object: OperationObject;
  parameters: Map<string, ParameterView>;
  requestBody?: RequestBodyView;
  responses: Map<string, ResponseView>;
}

export function operationViews(spec: DereferencedSpec, version: string): Map<string, OperationView> {
  const views = new Map<string, OperationView>();
  for (const model of collectOperations(spec.doc)) {
    if (model.version !== version) continue;
    const view = toView(spec.doc, spec.origins, model);
    views.set(view.key, view);
  }
  return views;
}

/** `/wineries/{wineryId}` and `/wineries/{id}` are the same endpoint on the wire. */
export function normalizedPathKey(relativePath: string): string {
  return relativePath.replace(/\{[^}]*\}/g, "{}");
}

function toView(doc: OpenApiDocument, origins: Origins, model: OperationModel): OperationView {
  const here = rootLocation(joinPointer("", "paths", model.path, model.method));
  const object = model.object;
  const view: OperationView = {
    ...here,
    key: `${model.method.toUpperCase()} ${normalizedPathKey(model.relativePath)}`,
    ref: { operationId: model.operationId, method: model.method, path: model.path },
    model,
    object,
    parameters: parameters(doc, origins, model, object, here),
    responses: new Map(),
  };
  if (object.requestBody) {
    const body = object.requestBody as RequestBodyObject;
    const at = childLocation(origins, here, body, "requestBody");
    view.requestBody = {
      ...at,
      required: body.required === true,
      content: mediaViews(origins, at, body.content),
    };
  }
  for (const status of Object.keys(object.responses ?? {})) {
    const response = object.responses[status] as ResponseObject;
    const at = childLocation(origins, here, response, "responses", status);
    const headers = new Map<string, HeaderView>();
    for (const [name, raw] of Object.entries(response.headers ?? {})) {
      const header = raw as HeaderObject;
      const headerAt = childLocation(origins, at, header, "headers", name);
      headers.set(name.toLowerCase(), {
        ...headerAt,
        name,
        required: header.required === true,
        schema: schemaNode(origins, headerAt, header.schema),
      });
    }
    view.responses.set(status, {
      ...at,
      status,
      content: mediaViews(origins, at, response.content),
      headers,
    });
  }
  return view;
}

/** Operation-level parameters override path-level ones with the same name and location. */
function parameters(
  doc: OpenApiDocument,
  origins: Origins,
  model: OperationModel,
  object: OperationObject,
  operation: Location,
): Map<string, ParameterView> {
  const byKey = new Map<string, ParameterView>();
  const pathItem = rootLocation(joinPointer("", "paths", model.path));
  const lists: Array<[Location, unknown[]]> = [
    [pathItem, doc.paths[model.path]?.parameters ?? []],
    [operation, object.parameters ?? []],
  ];
  for (const [owner, list] of lists) {
    list.forEach((raw, index) => {
      const parameter = raw as ParameterObject;
      if (parameter.in === "cookie") return;
      const at = childLocation(origins, owner, parameter, "parameters", index);
      const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
      byKey.set(`${parameter.in}:${name}`, {
        ...at,
        name: parameter.name,
        in: parameter.in,
        required: parameter.in === "path" || parameter.required === true,
        deprecated: parameter.deprecated === true,
        schema: schemaNode(origins, at, parameter.schema),
      });
    });
  }
  return byKey;
}

function mediaViews(
  origins: Origins,
  owner: Location,
  content: Record<string, MediaTypeObject> | undefined,
): Map<string, MediaView> {
  const views = new Map<string, MediaView>();
  for (const [type, media] of Object.entries(content ?? {})) {
    const at = childLocation(origins, owner, media, "content", type);
    views.set(type.toLowerCase(), { ...at, schema: schemaNode(origins, at, media.schema) });
  }
  return views;
}

function schemaNode(
  origins: Origins,
  owner: Location,
  schema: SchemaObject | undefined,
): SchemaNode | undefined {
  return schema ? { ...childLocation(origins, owner, schema, "schema"), schema } : undefined;
}
