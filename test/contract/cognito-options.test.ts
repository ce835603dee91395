import { describe, expect, it } from "vitest";
import { parseFuzzOptions } from "../../contract-tests/fuzz/fuzz-options.js";
import { parseOptions, UsageError } from "../../contract-tests/options.js";
import { regionOfUserPoolId } from "../../contract-tests/setup/cognito-pool.js";
import { generateTestPassword } from "../../contract-tests/setup/test-password.js";

const endpoint = ["--endpoint", "https://api.cellar.example"];

describe("Cognito options", () => {
  it("reads pool and client from flags, with the region taken from the pool id", () => {
    const options = parseOptions(
      [...endpoint, "--cognito-user-pool-id", "eu-central-1_AbC123", "--cognito-client-id", "client"],
      {},
    );
    expect(options?.cognito).toEqual({
      userPoolId: "eu-central-1_AbC123",
      clientId: "client",
      region: "eu-central-1",
    });
  });

  it("falls back to CONTRACT_COGNITO_* and lets flags win", () => {
    const env = {
      CONTRACT_COGNITO_USER_POOL_ID: "us-east-1_Env",
      CONTRACT_COGNITO_CLIENT_ID: "env-client",
      CONTRACT_COGNITO_REGION: "us-west-2",
      CONTRACT_COGNITO_ENDPOINT: "http://localhost:9229",
    };
    expect(parseOptions(endpoint, env)?.cognito).toEqual({
      userPoolId: "us-east-1_Env",
      clientId: "env-client",
      region: "us-west-2",
      endpoint: "http://localhost:9229",
    });
    expect(parseOptions([...endpoint, "--cognito-client-id", "flag-client"], env)?.cognito?.clientId).toBe(
      "flag-client",
    );
  });

  it("needs --cognito-region for a pool id without a region, unless an emulator endpoint is given", () => {
    const local = [...endpoint, "--cognito-user-pool-id", "local_5Z7PSwpC", "--cognito-client-id", "c"];
    expect(() => parseOptions(local, {})).toThrow(/--cognito-region is required/);
    expect(parseOptions([...local, "--cognito-region", "eu-west-1"], {})?.cognito?.region).toBe("eu-west-1");
    expect(parseOptions([...local, "--cognito-endpoint", "http://localhost:9229"], {})?.cognito?.region).toBe(
      "us-east-1",
    );
  });

  it("refuses half a configuration and a bad endpoint", () => {
    expect(() => parseOptions([...endpoint, "--cognito-user-pool-id", "us-east-1_X"], {})).toThrow(
      /needs --cognito-client-id/,
    );
    expect(() => parseOptions([...endpoint], { CONTRACT_COGNITO_CLIENT_ID: "c" })).toThrow(
      /needs --cognito-user-pool-id/,
    );
    expect(() => parseOptions([...endpoint, "--cognito-region", "us-east-1"], {})).toThrow(UsageError);
    expect(() =>
      parseOptions(
        [
          ...endpoint,
          "--cognito-user-pool-id",
          "us-east-1_X",
          "--cognito-client-id",
          "c",
          "--cognito-endpoint",
          "x",
        ],
        {},
      ),
    ).toThrow(/http\(s\) URL/);
  });

  it("leaves cognito out when no pool is configured, and the fuzzer's options as they were", () => {
    expect(parseOptions(endpoint, {})).not.toHaveProperty("cognito");
    const fuzz = parseFuzzOptions([...endpoint, "--seed", "1"], {
      CONTRACT_COGNITO_USER_POOL_ID: "us-east-1_X",
      CONTRACT_COGNITO_CLIENT_ID: "c",
    });
    expect(fuzz).toMatchObject({ endpoint: "https://api.cellar.example", seed: 1, tokens: {} });
    expect(fuzz).not.toHaveProperty("cognito");
  });

  it("takes the region from AWS pool ids only", () => {
    expect(regionOfUserPoolId("us-east-1_AbC")).toBe("us-east-1");
    expect(regionOfUserPoolId("ap-southeast-2_x")).toBe("ap-southeast-2");
    expect(regionOfUserPoolId("us-gov-west-1_x")).toBe("us-gov-west-1");
    expect(regionOfUserPoolId("local_5Z7PSwpC")).toBeUndefined();
  });
});

describe("generateTestPassword", () => {
  it("has every character class a Cognito policy may require, and differs per call", () => {
    const password = generateTestPassword();
    for (const characterClass of [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/])
      expect(password).toMatch(characterClass);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(generateTestPassword()).not.toBe(password);
  });
});
