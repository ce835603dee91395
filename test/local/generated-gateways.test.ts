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
import { STAGE_MAPPINGS } from "../../src/local/stages.js";
import { functionName } from "../../src/topology/topology.js";
import { ALIAS_REFERENCE } from "./support/gateway-fixture.js";
import { request } from "./support/local-stage-harness.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Guards against drift between the codegen's API Gateway output and what the local stage can route.
 * Handlers are stubs: this is about the definitions, not the app.
 */
// The definitions are committed (codegen:check keeps them current): a missing one fails here, never skips.
describe("the generated gateway definitions", () => {
  let gateways: GatewayMount[];
  let server: Server;
  let port = 0;
  const calls: string[] = [];

  beforeAll(async () => {
    gateways = await loadGateways(repoRoot);
    const handlers: Record<string, LambdaHandler> = {};
    for (const { definition } of gateways) {
      for (const route of createGatewayRouter(definition).routes()) {
        if (route.target.type !== "lambda") continue;
        const key = route.target.functionName.replace(functionName(""), "");
        handlers[key] = async (event) => {
          calls.push(`${key} ${event.requestContext.stage}`);
          return { statusCode: 200, body: "{}" };
        };
      }
    }
    const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port) });
    server = createLocalStage({ gateways, handlers, issuer, logger: { info: () => {}, error: () => {} } });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("route every operation to a cellar-<operationId> function qualified by the stage alias", () => {
    for (const { definition } of gateways) {
      for (const route of createGatewayRouter(definition).routes()) {
        if (route.target.type === "lambda") {
          expect(route.target.functionName).toBe(functionName(route.operationId));
          expect(route.target.qualifier).toBe(ALIAS_REFERENCE);
        }
      }
    }
  });

  it("serve /v1/ping and /v2/ping through their own stages", async () => {
    for (const { basePath, stage } of STAGE_MAPPINGS) {
      expect((await request(port, `/${basePath}/ping`)).status).toBe(200);
      expect(calls.at(-1)).toMatch(new RegExp(` ${stage}$`));
    }
  });
});
