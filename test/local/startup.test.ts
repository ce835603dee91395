import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBanner } from "../../src/local/banner.js";
import { GatewayDefinitionError } from "../../src/local/gateway-definition.js";
import { loadGateways, readOptionalText } from "../../src/local/load-gateways.js";
import { createLocalIssuer } from "../../src/local/local-issuer.js";
import { createLocalStage } from "../../src/local/server.js";
import { STAGE_MAPPINGS, stageForBasePath } from "../../src/local/stages.js";
import { describeSeeding } from "../../src/local/startup-config.js";
import { readLocalStageSettings } from "../../src/settings/local-stage-settings.js";
import { gatewayFixture } from "./support/gateway-fixture.js";

const quiet = { info: () => {}, error: () => {} };

describe("stages", () => {
  it("mirrors the production base path mappings", () => {
    expect(STAGE_MAPPINGS).toEqual([
      { basePath: "v1", stage: "prodv1", stageVariables: { alias: "v1" } },
      { basePath: "v2", stage: "prodv2", stageVariables: { alias: "v2" } },
    ]);
    expect(() => stageForBasePath("v3")).toThrow(/No stage is mapped to base path "v3"/);
  });
});

describe("startup configuration", () => {
  it("reads PORT and HOST with safe defaults", () => {
    expect(readLocalStageSettings({}, "/data")).toEqual({ port: 3000, host: "127.0.0.1", dataDir: "/data" });
    expect(readLocalStageSettings({ PORT: "8080", HOST: "0.0.0.0", DATA_DIR: "/tmp/d" })).toEqual({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/tmp/d",
    });
    expect(() => readLocalStageSettings({ PORT: "http" })).toThrow(/PORT/);
    expect(() => readLocalStageSettings({ PORT: "70000" })).toThrow(/PORT/);
  });

  it("describes the seeding result", () => {
    expect(describeSeeding(46)).toBe("Seeded 46 sample wineries");
    expect(describeSeeding(0)).toBe("Sample wineries already present, nothing seeded");
    expect(describeSeeding([1, 2])).toBe("Seeded 2 sample wineries");
  });

  it("prints the URLs and a curl example for the token endpoint", () => {
    const banner = formatBanner({
      port: 3000,
      basePaths: ["v1", "v2"],
      hasDocs: true,
      tokenEndpointEnabled: true,
    });
    for (const url of [
      "http://localhost:3000/v1/ping",
      "http://localhost:3000/v2/ping",
      "http://localhost:3000/docs/",
    ]) {
      expect(banner).toContain(url);
    }
    expect(banner).toContain("curl -s -X POST http://localhost:3000/_local/token");
    expect(
      formatBanner({ port: 3000, basePaths: ["v1"], hasDocs: false, tokenEndpointEnabled: false }),
    ).not.toContain("_local/token");
  });

  it("names the user pool the stage trusts, and only when there is one", () => {
    const base = { port: 3000, basePaths: ["v1"], hasDocs: false, tokenEndpointEnabled: true };
    expect(formatBanner({ ...base, cognitoPool: "http://localhost:9229/local_1" })).toContain(
      "Trusts user pool http://localhost:9229/local_1",
    );
    expect(formatBanner(base)).not.toContain("user pool");
  });
});

describe("loading gateway definitions", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "cellar-gateways-"));
    await mkdir(join(root, "gateway"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("loads one definition per base path mapping", async () => {
    await writeFile(join(root, "gateway", "v1.gen.json"), JSON.stringify(gatewayFixture("V1")));
    await writeFile(join(root, "gateway", "v2.gen.json"), JSON.stringify(gatewayFixture("V2")));
    const gateways = await loadGateways(root);
    expect(gateways.map((gateway) => gateway.basePath)).toEqual(["v1", "v2"]);
    expect(Object.keys(gateways[0]!.definition.paths)).toContain("/wineries/{wineryId}");
  });

  it("says to run codegen when a definition is missing, and rejects broken ones", async () => {
    await expect(
      loadGateways(root, [{ basePath: "v9", stage: "prodv9", stageVariables: {} }]),
    ).rejects.toThrow(/npm run codegen/);
    await writeFile(join(root, "gateway", "v1.gen.json"), JSON.stringify({ openapi: "3.0.1" }));
    await expect(loadGateways(root)).rejects.toThrow(GatewayDefinitionError);
    expect(await readOptionalText(join(root, "docs", "index.gen.html"))).toBeUndefined();
  });
});

describe("mounting", () => {
  it("refuses to start when a routed function has no handler", async () => {
    const issuer = await createLocalIssuer({ issuerUrl: "http://localhost:1/_local" });
    const handlers = { pingV1: async () => ({ statusCode: 200, body: "" }) };
    expect(() =>
      createLocalStage({
        gateways: [{ basePath: "v1", definition: gatewayFixture("V1") }],
        handlers,
        issuer,
        logger: quiet,
      }),
    ).toThrow(/no handler registered for cellar-listWineriesV1/);
  });

  it("refuses a base path production does not map", async () => {
    const issuer = await createLocalIssuer({ issuerUrl: "http://localhost:1/_local" });
    expect(() =>
      createLocalStage({
        gateways: [{ basePath: "v3", definition: { paths: {} } }],
        handlers: {},
        issuer,
        logger: quiet,
      }),
    ).toThrow(/v3/);
  });
});
