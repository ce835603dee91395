import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REBUILD_RATINGS_HELP, runRebuildRatings } from "../../src/cli/rebuild-ratings-command.js";
import { openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { createReview } from "../../src/db/review.repository.js";
import { findWineryById, insertWinery } from "../../src/db/winery.repository.js";
import { backends, createTemporaryPostgresDatabase, useDatabase } from "../support/databases.js";
import { newUserId, newWinery } from "../support/fixtures.js";

describe.each(backends)("ratings:rebuild on $name", (backend) => {
  const db = useDatabase(backend);

  async function run(...args: string[]) {
    let output = "";
    const code = await runRebuildRatings(
      args,
      async () => db(),
      (line) => {
        output += line;
      },
    );
    return { code, output };
  }

  it("prints its help", async () => {
    expect(await run("--help")).toEqual({ code: 0, output: REBUILD_RATINGS_HELP });
  });

  it("lists drift with --check without fixing it, then rebuilds with progress, then checks clean", async () => {
    const winery = await insertWinery(db(), newWinery());
    await createReview(db(), { wineryId: winery.id, userId: newUserId(), rating: 4, text: "" });

    const check = await run("--check");
    expect(check.code).toBe(1);
    expect(check.output).toContain(`${winery.id}: stored 0 reviews summing 0, recomputed 1 summing 4`);
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 0 });

    const rebuild = await run();
    expect(rebuild.code).toBe(0);
    expect(rebuild.output).toMatch(/locked \d+ wineries/);
    expect(rebuild.output).toMatch(/Rebuilt \d+ roll-up\(s\), 1 corrected \(\d+ ms\)/);
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 1, averageRating: 4 });

    expect(await run("--check")).toMatchObject({
      code: 0,
      output: expect.stringContaining("0 roll-up(s) differ"),
    });
  });

  it("refuses unknown options", async () => {
    await expect(run("--force")).rejects.toThrow(/--force/);
  });
});

describe("the ratings:rebuild script", () => {
  it("rebuilds the database DATABASE_URL names and exits 0", async () => {
    const temporary = await createTemporaryPostgresDatabase();
    try {
      const opened = await openDatabase(temporary.url);
      await migrateToLatest(opened.db);
      const winery = await insertWinery(opened.db, newWinery());
      await createReview(opened.db, { wineryId: winery.id, userId: newUserId(), rating: 2, text: "" });
      await opened.close();

      const { stdout } = await promisify(execFile)("npx", ["tsx", "src/cli/rebuild-ratings.ts"], {
        env: { ...process.env, DATABASE_URL: temporary.url },
      });
      expect(stdout).toContain("Rebuilt 1 roll-up(s), 1 corrected");
    } finally {
      await temporary.drop();
    }
  });
});
