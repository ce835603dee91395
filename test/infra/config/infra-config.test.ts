import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deploymentConfig } from "../../../infra/config/deployment.config.js";
import {
  GLOBAL_DATABASE_MIN_CAPACITY,
  INFRA_DEFAULTS,
  type InfraConfigInput,
  MAX_GATE_TIMEOUT_MINUTES,
} from "../../../infra/config/infra-config.js";
import { loadInfraConfig } from "../../../infra/config/load-config.js";
import { testConfig } from "../../../infra/testing/test-app.js";
import { makeTestTempDir } from "../../support/test-temp-dirs.js";

describe("infra config", () => {
  it("fills the production defaults: 1024 MB functions, RDS Proxy, three health-check regions", () => {
    const config = testConfig();
    expect(config.lambda.memorySize).toBe(1024);
    expect(config.database.proxy).toBe(true);
    expect(config.healthCheckRegions).toEqual(INFRA_DEFAULTS.healthCheckRegions);
    expect(config.name).toBe("cellar");
  });

  it("puts both clusters' floor at AWS's 8 ACU for a global database by default, with room to scale above it", () => {
    expect(testConfig().database).toMatchObject({
      minCapacity: { primary: GLOBAL_DATABASE_MIN_CAPACITY, secondary: GLOBAL_DATABASE_MIN_CAPACITY },
      maxCapacity: 32,
    });
    expect(GLOBAL_DATABASE_MIN_CAPACITY).toBe(8);
  });

  it("takes one floor for every cluster, or one per role", () => {
    expect(testConfig({ database: { minCapacity: 0.5 } }).database.minCapacity).toEqual({
      primary: 0.5,
      secondary: 0.5,
    });
    expect(testConfig({ database: { minCapacity: { secondary: 2 } } }).database.minCapacity).toEqual({
      primary: 8,
      secondary: 2,
    });
  });

  it("releases by CANARY_10PERCENT_5MINUTES and lets the gate wait as long as its Lambda timeout allows", () => {
    expect(testConfig().release).toEqual({
      trafficShifting: "CANARY_10PERCENT_5MINUTES",
      gateTimeoutMinutes: MAX_GATE_TIMEOUT_MINUTES,
    });
    expect(testConfig({ release: { gateTimeoutMinutes: 5 } }).release.trafficShifting).toBe(
      "CANARY_10PERCENT_5MINUTES",
    );
  });

  it.each([
    [{ account: "12345" }, "account must be a 12-digit AWS account id"],
    [{ regions: [] }, "regions must list at least one region"],
    [
      { regions: [{ region: "eu-west-1", availabilityZones: ["eu-west-1a"] }] },
      "needs at least 2 availability zones",
    ],
    [
      { regions: [{ region: "eu-west-1", availabilityZones: ["eu-west-1a", "us-east-1b"] }] },
      "zone us-east-1b is not in eu-west-1",
    ],
    [
      { domain: { apiDomainName: "api.other.org", hostedZoneId: "Z", hostedZoneName: "wine.example.org" } },
      "is not in hosted zone",
    ],
    [{ corsOrigins: [] }, "corsOrigins needs at least one origin"],
    [{ corsOrigins: ["https://app.example.org/path"] }, "it has a path, query or fragment"],
    [{ corsOrigins: ["https://app.example.org/"] }, "it has a path, query or fragment"],
    [{ corsOrigins: ["*"] }, "wildcards are not allowed"],
    [{ corsOrigins: ["https://*.example.org"] }, "wildcards are not allowed"],
    [{ corsOrigins: ["app.example.org"] }, "no scheme://"],
    [{ corsOrigins: ["capacitor:localhost"] }, "no scheme://"],
    [{ corsOrigins: ["https://"] }, "the host must be"],
    [{ corsOrigins: ["https://user@app.example.org"] }, "the host must be"],
    [{ corsOrigins: ["https://[::1]:8080"] }, "the host must be"],
    [{ corsOrigins: ["https://app.example.org:99999"] }, "bad port"],
    [{ corsOrigins: ["https://app.example.org:443"] }, "browsers never send https's default port 443"],
    [{ corsOrigins: ["Capacitor://LocalHost"] }, "write it in lowercase"],
    [{ corsOrigins: ["NULL"] }, "write it in lowercase"],
    [{ corsOrigins: ["com.example+app://host"] }, "the scheme must be"],
    [{ corsOrigins: ["https://a.example.org, https://b.example.org"] }, "is not an origin"],
    [
      {
        corsOrigins: Array.from(
          { length: 20 },
          (_, i) => `https://app-${i}.a-rather-long-domain.example.org`,
        ),
      },
      "API Gateway stage variables hold at most 512",
    ],
    [{ lambda: { timeoutSeconds: 30 } }, "lambda.timeoutSeconds must be 1-29"],
    [{ database: { minCapacity: 0 } }, "database capacity"],
    [{ database: { minCapacity: { secondary: 0.25 } } }, "database capacity"],
    [{ database: { minCapacity: 64 } }, "database capacity"],
    [{ release: { trafficShifting: "CANARY_50PERCENT_5MINUTES" } }, "release.trafficShifting must be one of"],
    [
      { release: { gateTimeoutMinutes: 15 } },
      "release.gateTimeoutMinutes must be a whole number of minutes, 1-14",
    ],
    [{ release: { gateTimeoutMinutes: 0 } }, "release.gateTimeoutMinutes"],
    [{ release: { gateTimeoutMinutes: 2.5 } }, "release.gateTimeoutMinutes"],
    // A JSON config written for the stage canary this app no longer has.
    [{ canary: { percentTraffic: 10, stableVersions: {} } }, "set release.trafficShifting"],
    [{ healthCheckRegions: ["us-east-1"] }, "healthCheckRegions needs at least 3 regions"],
    [{ waf: { enabled: "false" } }, "waf.enabled must be true or false"],
  ])("rejects %j", (override, message) => {
    expect(() => testConfig(override as Partial<InfraConfigInput>)).toThrow(message);
  });

  it("accepts the origins hybrid app webviews send, custom app schemes and null", () => {
    const corsOrigins = [
      "https://www.wine.example.org",
      "capacitor://localhost",
      "ionic://localhost",
      "https://localhost",
      "http://localhost",
      "http://localhost:8100",
      "myapp://host",
      "com.example.app://localhost",
      "null",
    ];
    expect(testConfig({ corsOrigins }).corsOrigins).toEqual(corsOrigins);
  });

  it("names every bad origin in one message", () => {
    expect(() =>
      testConfig({ corsOrigins: ["https://ok.example.org", "*", "https://x.example.org/app"] }),
    ).toThrow(
      /corsOrigins: "\*" is not an origin: wildcards[^\n]*\n {2}- corsOrigins: "https:\/\/x\.example\.org\/app" is not an origin: it has a path/,
    );
  });

  it("uses the checked-in deployment unless CELLAR_INFRA_CONFIG names a JSON file", () => {
    expect(loadInfraConfig({})).toBe(deploymentConfig);
    const file = join(makeTestTempDir("cellar-config-"), "config.json");
    writeFileSync(
      file,
      JSON.stringify({
        account: "222222222222",
        regions: [{ region: "ap-southeast-2", availabilityZones: ["ap-southeast-2a", "ap-southeast-2b"] }],
        domain: { apiDomainName: "api.example.net", hostedZoneId: "Z1", hostedZoneName: "example.net" },
        corsOrigins: ["https://example.net"],
        lambda: { memorySize: 2048 },
      }),
    );
    const config = loadInfraConfig({ CELLAR_INFRA_CONFIG: file });
    expect(config.account).toBe("222222222222");
    expect(config.lambda).toEqual({ ...INFRA_DEFAULTS.lambda, memorySize: 2048 });
  });
});
