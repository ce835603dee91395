"use strict";
// Checks one real HTTP response against what the spec documents for its operation and status:
// the status itself, the media type, the full body against the schema, and the documented headers.
// Used by the Dredd hooks and by our own checks, so both grade responses the same way.

function mediaTypeOf(contentType) {
  return typeof contentType === "string" ? contentType.split(";")[0].trim().toLowerCase() : undefined;
}

function isJsonMediaType(mediaType) {
  return mediaType === "application/json" || /^[a-z]+\/[^;]+\+json$/.test(mediaType ?? "");
}

/** The documented response for a status: exact code, then `4XX`-style ranges, then `default`. */
function documentedResponse(operation, status) {
  const responses = operation.responses;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

function matchesMediaType(declared, actual) {
  if (declared === actual) return true;
  const [type, subtype] = declared.split("/");
  return subtype === "*" && actual.startsWith(`${type}/`);
}

/**
 * A header arrives as text; OpenAPI's `simple` style reads it as the schema's primitive type, so
 * `Retry-After: 1` is the integer 1. Text that is not a number stays text and fails the schema.
 */
function headerValue(schema, text) {
  const type = schema?.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
    return Number(text);
  }
  if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/**
 * @param {{ operation: object, status: number, headers: Record<string, string | undefined>,
 *   bodyText: string, validator: { validate(schema: object, value: unknown): string[] } }} input
 *   `headers` must have lower-case names.
 * @returns {string[]} what is wrong; empty when the response conforms
 */
function checkResponse({ operation, status, headers, bodyText, validator }) {
  const response = documentedResponse(operation, status);
  if (!response) {
    const documented = Object.keys(operation.responses).join(", ");
    return [`status ${status} is not documented for ${operation.operationId} (documented: ${documented})`];
  }
  const failures = [];
  const content = response.content ?? {};
  const declaredTypes = Object.keys(content);
  const mediaType = mediaTypeOf(headers["content-type"]);

  if (declaredTypes.length === 0) {
    // A response without documented content must not carry a body. (The Content-Type header is not
    // judged: API Gateway adds application/json to every proxy response that lacks one.)
    if (bodyText.length > 0)
      failures.push(`documents no body, but the response has ${bodyText.length} bytes`);
  } else if (!mediaType) {
    failures.push(`Content-Type is missing (documented: ${declaredTypes.join(", ")})`);
  } else {
    const declared = declaredTypes.find((type) => matchesMediaType(type, mediaType));
    if (!declared) {
      failures.push(`Content-Type is ${mediaType}, documented: ${declaredTypes.join(", ")}`);
    } else if (isJsonMediaType(mediaType)) {
      let body;
      try {
        body = JSON.parse(bodyText);
      } catch {
        failures.push(`body is not valid JSON: ${JSON.stringify(bodyText.slice(0, 120))}`);
      }
      const schema = content[declared].schema;
      if (body !== undefined && schema) {
        for (const error of validator.validate(schema, body)) failures.push(`body ${error}`);
      }
    }
  }

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    // OpenAPI: a documented Content-Type response header is ignored.
    if (name.toLowerCase() === "content-type") continue;
    const value = headers[name.toLowerCase()];
    if (value === undefined || value === "") {
      failures.push(`documented header ${name} is missing`);
    } else if (header.schema) {
      for (const error of validator.validate(header.schema, headerValue(header.schema, value))) {
        failures.push(`header ${name}: ${error}`);
      }
    }
  }
  return failures;
}

module.exports = { checkResponse, documentedResponse, mediaTypeOf, isJsonMediaType };
