import { createHash, randomBytes } from "node:crypto";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { decodeUtf8 } from "../runtime/utf8.js";
import { isBinaryMediaType } from "./binary-media-types.js";
import { ownMember, setOwnMember } from "./own-member.js";

export const LOCAL_ACCOUNT_ID = "123456789012";
export const LOCAL_API_ID = "local";

export interface ProxyEventInput {
  method: string;
  /** The request path as received, base path included (custom domains do not strip it). */
  path: string;
  /** The query string without its leading `?`. */
  rawQuery: string;
  /** `IncomingMessage.rawHeaders`: names keep the casing the client sent. */
  rawHeaders: readonly string[];
  body: Buffer;
  resource: string;
  pathParameters: Readonly<Record<string, string>>;
  stage: string;
  stageVariables: Readonly<Record<string, string>>;
  requestId: string;
  requestTimeEpoch: number;
  protocol: string;
  sourceIp: string;
  localPort: number;
  claims?: Readonly<Record<string, string>>;
  /** The stage's binary media types, when its definition lists some (see `encodeEventBody`). */
  binaryMediaTypes?: readonly string[];
}

interface HeaderMaps {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
}

/** Single-value maps keep the last value, as API Gateway does for repeated headers and query keys. */
function headerMaps(rawHeaders: readonly string[]): HeaderMaps {
  const maps: HeaderMaps = { headers: {}, multiValueHeaders: {} };
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    addHeader(maps, rawHeaders[index]!, rawHeaders[index + 1]!);
  }
  return maps;
}

function addHeader(maps: HeaderMaps, name: string, value: string): void {
  setOwnMember(maps.headers, name, value);
  const values = ownMember(maps.multiValueHeaders, name);
  if (values) values.push(value);
  else setOwnMember(maps.multiValueHeaders, name, [value]);
}

function findHeader(maps: HeaderMaps, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(maps.headers).find((key) => key.toLowerCase() === lower);
}

function setHeader(maps: HeaderMaps, name: string, value: string): void {
  const key = findHeader(maps, name) ?? name;
  setOwnMember(maps.headers, key, value);
  setOwnMember(maps.multiValueHeaders, key, [value]);
}

function traceId(epochMs: number): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
}

/** What the gateway adds in front of every integration request. */
function addGatewayHeaders(maps: HeaderMaps, input: ProxyEventInput): void {
  const forwardedFor = findHeader(maps, "X-Forwarded-For");
  const previous = forwardedFor ? maps.headers[forwardedFor] : undefined;
  setHeader(maps, "X-Forwarded-For", previous ? `${previous}, ${input.sourceIp}` : input.sourceIp);
  setHeader(maps, "X-Forwarded-Port", String(input.localPort));
  setHeader(maps, "X-Forwarded-Proto", "http");
  if (!findHeader(maps, "X-Amzn-Trace-Id"))
    setHeader(maps, "X-Amzn-Trace-Id", traceId(input.requestTimeEpoch));
}

export function queryMaps(rawQuery: string): {
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    setOwnMember(single, name, value);
    const values = ownMember(multi, name);
    if (values) values.push(value);
    else setOwnMember(multi, name, [value]);
  }
  const empty = Object.keys(single).length === 0;
  return {
    queryStringParameters: empty ? null : single,
    multiValueQueryStringParameters: empty ? null : multi,
  };
}

const TEXTUAL_TYPES = [
  /^text\//,
  /^application\/json$/,
  /^application\/[^/]+\+json$/,
  /^application\/x-www-form-urlencoded$/,
  /^application\/xml$/,
  /^application\/[^/]+\+xml$/,
];

export function isTextualContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  return mediaType !== undefined && TEXTUAL_TYPES.some((pattern) => pattern.test(mediaType));
}

export interface EventBody {
  body: string | null;
  isBase64Encoded: boolean;
}

/**
 * With binary media types in the stage's definition, as API Gateway does: a body whose Content-Type
 * matches one travels base64-encoded, any other as UTF-8 text. Without, everything that is not
 * declared textual travels base64-encoded, like a `*\/*` binary media type.
 * `undefined` for a text body that is not valid UTF-8: it has no faithful text form, and decoding
 * it leniently would hand the handler U+FFFD in place of what the client sent.
 */
export function encodeEventBody(
  body: Buffer,
  contentType: string | undefined,
  binaryMediaTypes?: readonly string[],
): EventBody | undefined {
  if (body.length === 0) return { body: null, isBase64Encoded: false };
  const binary = binaryMediaTypes
    ? isBinaryMediaType(contentType, binaryMediaTypes)
    : !isTextualContentType(contentType);
  if (binary) return { body: body.toString("base64"), isBase64Encoded: true };
  const text = decodeUtf8(body);
  return text === undefined ? undefined : { body: text, isBase64Encoded: false };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `requestContext.requestTime` uses the CLF timestamp format, e.g. `09/Apr/2015:12:34:56 +0000`. */
export function formatRequestTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}`;
  return `${day}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** API Gateway's resource ids are short and stable per resource; a hash keeps them stable across restarts. */
function resourceId(resource: string): string {
  return createHash("sha256").update(resource).digest("hex").slice(0, 6);
}

/** The event API Gateway would send; `undefined` when a textual body is not valid UTF-8 (see `encodeEventBody`). */
export function buildProxyEvent(input: ProxyEventInput): APIGatewayProxyEvent | undefined {
  const maps = headerMaps(input.rawHeaders);
  addGatewayHeaders(maps, input);
  const hostKey = findHeader(maps, "Host");
  const domainName = (hostKey && maps.headers[hostKey]) || "localhost";
  const userAgentKey = findHeader(maps, "User-Agent");
  const contentTypeKey = findHeader(maps, "Content-Type");
  const body = encodeEventBody(
    input.body,
    contentTypeKey ? maps.headers[contentTypeKey] : undefined,
    input.binaryMediaTypes,
  );
  if (!body) return undefined;
  const hasPathParameters = Object.keys(input.pathParameters).length > 0;

  return {
    resource: input.resource,
    path: input.path,
    httpMethod: input.method,
    headers: maps.headers,
    multiValueHeaders: maps.multiValueHeaders,
    ...queryMaps(input.rawQuery),
    pathParameters: hasPathParameters ? { ...input.pathParameters } : null,
    stageVariables: { ...input.stageVariables },
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      // Absent in production for public methods; `undefined` disappears the same way once serialised.
      authorizer: input.claims ? { claims: { ...input.claims } } : undefined,
      domainName,
      domainPrefix: domainName.split(".")[0]?.split(":")[0] ?? domainName,
      extendedRequestId: randomBytes(6).toString("base64url"),
      httpMethod: input.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: input.sourceIp,
        user: null,
        userAgent: userAgentKey ? (maps.headers[userAgentKey] ?? null) : null,
        userArn: null,
      },
      // Through a custom domain base path mapping this is the path as requested, without the stage name.
      path: input.path,
      protocol: input.protocol,
      requestId: input.requestId,
      requestTime: formatRequestTime(input.requestTimeEpoch),
      requestTimeEpoch: input.requestTimeEpoch,
      resourceId: resourceId(input.resource),
      resourcePath: input.resource,
      stage: input.stage,
    },
    ...body,
  };
}
