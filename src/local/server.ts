import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import type { CognitoConfig } from "../../examples/mobile-web/src/app-config.js";
import { readRuntimeSettings } from "../runtime/runtime-settings.js";
import { answerClientError } from "./client-error.js";
import { trustCognitoPool } from "./cognito-pool-trust.js";
import { createCorsPolicy, localCorsOrigins } from "./cors-policy.js";
import { proxyToStage } from "./gateway-proxy.js";
import type { HandlerRegistry, LambdaHandler } from "./handler-registry.js";
import { INTEGRATION_TIMEOUT_MS } from "./lambda-context.js";
import { DOCS_PATH, serveLocalEndpoint } from "./local-endpoints.js";
import type { LocalIssuer } from "./local-issuer.js";
import { consoleLogger, formatRequestLine, type Logger } from "./logger.js";
import { type GatewayMount, type MountedStage, mountStage } from "./mounted-stage.js";
import { problem, sendProblem } from "./problem.js";
import { type RequestScope, splitRequestTarget } from "./request-scope.js";
import { type StaticMount, serveStatic } from "./static-site.js";

/**
 * API Gateway's REST API payload limit, 10 MB, which the local stage enforces like the gateway before
 * the handler's own (smaller) per-operation limit applies.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 */
export const GATEWAY_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/**
 * Node enforces `headersTimeout` and `requestTimeout` only when it sweeps its connections, every
 * 30 s by default, so a slow-loris trickling its headers kept its socket for up to 40 s against a
 * 10 s limit. Sweeping at a tenth of the headers timeout (at most every second, at least every
 * 10 ms) closes it within 10% of the limit.
 */
export function connectionsCheckingInterval(headersTimeoutMs: number): number {
  return Math.min(1_000, Math.max(10, Math.floor(headersTimeoutMs / 10)));
}

export interface LocalStageOptions<H = Record<string, LambdaHandler>> {
  gateways: readonly GatewayMount[];
  handlers: HandlerRegistry<H>;
  issuer: LocalIssuer;
  logger?: Logger;
  /** Origins that get `Access-Control-Allow-Origin`; defaults to `CORS_ORIGINS` or `http://localhost:<PORT>`. */
  corsOrigins?: readonly string[];
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  /** How long a client may take to send its request line and headers before a 408; default 10 s. */
  headersTimeoutMs?: number;
  handlerTimeoutMs?: number;
  /** The built demo app (`examples/mobile-web/dist`), served at `/app/`. */
  appDir?: string;
  /**
   * The generated docs folder, served under /docs: `/docs/v2/` serves `v2/index.gen.html`,
   * `/docs/v2/sdk.html` `v2/sdk.gen.html`, `/docs/v2/openapi.json` `v2/openapi.gen.json`.
   */
  docsDir?: string;
  /** Region in the fake Lambda context's ARNs. */
  region?: string;
  /** `POST /_local/token`; default: outside production. A rehearsed region has no such endpoint, like AWS. */
  tokenEndpoint?: boolean;
  /** A user pool (cognito-local) whose ID tokens the stage trusts too, and `/config.json` names. */
  cognito?: CognitoConfig;
}

function splitBasePath(path: string): { basePath: string; rest: string } {
  const slash = path.indexOf("/", 1);
  return slash === -1
    ? { basePath: path.slice(1), rest: "" }
    : { basePath: path.slice(1, slash), rest: path.slice(slash) };
}

/** The file a docs folder answers with. */
const DOCS_INDEX = "index.gen.html";

function staticMounts(options: Pick<LocalStageOptions, "appDir" | "docsDir">): StaticMount[] {
  const mounts: StaticMount[] = [];
  if (options.appDir) {
    const missingHint = "The demo app is not built: run `npm run app:build`";
    mounts.push({ prefix: "/app", dir: options.appDir, index: "index.html", missingHint });
  }
  if (options.docsDir) {
    mounts.push({
      prefix: DOCS_PATH,
      dir: options.docsDir,
      index: DOCS_INDEX,
      fileName: (requested) => requested.replace(/\.(html|json)$/, ".gen.$1"),
      missingHint: "The docs are not generated: run `npm run docs`",
    });
  }
  return mounts;
}

/** The local stage: every mounted gateway behind one HTTP server, plus the `/_local` helpers. */
export function createLocalStage<H>(options: LocalStageOptions<H>): Server {
  const logger = options.logger ?? consoleLogger;
  const cors = createCorsPolicy(options.corsOrigins ?? localCorsOrigins());
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const stages = new Map<string, MountedStage>();
  for (const gateway of options.gateways) {
    const stage = mountStage(gateway, options.handlers, logger);
    if (stages.has(stage.basePath)) throw new Error(`Base path /${stage.basePath} is mounted twice`);
    stages.set(stage.basePath, stage);
  }
  const proxyOptions = {
    issuer: trustCognitoPool(options.issuer, options.cognito),
    cors,
    logger,
    maxBodyBytes: options.maxBodyBytes ?? GATEWAY_MAX_PAYLOAD_BYTES,
    bodyTimeoutMs,
    handlerTimeoutMs: options.handlerTimeoutMs ?? INTEGRATION_TIMEOUT_MS,
    region: options.region ?? readRuntimeSettings().region ?? "us-east-1",
  };
  const endpointOptions = {
    issuer: options.issuer,
    cors,
    stages: [...stages.values()],
    // Decided once: flipping NODE_ENV later must not open a token mint on a running server.
    tokenEndpointEnabled: options.tokenEndpoint ?? !readRuntimeSettings().production,
    bodyTimeoutMs,
    docsAvailable: () => options.docsDir !== undefined && existsSync(join(options.docsDir, DOCS_INDEX)),
    ...(options.cognito ? { cognito: options.cognito } : {}),
  };

  const mounts = staticMounts(options);
  for (const mount of mounts) {
    if (stages.has(mount.prefix.slice(1)))
      throw new Error(`Base path ${mount.prefix} is also a static folder`);
  }

  async function dispatch(scope: RequestScope): Promise<void> {
    cors.apply(scope.req, scope.res);
    if (await serveLocalEndpoint(scope, endpointOptions)) return;
    if (await serveStatic(scope, mounts)) return;
    const { basePath, rest } = splitBasePath(scope.path);
    const stage = scope.path.startsWith("/") ? stages.get(basePath) : undefined;
    if (stage) return proxyToStage(scope, stage, rest, proxyOptions);
    sendProblem(scope.res, problem("not-found", `No resource matches ${scope.path}`, scope.path));
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const { path, rawQuery } = splitRequestTarget(req.url);
    const scope: RequestScope = { req, res, requestId: randomUUID(), path, rawQuery, startedAt: Date.now() };
    res.setHeader("x-amzn-RequestId", scope.requestId);
    res.on("close", () => {
      const status = res.writableFinished ? res.statusCode : "aborted";
      logger.info(
        formatRequestLine(
          req.method ?? "-",
          path,
          status,
          Date.now() - scope.startedAt,
          scope.operationId,
          scope.target,
        ),
      );
    });
    dispatch(scope).catch((error: unknown) => {
      logger.error(`${scope.requestId} local stage failure`, error);
      sendProblem(res, problem("internal", "The local stage failed to handle the request", path));
    });
  };

  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      // Our own body deadline answers first with a problem; this is only Node's backstop.
      requestTimeout: bodyTimeoutMs + headersTimeoutMs,
      connectionsCheckingInterval: connectionsCheckingInterval(headersTimeoutMs),
    },
    onRequest,
  );
  // `Expect: 100-continue` (curl does this for large uploads) lets an oversized body be refused before it is sent.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers["content-length"]) > proxyOptions.maxBodyBytes) {
      const { path } = splitRequestTarget(req.url);
      const detail = `The request body exceeds ${proxyOptions.maxBodyBytes} bytes`;
      sendProblem(res, problem("payload-too-large", detail, path), { closeConnection: true });
      logger.info(formatRequestLine(req.method ?? "-", path, 413, 0, undefined));
      return;
    }
    res.writeContinue();
    onRequest(req, res);
  });
  server.on("clientError", answerClientError);
  return server;
}
