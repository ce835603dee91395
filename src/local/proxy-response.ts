import { type ServerResponse, validateHeaderName, validateHeaderValue } from "node:http";

/** A Lambda proxy result that passed the checks API Gateway applies before answering the client. */
export interface ValidProxyResponse {
  statusCode: number;
  headers: Array<[string, string[]]>;
  body: Buffer;
}

export type ProxyResponseCheck = { ok: true; response: ValidProxyResponse } | { ok: false; reason: string };

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

// The gateway owns framing; a handler's values for these would only corrupt the response.
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Merges `headers` and `multiValueHeaders`; for a name present in both, only the multi-value list is kept,
 * as documented for REST proxy integrations.
 */
function mergeHeaders(headers: unknown, multiValueHeaders: unknown): Array<[string, string[]]> | string {
  if (headers !== undefined && headers !== null && !isRecord(headers)) return "headers is not an object";
  if (multiValueHeaders !== undefined && multiValueHeaders !== null && !isRecord(multiValueHeaders)) {
    return "multiValueHeaders is not an object";
  }
  const merged = new Map<string, [string, string[]]>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!isScalar(value)) return `header "${name}" is not a string`;
    merged.set(name.toLowerCase(), [name, [String(value)]]);
  }
  for (const [name, values] of Object.entries(multiValueHeaders ?? {})) {
    if (!Array.isArray(values) || !values.every(isScalar))
      return `multiValueHeaders "${name}" is not a string array`;
    merged.set(name.toLowerCase(), [name, values.map(String)]);
  }
  const result: Array<[string, string[]]> = [];
  for (const [lower, entry] of merged) {
    if (FRAMING_HEADERS.has(lower)) continue;
    try {
      validateHeaderName(entry[0]);
      for (const value of entry[1]) validateHeaderValue(entry[0], value);
    } catch {
      return `header "${entry[0]}" has an invalid name or value`;
    }
    result.push(entry);
  }
  if (!merged.has("content-type")) result.push(["Content-Type", ["application/json"]]);
  return result;
}

export function checkProxyResponse(result: unknown): ProxyResponseCheck {
  if (!isRecord(result)) return { ok: false, reason: "the handler did not return an object" };
  const { statusCode, body, isBase64Encoded } = result;
  if (
    typeof statusCode !== "number" ||
    !Number.isInteger(statusCode) ||
    statusCode < 200 ||
    statusCode > 599
  ) {
    return { ok: false, reason: `statusCode ${JSON.stringify(statusCode)} is not an HTTP status` };
  }
  if (body !== undefined && body !== null && typeof body !== "string") {
    return { ok: false, reason: "body is not a string" };
  }
  if (isBase64Encoded !== undefined && typeof isBase64Encoded !== "boolean") {
    return { ok: false, reason: "isBase64Encoded is not a boolean" };
  }
  const headers = mergeHeaders(result.headers, result.multiValueHeaders);
  if (typeof headers === "string") return { ok: false, reason: headers };
  const text = body ?? "";
  return {
    ok: true,
    response: {
      statusCode,
      headers,
      body: isBase64Encoded ? Buffer.from(text, "base64") : Buffer.from(text, "utf8"),
    },
  };
}

export function writeProxyResponse(res: ServerResponse, response: ValidProxyResponse): void {
  res.statusCode = response.statusCode;
  for (const [name, values] of response.headers)
    res.setHeader(name, values.length === 1 ? values[0]! : values);
  res.setHeader("Content-Length", response.body.length);
  res.end(response.body);
}
