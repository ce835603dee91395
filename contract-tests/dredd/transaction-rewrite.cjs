"use strict";
// Turns a transaction built from the spec's examples into one that hits this run's fixtures:
// credentials, fixture ids in the path, query overrides, unique Idempotency-Keys, body overrides.

/** The token for an operation: none when public, admin when it requires a group, else a plain user. */
function tokenFor(operation, tokens) {
  if (!operation.secured) return undefined;
  return operation.groups.length > 0 ? tokens.admin : tokens.user;
}

/** Rebuilds the path from the template, so ids are replaced by parameter name, not by string search. */
function rewritePath(pathname, template, values) {
  const actual = pathname.split("/");
  const pattern = template.split("/");
  if (actual.length !== pattern.length) {
    throw new Error(`Path ${pathname} does not match template ${template}`);
  }
  return pattern
    .map((segment, index) => {
      const param = /^\{(.+)\}$/.exec(segment);
      if (!param || values[param[1]] === undefined) return actual[index];
      return encodeURIComponent(String(values[param[1]]));
    })
    .join("/");
}

function rewriteQuery(search, drop, overrides) {
  const params = new URLSearchParams(search);
  for (const name of drop) params.delete(name);
  for (const [name, value] of Object.entries(overrides)) params.set(name, String(value));
  const query = params.toString();
  return query ? `?${query}` : "";
}

function setHeader(headers, name, value) {
  // Replace whatever spelling the spec example used.
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

let idempotencyCounter = 0;

/**
 * @param {object} transaction a Dredd transaction (mutated)
 * @param {object} operation from openapi-document.cjs
 * @param {object} context from hook-context.cjs
 */
function rewriteTransaction(transaction, operation, context) {
  const { request } = transaction;
  const id = operation.operationId;

  const token = tokenFor(operation, context.tokens);
  if (token) setHeader(request.headers, "Authorization", `Bearer ${token}`);
  if (operation.apiKey && context.apiKey) setHeader(request.headers, "x-api-key", context.apiKey);

  // Dredd prefixes the endpoint's own path (if any) to request.uri to make fullPath; keep that prefix.
  const prefix = transaction.fullPath.endsWith(request.uri)
    ? transaction.fullPath.slice(0, transaction.fullPath.length - request.uri.length)
    : "";
  const queryStart = request.uri.indexOf("?");
  const pathname = queryStart === -1 ? request.uri : request.uri.slice(0, queryStart);
  const search = queryStart === -1 ? "" : request.uri.slice(queryStart + 1);
  const pathValues = { ...context.pathParams.default, ...context.pathParams[id] };
  request.uri =
    rewritePath(pathname, operation.path, pathValues) +
    rewriteQuery(search, context.dropQuery, context.query[id] ?? {});
  transaction.fullPath = prefix + request.uri;

  for (const parameter of operation.parameters) {
    if (parameter.in === "header" && parameter.name.toLowerCase() === "idempotency-key") {
      idempotencyCounter += 1;
      setHeader(
        request.headers,
        parameter.name,
        `${context.idempotencyKeyPrefix}-${id}-${idempotencyCounter}`,
      );
    }
  }

  const bodyOverride = context.body[id];
  if (bodyOverride) {
    const example = JSON.parse(request.body || "{}");
    // An array body (a bulk import) gets the members merged into each of its rows.
    const merged = Array.isArray(example)
      ? example.map((row) => ({ ...row, ...bodyOverride }))
      : { ...example, ...bodyOverride };
    request.body = JSON.stringify(merged);
  }
  // Dredd sends a JSON example under every media type; NDJSON wants one row per line.
  const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === "content-type");
  if (contentType && /^application\/x-ndjson/i.test(String(contentType[1])) && request.body) {
    const rows = JSON.parse(request.body);
    if (Array.isArray(rows)) request.body = rows.map((row) => JSON.stringify(row)).join("\n");
  }
}

module.exports = { rewriteTransaction, rewritePath, rewriteQuery, tokenFor };
