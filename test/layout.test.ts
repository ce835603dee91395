import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("where tests live", () => {
  it("every test file is under test/, where vitest looks (README, Layout)", () => {
    const tracked = execFileSync("git", ["ls-files", "*.test.ts"], { encoding: "utf8" }).split("\n");
    expect(tracked.filter((file) => file !== "" && !file.startsWith("test/"))).toEqual([]);
  });
});
