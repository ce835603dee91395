import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { DEFAULT_PGLITE_DIR, resolveDatabaseLocation } from "../../src/settings/database-settings.js";
import { backends, useDatabase } from "../support/databases.js";

describe("resolveDatabaseLocation", () => {
  it("maps an unset or empty url to PGlite persisted under ./.data/pglite", () => {
    const persisted = { kind: "pglite", dataDir: resolve(DEFAULT_PGLITE_DIR) };
    expect(resolveDatabaseLocation(undefined)).toEqual(persisted);
    expect(resolveDatabaseLocation("")).toEqual(persisted);
    expect(resolveDatabaseLocation("  ")).toEqual(persisted);
  });

  it("maps memory:// to an in-memory PGlite", () => {
    expect(resolveDatabaseLocation("memory://")).toEqual({ kind: "pglite", dataDir: undefined });
  });

  it("maps postgres:// and postgresql:// to the pg pool", () => {
    for (const url of ["postgres://u:p@db:5432/cellar", "postgresql://db/cellar?sslmode=require"]) {
      expect(resolveDatabaseLocation(url)).toEqual({ kind: "postgres", connectionString: url });
    }
  });

  it("rejects other schemes without echoing the url, which may hold a password", () => {
    expect(() => resolveDatabaseLocation("mysql://root:s3cret@db/cellar")).toThrow(/"mysql"/);
    expect(() => resolveDatabaseLocation("mysql://root:s3cret@db/cellar")).not.toThrow(/s3cret/);
  });
});

describe("openDatabase", () => {
  const savedPoolMax = process.env.DATABASE_POOL_MAX;
  afterEach(() => {
    if (savedPoolMax === undefined) delete process.env.DATABASE_POOL_MAX;
    else process.env.DATABASE_POOL_MAX = savedPoolMax;
  });

  it("rejects a DATABASE_POOL_MAX that is not a positive integer", async () => {
    process.env.DATABASE_POOL_MAX = "lots";
    await expect(openDatabase("postgres://127.0.0.1/never-connected")).rejects.toThrow(/DATABASE_POOL_MAX/);
  });

  it("keeps PGlite on disk under ./.data/pglite when no url is given", async () => {
    const previousCwd = process.cwd();
    const workDir = await mkdtemp(join(tmpdir(), "cellar-pglite-"));
    try {
      process.chdir(workDir);
      const opened = await openDatabase("");
      expect(opened.kind).toBe("pglite");
      await opened.close();
      // The data directory of a real cluster, created where the default says.
      expect((await stat(join(workDir, DEFAULT_PGLITE_DIR, "PG_VERSION"))).isFile()).toBe(true);
    } finally {
      process.chdir(previousCwd);
      await rm(workDir, { recursive: true, force: true });
    }
  });
});

describe.each(backends)("type parsing on $name", (backend) => {
  const db = useDatabase(backend);

  it("returns counts and numerics as numbers, timestamps as Dates and jsonb parsed", async () => {
    const { rows } = await sql<{ count: unknown; ratio: unknown; at: unknown; doc: unknown }>`
      select count(*) as count, 2.50::numeric as ratio, now() as at, '{"a":[1]}'::jsonb as doc
      from generate_series(1, 3)
    `.execute(db());
    expect(rows[0]).toEqual({ count: 3, ratio: 2.5, at: expect.any(Date), doc: { a: [1] } });
  });
});
