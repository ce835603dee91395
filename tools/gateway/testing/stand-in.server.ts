import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PatchOperation } from "@aws-sdk/client-api-gateway";
import type { JsonObject } from "../definition/json.util.js";
import { badRequest, StandInError } from "./stand-in.error.js";
import { type DeploymentRequest, describeApi, describeStage, StandInState } from "./stand-in.state.js";

export interface RecordedRequest {
  region: string;
  operation: string;
  apiId?: string;
  stage?: string;
}

export interface Fault {
  operation: string;
  region?: string;
  /** How many matching calls fail; each one is consumed. */
  times: number;
  status: number;
  type: string;
  message: string;
}

export interface GatewayStandIn {
  /** Pass as the SDK's `endpoint` or the CLI's `--endpoint-url`. */
  url: string;
  state: StandInState;
  requests: RecordedRequest[];
  /** Fails the next `times` calls of `operation` with this error, e.g. to exercise retries. */
  inject(fault: Omit<Fault, "times"> & { times?: number }): void;
  /** Answers the next `times` calls with 429 TooManyRequestsException, as API Gateway throttles. */
  throttle(operation: string, times: number, region?: string): void;
  /** Drops every fault not yet consumed. */
  clearFaults(): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  handle: (context: RouteContext) => { status: number; body: unknown; headers?: Record<string, string> };
}

interface RouteContext {
  region: string;
  params: string[];
  query: URLSearchParams;
  body: string;
  headers: IncomingMessage["headers"];
  state: StandInState;
}

const ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/";

const routes: Route[] = [
  {
    method: "GET",
    pattern: /^\/restapis$/,
    operation: "GetRestApis",
    handle: ({ region, query, state }) => {
      const all = [...state.apis(region).values()];
      const limit = Math.min(Number(query.get("limit") ?? 25) || 25, 500);
      const start = Number(query.get("position") ?? 0) || 0;
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? { position: String(start + limit) } : {};
      return { status: 200, body: { item: page.map(describeApi), ...next } };
    },
  },
  {
    method: "POST",
    pattern: /^\/restapis$/,
    operation: "ImportRestApi",
    handle: ({ region, query, body, state }) => {
      if (query.get("mode") !== "import")
        throw badRequest("CreateRestApi is not implemented by the stand-in");
      const types = (query.get("endpointConfigurationTypes") ?? "").split(",").filter(Boolean);
      return {
        status: 201,
        body: state.importApi(region, body, query.get("failonwarnings") === "true", types),
      };
    },
  },
  {
    method: "GET",
    pattern: /^\/restapis\/([^/]+)$/,
    operation: "GetRestApi",
    handle: ({ region, params, state }) => ({
      status: 200,
      body: describeApi(state.api(region, params[0]!)),
    }),
  },
  {
    method: "PUT",
    pattern: /^\/restapis\/([^/]+)$/,
    operation: "PutRestApi",
    handle: ({ region, params, query, body, state }) => ({
      status: 200,
      body: state.putApi(
        region,
        params[0]!,
        body,
        query.get("mode") ?? "merge",
        query.get("failonwarnings") === "true",
      ),
    }),
  },
  {
    method: "DELETE",
    pattern: /^\/restapis\/([^/]+)$/,
    operation: "DeleteRestApi",
    handle: ({ region, params, state }) => {
      state.api(region, params[0]!);
      state.apis(region).delete(params[0]!);
      return { status: 202, body: {} };
    },
  },
  {
    method: "POST",
    pattern: /^\/restapis\/([^/]+)\/deployments$/,
    operation: "CreateDeployment",
    handle: ({ region, params, body, state }) => ({
      status: 201,
      body: state.createDeployment(region, params[0]!, parseJson(body) as DeploymentRequest),
    }),
  },
  {
    method: "GET",
    pattern: /^\/restapis\/([^/]+)\/stages$/,
    operation: "GetStages",
    handle: ({ region, params, state }) => ({
      status: 200,
      body: { item: [...state.api(region, params[0]!).stages.values()].map(describeStage) },
    }),
  },
  {
    method: "GET",
    pattern: /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
    operation: "GetStage",
    handle: ({ region, params, state }) => ({
      status: 200,
      body: describeStage(state.stage(region, params[0]!, params[1]!)),
    }),
  },
  {
    method: "PATCH",
    pattern: /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
    operation: "UpdateStage",
    handle: ({ region, params, body, state }) => {
      const { patchOperations = [] } = parseJson(body) as { patchOperations?: PatchOperation[] };
      return {
        status: 200,
        body: describeStage(state.updateStage(region, params[0]!, params[1]!, patchOperations)),
      };
    },
  },
  {
    method: "GET",
    pattern: /^\/restapis\/([^/]+)\/stages\/([^/]+)\/exports\/([^/]+)$/,
    operation: "GetExport",
    handle: ({ region, params, query, headers, state }) => {
      const extensions = (query.get("extensions") ?? "").split(",").filter(Boolean);
      const document = state.exportStage(region, params[0]!, params[1]!, params[2]!, extensions);
      const accept = String(headers.accept ?? "application/json");
      if (!accept.includes("application/json") && !accept.includes("*/*")) {
        throw badRequest(`Export as '${accept}' is not implemented by the stand-in; accept application/json`);
      }
      return {
        status: 200,
        body: document,
        headers: { "content-disposition": `attachment; filename="${params[0]}-${params[1]}-oas30.json"` },
      };
    },
  },
];

/**
 * A stand-in for the API Gateway control plane: an HTTP server speaking the REST-JSON wire format
 * the real `@aws-sdk/client-api-gateway` uses, with APIs kept in memory per region (the region comes
 * from the SigV4 credential scope, so one endpoint serves every region). Signatures are not verified.
 */
export async function startGatewayStandIn(
  options: { port?: number; accountId?: string } = {},
): Promise<GatewayStandIn> {
  const state = new StandInState(options.accountId);
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        respond(response, handle(request, Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        const failure =
          error instanceof StandInError
            ? error
            : new StandInError(500, "InternalFailure", (error as Error).message);
        respond(response, {
          status: failure.status,
          body: { message: failure.message },
          headers: { "x-amzn-errortype": `${failure.type}${ERROR_TYPE_SUFFIX}` },
        });
      }
    });
  });

  function handle(request: IncomingMessage, body: string) {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const region = signingRegion(request.headers.authorization);
    const path = decodeURIComponent(url.pathname);
    for (const route of routes) {
      const match = route.method === request.method ? route.pattern.exec(path) : null;
      if (!match) continue;
      const params = match.slice(1);
      requests.push({
        region,
        operation: route.operation,
        ...(params[0] ? { apiId: params[0] } : {}),
        ...(params[1] ? { stage: params[1] } : {}),
      });
      const fault = faults.find(
        (item) => item.operation === route.operation && (!item.region || item.region === region),
      );
      if (fault) {
        fault.times -= 1;
        if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
        throw new StandInError(fault.status, fault.type, fault.message);
      }
      return route.handle({ region, params, query: url.searchParams, body, headers: request.headers, state });
    }
    throw new StandInError(
      404,
      "UnknownOperationException",
      `The stand-in does not implement ${request.method} ${path}`,
    );
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    inject: (fault) => faults.push({ times: 1, ...fault }),
    throttle: (operation, times, region) =>
      faults.push({
        operation,
        times,
        status: 429,
        type: "TooManyRequestsException",
        message: "Too Many Requests",
        ...(region ? { region } : {}),
      }),
    clearFaults: () => {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-west-2/apigateway/aws4_request, ...` → `us-west-2`. */
function signingRegion(authorization: string | undefined): string {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  if (!scope)
    throw new StandInError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
  if (scope[2] !== "apigateway") {
    throw new StandInError(
      403,
      "InvalidSignatureException",
      `Credential should be scoped to 'apigateway', not '${scope[2]}'`,
    );
  }
  return scope[1]!;
}

function parseJson(body: string): JsonObject {
  try {
    return body ? (JSON.parse(body) as JsonObject) : {};
  } catch {
    throw badRequest("Invalid JSON in request body");
  }
}

function respond(
  response: ServerResponse,
  result: { status: number; body: unknown; headers?: Record<string, string> },
): void {
  const text = JSON.stringify(result.body);
  response.writeHead(result.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": crypto.randomUUID(),
    ...result.headers,
  });
  response.end(text);
}
