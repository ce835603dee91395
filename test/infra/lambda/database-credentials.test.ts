import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  databasePasswordLoader,
  extensionSecretReader,
  withDatabasePassword,
} from "../../../infra/lambda/database-credentials.js";
import {
  type FakeSecretsExtension,
  startFakeSecretsExtension,
} from "../../../infra/testing/fake-secrets-extension.js";

const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:cellar/database-AbCdEf";
const context = {} as Context;

describe("extensionSecretReader", () => {
  let extension: FakeSecretsExtension;
  beforeAll(async () => {
    extension = await startFakeSecretsExtension({ [SECRET_ARN]: { username: "cellar", password: "s3cret" } });
  });
  afterAll(() => extension.close());

  it("asks the extension on its port with the session token, and returns the SecretString", async () => {
    const read = extensionSecretReader({
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
      AWS_SESSION_TOKEN: "session-token",
    });
    expect(JSON.parse(await read(SECRET_ARN))).toEqual({ username: "cellar", password: "s3cret" });
    expect(extension.requests.at(-1)).toEqual({
      url: `/secretsmanager/get?secretId=${encodeURIComponent(SECRET_ARN)}`,
      token: "session-token",
    });
  });

  it("fails on an error answer", async () => {
    const read = extensionSecretReader({ PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port) });
    await expect(read("unknown")).rejects.toThrow("answered 400");
  });
});

describe("databasePasswordLoader", () => {
  it("puts the secret's password into PGPASSWORD once per container", async () => {
    const env: NodeJS.ProcessEnv = { CELLAR_DATABASE_SECRET_ARN: SECRET_ARN };
    const read = vi.fn(async () => JSON.stringify({ username: "cellar", password: "s3cret" }));
    const load = databasePasswordLoader(read, env);
    await load();
    await load();
    expect(env.PGPASSWORD).toBe("s3cret");
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith(SECRET_ARN);
  });

  it("tries again on the next call after a failure", async () => {
    const env: NodeJS.ProcessEnv = { CELLAR_DATABASE_SECRET_ARN: SECRET_ARN };
    const read = vi
      .fn<(id: string) => Promise<string>>()
      .mockRejectedValueOnce(new Error("extension not ready"))
      .mockResolvedValueOnce(JSON.stringify({ password: "later" }));
    const load = databasePasswordLoader(read, env);
    await expect(load()).rejects.toThrow("extension not ready");
    await load();
    expect(env.PGPASSWORD).toBe("later");
  });

  it("does nothing without a secret to read (local runs) or when PGPASSWORD is already set", async () => {
    const read = vi.fn(async () => "{}");
    await databasePasswordLoader(read, {})();
    await databasePasswordLoader(read, { CELLAR_DATABASE_SECRET_ARN: SECRET_ARN, PGPASSWORD: "given" })();
    expect(read).not.toHaveBeenCalled();
  });
});

describe("withDatabasePassword", () => {
  it("warms up on a warm-up ping: password, then a database round trip, then the handler answers", async () => {
    const calls: string[] = [];
    const handler = withDatabasePassword(
      async (event: unknown) => {
        calls.push("handler");
        return { got: event };
      },
      async () => {
        calls.push("load");
      },
      async () => {
        calls.push("warm up");
      },
    );
    expect(await handler({ instruction: "warmer" }, context)).toEqual({ got: { instruction: "warmer" } });
    expect(calls).toEqual(["load", "warm up", "handler"]);
  });

  it("does not warm the database up on a real request", async () => {
    const warmUp = vi.fn(async () => {});
    const handler = withDatabasePassword(
      async () => "answered",
      async () => {},
      warmUp,
    );
    expect(await handler({ httpMethod: "GET" }, context)).toBe("answered");
    expect(warmUp).not.toHaveBeenCalled();
  });

  it("loads the password before a request, and still answers (through the handler) when that fails", async () => {
    const calls: string[] = [];
    const ok = withDatabasePassword(
      async () => calls.push("handler"),
      async () => {
        calls.push("load");
      },
    );
    await ok({ httpMethod: "GET" }, context);
    expect(calls).toEqual(["load", "handler"]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = withDatabasePassword(
      async () => "answered",
      async () => {
        throw new Error("no secret");
      },
    );
    expect(await failing({ httpMethod: "GET" }, context)).toBe("answered");
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("database password unavailable"));
    errors.mockRestore();
  });
});
