import { mkdtemp, rm } from "node:fs/promises";
import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import type { LambdaHandler } from "../../../src/local/handler-registry.js";
import { createLocalIssuer, type LocalIssuer, localIssuerUrl } from "../../../src/local/local-issuer.js";
import type { Logger } from "../../../src/local/logger.js";
import { createLocalStage, type LocalStageOptions } from "../../../src/local/server.js";
import { FIXTURE_OPERATIONS, gatewayFixture } from "./gateway-fixture.js";

export interface Invocation {
  operationId: string;
  event: APIGatewayProxyEvent;
  context: Context;
  remainingAtStart: number;
}

export type Responder = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown> | unknown;

export interface HarnessOptions extends Partial<Omit<LocalStageOptions, "handlers" | "issuer" | "gateways">> {
  /** Per-operationId override of what the handler does; the default echoes a small JSON body. */
  responders?: Record<string, Responder>;
  dataDir?: string;
}

export interface Harness {
  server: Server;
  port: number;
  origin: string;
  issuer: LocalIssuer;
  dataDir: string;
  invocations: Invocation[];
  logs: string[];
  errors: Array<{ message: string; error: unknown }>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const invocations: Invocation[] = [];
  const logs: string[] = [];
  const errors: Array<{ message: string; error: unknown }> = [];
  const logger: Logger = {
    info: (message) => logs.push(message),
    error: (message, error) => errors.push({ message, error }),
  };
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "cellar-local-")));
  let port = 0;
  const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port), dataDir });

  const handlers: Record<string, LambdaHandler> = {};
  for (const version of ["V1", "V2"]) {
    for (const base of FIXTURE_OPERATIONS) {
      const operationId = `${base}${version}`;
      handlers[operationId] = async (event, context) => {
        invocations.push({
          operationId,
          event,
          context,
          remainingAtStart: context.getRemainingTimeInMillis(),
        });
        const responder = options.responders?.[operationId];
        if (responder) return (await responder(event, context)) as APIGatewayProxyResult;
        return {
          statusCode: 200,
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ operationId }),
        };
      };
    }
  }

  const { responders: _responders, dataDir: _dataDir, ...stageOptions } = options;
  const server = createLocalStage({
    corsOrigins: ["http://localhost:3000"],
    ...stageOptions,
    logger,
    issuer,
    handlers,
    gateways: [
      { basePath: "v1", definition: gatewayFixture("V1") },
      { basePath: "v2", definition: gatewayFixture("V2") },
    ],
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    issuer,
    dataDir,
    invocations,
    logs,
    errors,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: OutgoingHttpHeaders | Array<[string, string]>;
  body?: string | Buffer;
}

/**
 * A plain node:http client: unlike fetch it sends repeated headers as separate lines and keeps the
 * header-name casing it is given, which the event-shape tests rely on.
 */
export function request(port: number, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    // Raw header arrays bypass node's defaults, Host included, so add it the way node would.
    const headers: OutgoingHttpHeaders | string[] = Array.isArray(options.headers)
      ? ["Host", `127.0.0.1:${port}`, ...options.headers.flat()]
      : { ...options.headers };
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const text = body.toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export async function mintToken(
  harness: Harness,
  body: Record<string, unknown> = { sub: "alice", groups: ["admin", "editor"], email: "alice@example.com" },
): Promise<string> {
  const response = await request(harness.port, "/_local/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 200)
    throw new Error(`token endpoint answered ${response.status}: ${response.text}`);
  return response.json<{ token: string }>().token;
}

export function expectProblemShape(response: HttpResponse): Record<string, unknown> {
  const contentType = response.headers["content-type"];
  if (contentType !== "application/problem+json")
    throw new Error(`not a problem: ${contentType} ${response.text}`);
  return response.json();
}
