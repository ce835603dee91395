import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleLambdas, type LambdaBundles, lambdaEntries } from "../../../infra/bundle/lambda-bundles.js";
import {
  type FakeSecretsExtension,
  startFakeSecretsExtension,
} from "../../../infra/testing/fake-secrets-extension.js";
import { postgresServerUrl } from "../../support/databases.js";

const run = promisify(execFile);
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:cellar/database-AbCdEf";
const outDir = mkdtempSync(join(tmpdir(), "cellar-infra-bundles-"));
const databaseName = `cellar_infra_${randomBytes(4).toString("hex")}`;
const databaseUrl = Object.assign(new URL(postgresServerUrl), { pathname: `/${databaseName}` }).toString();

let bundles: LambdaBundles;
let extension: FakeSecretsExtension;

beforeAll(async () => {
  // Two operations and the migrations function: enough to test the bundler, a fraction of the time.
  const wanted = new Set(["pingV1", "getWineryV1", "migrate"]);
  bundles = await bundleLambdas(
    outDir,
    lambdaEntries().filter((entry) => wanted.has(entry.name)),
  );
  extension = await startFakeSecretsExtension({
    [SECRET_ARN]: { username: "cellar", password: "from-the-secret" },
  });
  await admin(`create database ${databaseName}`);
});

afterAll(async () => {
  await extension.close();
  await admin(`drop database if exists ${databaseName}`);
  rmSync(outDir, { recursive: true, force: true });
});

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Runs a bundle's handler in a fresh Node process, as Lambda would load it, and returns its result. */
async function invoke(bundle: string, event: unknown, env: Record<string, string> = {}): Promise<unknown> {
  const script = join(outDir, "invoke.mjs");
  writeFileSync(
    script,
    `const { handler } = await import(process.argv[2]);
const result = await handler(JSON.parse(process.argv[3]), { getRemainingTimeInMillis: () => 60000, awsRequestId: "t" });
process.stdout.write("\\n@@result@@" + JSON.stringify(result));`,
  );
  const { stdout } = await run(
    process.execPath,
    [script, join(bundles.directoryFor(bundle), "index.mjs"), JSON.stringify(event)],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        CELLAR_DATABASE_SECRET_ARN: SECRET_ARN,
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
        AWS_SESSION_TOKEN: "session",
        AWS_REGION: "eu-west-1",
        ...env,
      },
    },
  );
  // The handler may log to stdout too; the result is what follows the marker.
  return JSON.parse(stdout.slice(stdout.lastIndexOf("@@result@@") + "@@result@@".length));
}

describe("Lambda bundles built by infra", () => {
  it("are one directory per function holding only index.mjs, with pg inside and PGlite left out", () => {
    for (const name of ["pingV1", "getWineryV1", "migrate"]) {
      const dir = bundles.directoryFor(name);
      expect(readdirSync(dir)).toEqual(["index.mjs"]);
      const code = readFileSync(join(dir, "index.mjs"), "utf8");
      expect(code).not.toMatch(/\bfrom\s*["']pg["']|import\(\s*["']pg["']\s*\)|require\(\s*["']pg["']\s*\)/);
      expect(code).not.toMatch(/pglite\.wasm/);
    }
    expect(readFileSync(join(bundles.directoryFor("getWineryV1"), "index.mjs"), "utf8")).toContain("Pool");
  });

  it("answer a warm-up ping after fetching the database password and opening a connection", async () => {
    const before = extension.requests.length;
    expect(await invoke("pingV1", { instruction: "warmer" })).toEqual({ statusCode: 200, body: "warm" });
    expect(extension.requests.slice(before)).toEqual([
      { url: `/secretsmanager/get?secretId=${encodeURIComponent(SECRET_ARN)}`, token: "session" },
    ]);
  });

  it("load the database password through the extension before serving a request", async () => {
    const before = extension.requests.length;
    const result = (await invoke("pingV1", {
      httpMethod: "GET",
      path: "/v1/ping",
      headers: {},
      requestContext: {},
    })) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: "ok", version: "v1", region: "eu-west-1" });
    expect(extension.requests.slice(before)).toEqual([
      { url: `/secretsmanager/get?secretId=${encodeURIComponent(SECRET_ARN)}`, token: "session" },
    ]);
  });

  it("migrate the database on a custom resource create, then find nothing left to do on update", async () => {
    const create = { RequestType: "Create", ResourceProperties: { Migrations: "abc" } };
    const first = (await invoke("migrate", create)) as {
      PhysicalResourceId: string;
      Data: { Applied: string };
    };
    expect(first.PhysicalResourceId).toBe("cellar-database-migrations");
    expect(first.Data.Applied.split(",").length).toBeGreaterThanOrEqual(4);
    const update = { ...create, RequestType: "Update", PhysicalResourceId: first.PhysicalResourceId };
    expect(await invoke("migrate", update)).toEqual({
      PhysicalResourceId: first.PhysicalResourceId,
      Data: { Applied: "none" },
    });
    const deleted = {
      RequestType: "Delete",
      PhysicalResourceId: first.PhysicalResourceId,
      ResourceProperties: {},
    };
    // Delete keeps the schema: dropping a production database is never a stack operation.
    expect(await invoke("migrate", deleted, { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" })).toEqual({
      PhysicalResourceId: first.PhysicalResourceId,
    });
  });

  it("a migration run fails (and so does the deploy) when the database cannot be reached", async () => {
    const create = { RequestType: "Create", ResourceProperties: {} };
    await expect(
      invoke("migrate", create, {
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
        CELLAR_MIGRATE_RETRY_MS: "10",
      }),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
