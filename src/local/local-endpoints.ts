import type { ServerResponse } from "node:http";
import { DOCS_URL_PATH } from "../../codegen/layout.js";
import type { CognitoConfig } from "../../examples/mobile-web/src/app-config.js";
import { nestsDeeperThan, TOO_DEEP_DETAIL, TOO_DEEP_ERROR } from "../runtime/json-depth.js";
import { decodeUtf8, INVALID_UTF8_DETAIL, INVALID_UTF8_ERROR } from "../runtime/utf8.js";
import { APP_CONFIG_PATH, localAppConfig, sendAppConfig } from "./app-config-endpoint.js";
import { rejectUnreadableBody } from "./body-rejection.js";
import type { CorsPolicy } from "./cors-policy.js";
import type { LocalIssuer } from "./local-issuer.js";
import type { MountedStage } from "./mounted-stage.js";
import { problem, sendProblem } from "./problem.js";
import { readRequestBody } from "./request-body.js";
import type { RequestScope } from "./request-scope.js";
import { parseTokenRequest } from "./token-request.js";

export const TOKEN_PATH = "/_local/token";
export const JWKS_PATH = "/_local/jwks.json";
/** Where the docs are served: the one definition codegen also links the pages by. */
export const DOCS_PATH = DOCS_URL_PATH;

const TOKEN_BODY_LIMIT = 64 * 1024;

export interface LocalEndpointsOptions {
  issuer: LocalIssuer;
  cors: CorsPolicy;
  stages: readonly MountedStage[];
  tokenEndpointEnabled: boolean;
  bodyTimeoutMs: number;
  /** Whether the docs are generated (a static mount serves them under DOCS_PATH). */
  docsAvailable?: () => boolean;
  /** The user pool `/config.json` points the demo app at. */
  cognito?: CognitoConfig;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const payload = Buffer.from(JSON.stringify(value));
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", payload.length);
  res.end(payload);
}

function methodNotAllowed(scope: RequestScope, allow: string): void {
  sendProblem(scope.res, problem("method-not-allowed", `${scope.path} only supports ${allow}`, scope.path), {
    headers: { Allow: allow },
  });
}

function isRead(scope: RequestScope): boolean {
  return scope.req.method === "GET" || scope.req.method === "HEAD";
}

async function issueToken(scope: RequestScope, options: LocalEndpointsOptions): Promise<void> {
  if (scope.req.method !== "POST") return methodNotAllowed(scope, "POST");
  const limits = { maxBytes: TOKEN_BODY_LIMIT, timeoutMs: options.bodyTimeoutMs };
  const body = await readRequestBody(scope.req, limits);
  if (!body.ok) return rejectUnreadableBody(scope, body, limits);
  const text = decodeUtf8(body.body);
  if (text === undefined) {
    const invalid = problem("bad-request", INVALID_UTF8_DETAIL, scope.path, [INVALID_UTF8_ERROR]);
    return sendProblem(scope.res, invalid);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return sendProblem(scope.res, problem("bad-request", "The body is not valid JSON", scope.path));
  }
  if (nestsDeeperThan(parsed)) {
    return sendProblem(scope.res, problem("bad-request", TOO_DEEP_DETAIL, scope.path, [TOO_DEEP_ERROR]));
  }
  const request = parseTokenRequest(parsed);
  if (!request.ok) return sendProblem(scope.res, problem("bad-request", request.detail, scope.path));
  sendJson(scope.res, 200, { token: await options.issuer.issueToken(request.input) });
}

function baseUrl(scope: RequestScope): string {
  return `http://${scope.req.headers.host ?? "localhost"}`;
}

function index(scope: RequestScope, options: LocalEndpointsOptions): void {
  const base = baseUrl(scope);
  sendJson(scope.res, 200, {
    name: "cellar local stage",
    stages: options.stages.map((stage) => ({
      basePath: `/${stage.basePath}`,
      stage: stage.stage,
      stageVariables: stage.stageVariables,
      url: `${base}/${stage.basePath}`,
      routes: stage.router.routes().map((route) => `${route.method} ${route.resource}`),
    })),
    docs: options.docsAvailable?.() ? `${base}${DOCS_PATH}/` : null,
    token: options.tokenEndpointEnabled ? `${base}${TOKEN_PATH}` : null,
    jwks: `${base}${JWKS_PATH}`,
    appConfig: `${base}${APP_CONFIG_PATH}`,
  });
}

/** Answers the stage's own endpoints; returns false when the path is not one of them. */
export async function serveLocalEndpoint(
  scope: RequestScope,
  options: LocalEndpointsOptions,
): Promise<boolean> {
  switch (scope.path) {
    case "/":
      if (!isRead(scope)) methodNotAllowed(scope, "GET, HEAD");
      else index(scope, options);
      return true;
    case TOKEN_PATH:
      if (!options.tokenEndpointEnabled) {
        // Indistinguishable from any other unknown path: production must not even hint at a token mint.
        sendProblem(scope.res, problem("not-found", `No resource matches ${scope.path}`, scope.path));
      } else if (options.cors.isPreflight(scope.req)) {
        // Lets a browser front end fetch tokens from another local origin.
        options.cors.answerPreflight(scope.req, scope.res, {
          statusCode: 204,
          headers: {},
          allowMethods: ["POST"],
        });
      } else {
        await issueToken(scope, options);
      }
      return true;
    case JWKS_PATH:
      if (!isRead(scope)) methodNotAllowed(scope, "GET, HEAD");
      else sendJson(scope.res, 200, options.issuer.publicJwks());
      return true;
    case APP_CONFIG_PATH:
      if (!isRead(scope)) methodNotAllowed(scope, "GET, HEAD");
      else sendAppConfig(scope.res, await localAppConfig(baseUrl(scope), options.cognito));
      return true;
    default:
      return false;
  }
}
