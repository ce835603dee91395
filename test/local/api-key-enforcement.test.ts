import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalApiKey } from "../../src/settings/api-keys.js";
import { type RunningStage, startStage } from "../api/running-stage.js";

const repoRoot = join(import.meta.dirname, "../..");
const throttledResponse = JSON.parse(readFileSync(join(repoRoot, "gateway/v2.gen.json"), "utf8"))[
  "x-amazon-apigateway-gateway-responses"
].THROTTLED;

const slowKey: LocalApiKey = {
  name: "slow",
  value: "slowTestKeyValue00000001",
  tier: { rateLimit: 1, burstLimit: 1 },
};

describe("the local stage meters API keys on its usage plans", () => {
  let stage: RunningStage;
  let now = Date.UTC(2026, 11, 3, 12);
  beforeAll(async () => {
    stage = await startStage({ apiKeys: [slowKey], clock: () => now });
  });
  afterAll(() => stage?.close());

  const list = (headers: Record<string, string> = { "x-api-key": slowKey.value }) =>
    fetch(`${stage.origin}/v2/wineries?near=1,1&radius=10`, { headers });

  it("throttles a key over its rate with the gateway's THROTTLED answer, and admits it again a second later", async () => {
    expect((await list()).status).toBe(200);
    const throttled = await list();
    expect(throttled.status).toBe(Number(throttledResponse.statusCode));
    expect(throttled.headers.get("retry-after")).toBe(
      throttledResponse.responseParameters["gatewayresponse.header.Retry-After"].slice(1, -1),
    );
    expect(throttled.headers.get("content-type")).toBe("application/problem+json");
    expect(await throttled.json()).toMatchObject({ type: "https://cellar.dev/problems/too-many-requests" });
    now += 1_000;
    expect((await list()).status).toBe(200);
  });

  it("accepts only the keys it was given", async () => {
    const refused = await list({ "x-api-key": "cellarLocalAppKey0000000000000001" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ type: "https://cellar.dev/problems/invalid-api-key" });
  });

  it("asks no key of v1, nor of /v2/ping", async () => {
    expect((await fetch(`${stage.origin}/v1/wineries?lat=1&lng=1`)).status).toBe(200);
    expect((await fetch(`${stage.origin}/v2/ping`)).status).toBe(200);
  });
});
