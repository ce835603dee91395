"use strict";
// Reads openapi.yaml and answers what the contract suite needs to know about it. Deliberately written
// without codegen/: the suite must be an independent check of the API against the spec, not our
// generator grading itself. CommonJS because Dredd 14 loads hooks with require().
const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");

const DEFAULT_SPEC_PATH = path.resolve(__dirname, "..", "..", "openapi.yaml");
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function loadSpec(specPath = DEFAULT_SPEC_PATH) {
  return YAML.parse(fs.readFileSync(specPath, "utf8"));
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local JSON pointer such as `#/components/schemas/Problem`. */
function resolvePointer(doc, ref) {
  if (typeof ref !== "string" || !ref.startsWith("#/")) {
    throw new Error(`Only local $refs are supported, got ${JSON.stringify(ref)}`);
  }
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) throw new Error(`Cannot resolve ${ref}`);
    node = node[token];
    if (node === undefined) throw new Error(`Cannot resolve ${ref}`);
  }
  return node;
}

/** Resolves a Reference Object (responses, parameters, request bodies), following chains of refs. */
function deref(doc, value) {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`Circular $ref ${value.$ref}`);
    node = resolvePointer(doc, node.$ref);
  }
  return node;
}

/** Which of a scheme's kinds it is: a signed-in user (bearer, OAuth2, OIDC) or an API key. */
function schemeKind(doc, name) {
  const scheme = doc.components?.securitySchemes?.[name];
  return scheme?.type === "apiKey" ? "apiKey" : "user";
}

/**
 * Whether every alternative requires a scheme of `kind`. An empty requirement object (`{}`) in
 * `security` makes authentication optional.
 */
function requiresKind(doc, security, kind) {
  return (
    Array.isArray(security) &&
    security.length > 0 &&
    security.every((req) => Object.keys(req).some((name) => schemeKind(doc, name) === kind))
  );
}

/** Every operation with what a test needs: effective security, required groups, resolved parts. */
function listOperations(doc) {
  const operations = [];
  for (const [pathTemplate, pathItem] of Object.entries(doc.paths ?? {})) {
    const shared = (pathItem.parameters ?? []).map((p) => deref(doc, p));
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const own = (operation.parameters ?? []).map((p) => deref(doc, p));
      // Operation-level parameters override path-level ones with the same name and location.
      const parameters = [
        ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
        ...own,
      ];
      const responses = {};
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        responses[status] = deref(doc, response);
      }
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path: pathTemplate,
        secured: requiresKind(doc, operation.security ?? doc.security, "user"),
        apiKey: requiresKind(doc, operation.security ?? doc.security, "apiKey"),
        groups: Array.isArray(operation["x-cellar-groups"]) ? operation["x-cellar-groups"] : [],
        parameters,
        requestBody: operation.requestBody ? deref(doc, operation.requestBody) : undefined,
        ...(Number.isInteger(operation["x-cellar-max-body-bytes"])
          ? { maxBodyBytes: operation["x-cellar-max-body-bytes"] }
          : {}),
        responses,
      });
    }
  }
  return operations;
}

/** Finds the operation for a method and a path template (`/v1/wineries/{wineryId}`). */
function findOperation(operations, method, pathTemplate) {
  const upper = String(method).toUpperCase();
  return operations.find((op) => op.method === upper && op.path === pathTemplate);
}

module.exports = { DEFAULT_SPEC_PATH, loadSpec, resolvePointer, deref, listOperations, findOperation };
