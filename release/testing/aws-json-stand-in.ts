import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AwsJsonError, type JsonOperation } from "./aws-json-protocol.js";
import { codeDeployOperations } from "./codedeploy-operations.js";
import { CodeDeployState } from "./codedeploy-stand-in.js";
import { SsmState, ssmOperations } from "./ssm-stand-in.js";

interface Service {
  /** The `X-Amz-Target` prefix before the dot, as the service's API model names it. */
  targetPrefix: string;
  /** The service name in the SigV4 credential scope. */
  signingName: string;
  operations: Record<string, JsonOperation>;
}

export interface AwsJsonStandIn {
  /** Pass as the SDK client's `endpoint`. */
  endpoint: string;
  ssm: SsmState;
  codeDeploy: CodeDeployState;
  close(): Promise<void>;
}

/**
 * A stand-in for SSM Parameter Store and CodeDeploy (Lambda deployments) on one local port, speaking
 * the AWS JSON 1.1 protocol both services use: `POST /`, `X-Amz-Target: <prefix>.<Operation>`, a JSON
 * body, errors as 400 with `__type`. State is kept per region, taken from the SigV4 credential scope,
 * so one endpoint serves every region. Signatures are parsed, not verified.
 */
export async function startAwsJsonStandIn(options: { port?: number } = {}): Promise<AwsJsonStandIn> {
  const ssm = new SsmState();
  const codeDeploy = new CodeDeployState();
  const services: Service[] = [
    { targetPrefix: "AmazonSSM", signingName: "ssm", operations: ssmOperations(ssm) },
    {
      targetPrefix: "CodeDeploy_20141006",
      signingName: "codedeploy",
      operations: codeDeployOperations(codeDeploy),
    },
  ];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        respond(response, 200, handle(services, request, Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        const failure =
          error instanceof AwsJsonError
            ? error
            : new AwsJsonError("InternalFailure", (error as Error).message, 500);
        respond(response, failure.status, { __type: failure.type, message: failure.message });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    ssm,
    codeDeploy,
    close: () =>
      new Promise<void>((resolve, reject) => {
        codeDeploy.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function handle(services: Service[], request: IncomingMessage, body: string): unknown {
  const target = String(request.headers["x-amz-target"] ?? "");
  const [prefix = "", operation = ""] = target.split(".");
  const service = services.find((item) => item.targetPrefix === prefix);
  const run = request.method === "POST" ? service?.operations[operation] : undefined;
  // AWS answers an unknown target with this type and no detail; the message here names what was asked.
  if (!service || !run) {
    throw new AwsJsonError(
      "UnknownOperationException",
      `The stand-in does not implement ${request.method} ${target || "(no X-Amz-Target)"}`,
    );
  }
  return run(signingRegion(request.headers.authorization, service.signingName), parseBody(body));
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261202/eu-west-1/ssm/aws4_request, ...` → `eu-west-1`. */
function signingRegion(authorization: string | undefined, signingName: string): string {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  if (!scope) throw new AwsJsonError("MissingAuthenticationTokenException", "Missing Authentication Token");
  if (scope[2] !== signingName) {
    throw new AwsJsonError(
      "InvalidSignatureException",
      `Credential should be scoped to correct service: '${signingName}'.`,
    );
  }
  return scope[1]!;
}

function parseBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = body ? JSON.parse(body) : {};
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the same error AWS gives for a body that is not a JSON object.
  }
  throw new AwsJsonError("SerializationException", "Request body is not a JSON object");
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": randomUUID(),
  });
  response.end(text);
}
