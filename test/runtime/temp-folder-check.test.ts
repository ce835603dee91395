import { mkdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import isolateTempFolder from "../support/temp-folder-global-setup.js";
import { makeTestTempDir, removeTestTempDirs } from "../support/test-temp-dirs.js";

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe("the test run's temp folder check", () => {
  it("gives the run a temp folder of its own and removes it", async () => {
    const before = tmpdir();
    const teardown = await isolateTempFolder();
    const runDir = tmpdir();
    expect(runDir).not.toBe(before);
    await mkdir(join(runDir, "some-tool-cache")); // not a test's leftover
    await teardown();
    expect(tmpdir()).toBe(before);
    expect(await exists(runDir)).toBe(false);
  });

  it("fails the run naming each cellar-* folder a test left behind", async () => {
    const teardown = await isolateTempFolder();
    const runDir = tmpdir();
    await mkdir(join(runDir, "cellar-infra-out-abc"));
    await mkdir(join(runDir, "cellar-config-def"));
    await expect(teardown()).rejects.toThrow(
      "The test run left 2 folder(s) in the temp folder, each a test that does not remove what it made: cellar-config-def, cellar-infra-out-abc",
    );
    expect(await exists(runDir)).toBe(false);
  });

  it("removes the folders a test file made with makeTestTempDir", async () => {
    const dir = makeTestTempDir("cellar-check-");
    expect(await exists(dir)).toBe(true);
    removeTestTempDirs();
    expect(await exists(dir)).toBe(false);
  });
});
