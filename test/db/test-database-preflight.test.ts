import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ensureTestDatabase, PostgresUnavailableError } from "../support/postgres-preflight.js";
import { postgresServerUrl } from "../support/temporary-postgres.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

describe("the test suite's PostgreSQL preflight", () => {
  it("names the server and how to point DATABASE_URL elsewhere when nothing listens", async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
    const failure = ensureTestDatabase(url);
    await expect(failure).rejects.toBeInstanceOf(PostgresUnavailableError);
    await expect(failure).rejects.toThrow(
      /^The tests need PostgreSQL at 127\.0\.0\.1:\d+ .*ECONNREFUSED.*DATABASE_URL=postgres:\/\/user@host:5432\/test npm test$/,
    );
  });

  it("creates the database DATABASE_URL names when the server lacks it", async () => {
    const name = `cellar_missing_${randomBytes(6).toString("hex")}`;
    const url = new URL(postgresServerUrl);
    url.pathname = `/${name}`;
    try {
      expect(await ensureTestDatabase(url.toString())).toBe("created");
      expect(await ensureTestDatabase(url.toString())).toBe("present");
    } finally {
      const client = new pg.Client({ connectionString: postgresServerUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    }
  });

  it("stops `vitest run` before any test file with one message and a non-zero exit", async () => {
    const port = await closedPort();
    const result = await run(
      process.execPath,
      [join(repoRoot, "node_modules", "vitest", "vitest.mjs"), "run", "test/db/geo-bounds.test.ts"],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/test`, NO_COLOR: "1" },
      },
    ).then(
      () => ({ code: 0, output: "" }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output.match(/The tests need PostgreSQL at 127\.0\.0\.1:\d+/g)).toHaveLength(1);
    expect(result.output).not.toMatch(/^\s+at /m); // no stack trace
    expect(result.output).not.toMatch(/Test Files/); // no test file ran
  }, 120_000);
});
