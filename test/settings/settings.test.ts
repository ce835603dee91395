import { describe, expect, it } from "vitest";
import { readRuntimeSettings } from "../../src/runtime/runtime-settings.js";
import { InvalidSettingError } from "../../src/runtime/setting-parsers.js";
import { readDatabaseSettings } from "../../src/settings/database-settings.js";
import { readLambdaSettings } from "../../src/settings/lambda-settings.js";
import { readLocalStageSettings } from "../../src/settings/local-stage-settings.js";
import { readMigrationSettings } from "../../src/settings/migration-settings.js";
import { readQueueEnvironment, readWorkerQueue } from "../../src/settings/queue-environment.js";

/** The error a reader throws for `env`, so a test can check which variable it names. */
function failure(read: () => unknown): InvalidSettingError {
  try {
    read();
  } catch (error) {
    if (error instanceof InvalidSettingError) return error;
    throw error;
  }
  throw new Error("expected an InvalidSettingError, nothing was thrown");
}

describe("runtime settings", () => {
  it("defaults: enforce and migrate on first use outside production, log and never migrate in production, depth 3, no CORS", () => {
    expect(readRuntimeSettings({})).toEqual({
      production: false,
      responseValidation: "enforce",
      maxInvokeDepth: 3,
      corsOrigins: [],
      migrateOnStart: true,
      region: undefined,
    });
    expect(readRuntimeSettings({ NODE_ENV: "production" })).toMatchObject({
      responseValidation: "log",
      migrateOnStart: false,
    });
    // A stage standing in for a secondary region: its replica refuses DDL.
    expect(readRuntimeSettings({ CELLAR_MIGRATE_ON_START: "false" }).migrateOnStart).toBe(false);
  });

  it("reads valid values", () => {
    const settings = readRuntimeSettings({
      CELLAR_RESPONSE_VALIDATION: "off",
      CELLAR_MAX_INVOKE_DEPTH: "0",
      CORS_ORIGINS: "https://a.dev,capacitor://localhost",
      CELLAR_MIGRATE_ON_START: "true",
      AWS_REGION: "eu-west-1",
    });
    expect(settings).toMatchObject({
      responseValidation: "off",
      maxInvokeDepth: 0,
      corsOrigins: ["https://a.dev", "capacitor://localhost"],
      migrateOnStart: true,
      region: "eu-west-1",
    });
  });

  // Each of these used to be read as something else without a word: `depth > NaN` is never true, so
  // `abc` switched the recursion guard off; an unknown validation mode fell back to the default.
  it.each([
    ["CELLAR_MAX_INVOKE_DEPTH", "abc"],
    ["CELLAR_MAX_INVOKE_DEPTH", "-1"],
    ["CELLAR_MAX_INVOKE_DEPTH", "2.5"],
    ["CELLAR_MAX_INVOKE_DEPTH", "1e3"],
    ["CELLAR_RESPONSE_VALIDATION", "strict"],
    ["CELLAR_RESPONSE_VALIDATION", "ENFORCE"],
    ["CELLAR_MIGRATE_ON_START", "yes"],
    ["CORS_ORIGINS", "https://a.dev/app"],
  ])("%s=%s stops start-up with a message naming the variable", (variable, value) => {
    const error = failure(() => readRuntimeSettings({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable} `)).toBe(true);
  });

  it("treats a blank value as unset", () => {
    expect(
      readRuntimeSettings({ CELLAR_MAX_INVOKE_DEPTH: " ", CELLAR_RESPONSE_VALIDATION: "" }),
    ).toMatchObject({
      maxInvokeDepth: 3,
      responseValidation: "enforce",
    });
  });
});

describe("database, queue and local stage settings", () => {
  it.each([
    ["DATABASE_POOL_MAX", "0", () => readDatabaseSettings({ DATABASE_POOL_MAX: "0" })],
    [
      "DATABASE_CONNECT_TIMEOUT_MS",
      "soon",
      () => readDatabaseSettings({ DATABASE_CONNECT_TIMEOUT_MS: "soon" }),
    ],
    ["DATABASE_URL", "mysql://…", () => readDatabaseSettings({ DATABASE_URL: "mysql://root:s3cret@db/x" })],
    ["CELLAR_QUEUE", "kafka", () => readQueueEnvironment({ CELLAR_QUEUE: "kafka" })],
    ["CELLAR_WORKER_QUEUE", "emails", () => readWorkerQueue({ CELLAR_WORKER_QUEUE: "emails" })],
    ["CELLAR_WORKER_QUEUE", "(unset)", () => readWorkerQueue({})],
    ["PORT", "http", () => readLocalStageSettings({ PORT: "http" })],
    ["PORT", "70000", () => readLocalStageSettings({ PORT: "70000" })],
    ["COGNITO_CLIENT_ID", "(unset)", () => readLocalStageSettings({ COGNITO_USER_POOL_ID: "local_1" })],
    ["COGNITO_USER_POOL_ID", "(unset)", () => readLocalStageSettings({ COGNITO_CLIENT_ID: "client" })],
    [
      "COGNITO_ENDPOINT",
      "http://localhost:9229 (no pool)",
      () => readLocalStageSettings({ COGNITO_ENDPOINT: "http://localhost:9229" }),
    ],
    [
      "COGNITO_ENDPOINT",
      "localhost:9229",
      () =>
        readLocalStageSettings({
          COGNITO_USER_POOL_ID: "local_1",
          COGNITO_CLIENT_ID: "client",
          COGNITO_ENDPOINT: "localhost:9229",
        }),
    ],
  ])("%s=%s is refused, naming the variable", (variable, _shown, read) => {
    const error = failure(read);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain("s3cret");
  });

  it("reads a user pool for the local stage to trust, its region from its id unless COGNITO_REGION says", () => {
    expect(readLocalStageSettings({}).cognito).toBeUndefined();
    expect(
      readLocalStageSettings({ COGNITO_USER_POOL_ID: "eu-west-1_AbC", COGNITO_CLIENT_ID: "app" }).cognito,
    ).toEqual({ region: "eu-west-1", userPoolId: "eu-west-1_AbC", clientId: "app" });
    expect(
      readLocalStageSettings({
        COGNITO_USER_POOL_ID: "local_7",
        COGNITO_CLIENT_ID: "app",
        COGNITO_ENDPOINT: "http://localhost:9229/",
        COGNITO_REGION: "ap-southeast-2",
      }).cognito,
    ).toEqual({
      region: "ap-southeast-2",
      userPoolId: "local_7",
      clientId: "app",
      endpoint: "http://localhost:9229",
    });
    expect(
      readLocalStageSettings({ COGNITO_USER_POOL_ID: "local_7", COGNITO_CLIENT_ID: "app" }).cognito?.region,
    ).toBe("us-east-1");
  });

  it("reads the queue URLs by queue name", () => {
    expect(readQueueEnvironment({ CELLAR_QUEUE_URL_RATING_EVENTS: "https://sqs/r" })).toEqual({
      forced: undefined,
      urls: { "rating-events": "https://sqs/r" },
    });
  });

  it("a Lambda's settings are read whole, so a bad database setting fails the init too", () => {
    expect(failure(() => readLambdaSettings({ DATABASE_POOL_MAX: "many" })).variable).toBe(
      "DATABASE_POOL_MAX",
    );
    expect(failure(() => readLambdaSettings({ CELLAR_QUEUE: "sns" })).variable).toBe("CELLAR_QUEUE");
  });
});

describe("migration settings", () => {
  it("waits 10 s between attempts by default and refuses a delay that is not a positive integer", () => {
    expect(readMigrationSettings({}).retryDelayMs).toBe(10_000);
    expect(readMigrationSettings({ CELLAR_MIGRATE_RETRY_MS: "250" }).retryDelayMs).toBe(250);
    expect(() => readMigrationSettings({ CELLAR_MIGRATE_RETRY_MS: "10s" })).toThrow(
      /^CELLAR_MIGRATE_RETRY_MS must be an integer from 1 to 60000, got "10s"$/,
    );
  });
});
