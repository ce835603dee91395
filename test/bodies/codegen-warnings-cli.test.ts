import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../..");
const outDir = mkdtempSync(join(tmpdir(), "cellar-bodies-cli-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("npm run codegen on a spec with request bodies it cannot serve", () => {
  it("prints one warning per operation and media type, and still generates (exit 0)", () => {
    const run = spawnSync(
      join(repoRoot, "node_modules/.bin/tsx"),
      [
        join(repoRoot, "codegen/cli.ts"),
        "--spec",
        join(repoRoot, "codegen/fixtures/request-bodies.yaml"),
        "--out",
        outDir,
      ],
      { encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    const warnings = run.stderr.split("\n").filter((line) => line.startsWith("codegen: warning: "));
    expect(warnings.map((line) => line.split(":").slice(0, 3).join(":"))).toEqual([
      "codegen: warning: createNote (POST /v1/notes)",
      "codegen: warning: createNote (POST /v1/notes)",
      "codegen: warning: saveFilter (POST /v1/filters)",
    ]);
    expect(warnings[1]).toContain("request body text/plain is not served");
    expect(run.stderr).toContain("wrote gateway/v1.gen.json");
  });
});
