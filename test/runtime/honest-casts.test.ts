import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const runtimeDir = resolve(import.meta.dirname, "../../src/runtime");

describe("the runtime's types", () => {
  it("never bridge a type with `as unknown as`: the seam with Middy and ajv is typed honestly", () => {
    const files = readdirSync(runtimeDir).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((file) =>
      /\bas unknown as\b/.test(readFileSync(join(runtimeDir, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
