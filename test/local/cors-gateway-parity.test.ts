import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayRouter } from "../../src/local/gateway-router.js";
import type { LambdaHandler } from "../../src/local/handler-registry.js";
import { loadGateways } from "../../src/local/load-gateways.js";
import { createLocalIssuer, localIssuerUrl } from "../../src/local/local-issuer.js";
import type { GatewayMount } from "../../src/local/mounted-stage.js";
import { createLocalStage } from "../../src/local/server.js";
import { CORS_ORIGINS_STAGE_VARIABLE, formatCorsOrigins } from "../../src/runtime/cors-origins.js";
import { answerGatewayPreflight, type MockIntegrationResponse } from "../support/gateway-preflight.js";
import { request } from "./support/local-stage-harness.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const CONFIGURED = [
  "https://www.example.org",
  "capacitor://localhost",
  "ionic://localhost",
  "https://localhost",
  "null",
];
const REQUESTED = [
  ...CONFIGURED,
  "http://localhost",
  "https://evil.example",
  "capacitor://local",
  "https://localhost.evil.example",
];
/** What API Gateway itself decides for a preflight; the local stage adds Max-Age, which is only a cache hint. */
const GATEWAY_HEADERS = [
  "access-control-allow-origin",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "vary",
];

/**
 * The local stage and the deployed gateway must answer a browser's preflight alike for the same list
 * of origins: the gateway's answer is worked out from the generated definition (its mock's header
 * mappings, and its mapping template run in a Velocity engine with the `corsOrigins` stage variable
 * the CDK app sets), the local stage's by asking it over HTTP.
 */
describe("CORS preflights: local stage and generated gateway agree", () => {
  let gateways: GatewayMount[];
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    gateways = await loadGateways(repoRoot);
    // Preflights never reach a function, but the stage binds every integration at startup.
    const handlers: Record<string, LambdaHandler> = {};
    for (const { definition } of gateways) {
      for (const route of createGatewayRouter(definition).routes()) {
        if (route.target.type !== "lambda") continue;
        handlers[route.target.functionName.replace(/^cellar-/, "")] = async () => ({
          statusCode: 500,
          body: "",
        });
      }
    }
    const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port) });
    server = createLocalStage({
      gateways,
      handlers,
      issuer,
      corsOrigins: CONFIGURED,
      logger: { info: () => {}, error: () => {} },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const preflights = () =>
    gateways.flatMap(({ basePath, definition }) =>
      Object.entries(definition.paths ?? {}).flatMap(([path, item]) => {
        const integration = (item as Record<string, Record<string, unknown>>).options?.[
          "x-amazon-apigateway-integration"
        ] as { responses?: { default?: MockIntegrationResponse } } | undefined;
        const mock = integration?.responses?.default;
        return mock ? [{ url: `/${basePath}${path.replace(/\{[^}]+\}/g, "1")}`, mock }] : [];
      }),
    );

  it("on every preflight of both versions, for listed, unlisted and look-alike origins", async () => {
    const all = preflights();
    expect(all.length).toBeGreaterThan(10);
    const stageVariables = { alias: "v1", [CORS_ORIGINS_STAGE_VARIABLE]: formatCorsOrigins(CONFIGURED) };
    let echoed = 0;
    for (const { url, mock } of all) {
      for (const origin of REQUESTED) {
        const headers = {
          Origin: origin,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "authorization",
        };
        const gateway = answerGatewayPreflight(mock, { headers, stageVariables });
        const local = await request(port, url, { method: "OPTIONS", headers });
        const label = `${url} from ${origin}`;
        expect(local.status, label).toBe(gateway.statusCode);
        for (const name of GATEWAY_HEADERS)
          expect(local.headers[name], `${label}: ${name}`).toBe(gateway.headers[name]);
        if (gateway.headers["access-control-allow-origin"] !== undefined) echoed++;
      }
    }
    // Not vacuous: every configured origin was echoed on every preflight, and nothing else was.
    expect(echoed).toBe(all.length * CONFIGURED.length);
  });
});
