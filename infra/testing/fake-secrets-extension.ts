import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSecretsExtension {
  port: number;
  /** Every request: path with query, and the token header the extension requires. */
  requests: Array<{ url: string; token: string | undefined }>;
  close(): Promise<void>;
}

/** Answers like the AWS Parameters and Secrets Lambda Extension does on localhost:2773. */
export async function startFakeSecretsExtension(
  secrets: Record<string, unknown>,
  options: { status?: number } = {},
): Promise<FakeSecretsExtension> {
  const requests: FakeSecretsExtension["requests"] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const token = request.headers["x-aws-parameters-secrets-token"];
    requests.push({
      url: `${url.pathname}${url.search}`,
      token: typeof token === "string" ? token : undefined,
    });
    const secret = secrets[url.searchParams.get("secretId") ?? ""];
    const status = options.status ?? (secret === undefined ? 400 : 200);
    response.writeHead(status, { "content-type": "application/json" });
    response.end(status === 200 ? JSON.stringify({ SecretString: JSON.stringify(secret) }) : "{}");
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
