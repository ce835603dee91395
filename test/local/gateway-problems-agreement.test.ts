import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATEWAY_PROBLEMS, type GatewayResponseType } from "../../src/runtime/problem-types.js";
import { LOCAL_API_KEYS } from "../../src/settings/api-keys.js";
import { API_VERSIONS } from "../../src/topology/topology.js";
import { type RunningStage, startStage } from "../api/running-stage.js";

interface GatewayResponse {
  statusCode?: string;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
}

const repoRoot = join(import.meta.dirname, "../..");
const gatewayResponses = (version: string): Record<string, GatewayResponse> =>
  JSON.parse(readFileSync(join(repoRoot, "gateway", `${version}.gen.json`), "utf8"))[
    "x-amazon-apigateway-gateway-responses"
  ];

/** What API Gateway would send for `type`, its `$context.error.messageString` standing for `detail`. */
function deployedAnswer(response: GatewayResponse, detail: string) {
  const body = JSON.parse(
    (response.responseTemplates["application/json"] ?? "").replace(
      "$context.error.messageString",
      JSON.stringify(detail),
    ),
  );
  const headers = Object.fromEntries(
    Object.entries(response.responseParameters)
      .filter(([, value]) => value.startsWith("'"))
      .map(([name, value]) => [
        name.replace("gatewayresponse.header.", "").toLowerCase(),
        value.slice(1, -1),
      ]),
  );
  return { status: Number(response.statusCode), body, headers };
}

describe("API Gateway's own errors, deployed and on the local stage", () => {
  let stage: RunningStage;
  beforeAll(async () => {
    stage = await startStage();
  });
  afterAll(() => stage?.close());

  it("generates one gateway response per entry of the shared table, in every version", () => {
    for (const version of API_VERSIONS) {
      expect(Object.keys(gatewayResponses(version)).sort()).toEqual(Object.keys(GATEWAY_PROBLEMS).sort());
    }
  });

  const provoked: Array<[GatewayResponseType, string, (token: string) => RequestInit]> = [
    ["UNAUTHORIZED", "/v2/me", () => ({})],
    ["UNAUTHORIZED", "/v2/me", () => ({ headers: { Authorization: "Bearer not-a-token" } })],
    ["MISSING_AUTHENTICATION_TOKEN", "/v2/no-such-resource", () => ({})],
    [
      "REQUEST_TOO_LARGE",
      "/v2/wineries",
      (token) => ({
        method: "POST",
        body: "x".repeat(11 * 1024 * 1024),
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${token}`,
          "x-api-key": LOCAL_API_KEYS.app.value,
        },
      }),
    ],
    ["INVALID_API_KEY", "/v2/wineries?near=1,1&radius=10", () => ({})],
    [
      "INVALID_API_KEY",
      "/v2/wineries?near=1,1&radius=10",
      () => ({ headers: { "x-api-key": "notAKeyOfAnyPlan0000000000" } }),
    ],
    // The authorizer runs first: a good key does not excuse a missing token, nor a token a missing key.
    ["UNAUTHORIZED", "/v2/me", () => ({ headers: { "x-api-key": LOCAL_API_KEYS.app.value } })],
    ["INVALID_API_KEY", "/v2/me", (token) => ({ headers: { Authorization: `Bearer ${token}` } })],
  ];

  /** Checks a local answer against what every version's generated gateway response would send. */
  async function expectGatewayAnswer(type: GatewayResponseType, response: Response) {
    const local = { status: response.status, body: await response.json() };
    for (const version of API_VERSIONS) {
      const deployed = deployedAnswer(gatewayResponses(version)[type] as GatewayResponse, local.body.detail);
      expect(local.status).toBe(deployed.status);
      expect(local.body).toMatchObject(deployed.body);
      for (const [name, value] of Object.entries(deployed.headers)) {
        expect(response.headers.get(name), name).toBe(value);
      }
    }
  }

  it.each(provoked)(
    "answers %s (%s) exactly as the generated gateway response does",
    async (type, path, init) => {
      const response = await fetch(`${stage.origin}${path}`, init(await stage.token("admin-1", ["admin"])));
      await expectGatewayAnswer(type, response);
    },
  );

  it("answers QUOTA_EXCEEDED, Retry-After included, once the low-quota key's quota is spent", async () => {
    const { value, tier } = LOCAL_API_KEYS.lowQuota;
    const read = () =>
      fetch(`${stage.origin}/v2/wineries?near=1,1&radius=10`, { headers: { "x-api-key": value } });
    for (let used = 0; used < tier.quota.limit; used++) expect((await read()).status).toBe(200);
    const over = await read();
    expect(over.headers.get("retry-after")).toBe("3600");
    await expectGatewayAnswer("QUOTA_EXCEEDED", over);
  });
});
