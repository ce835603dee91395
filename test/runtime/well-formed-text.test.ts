import { describe, expect, it } from "vitest";
import { illFormedText, isWellFormedText } from "../../src/runtime/well-formed-text.js";

const MESSAGE = "must not contain NUL characters or unpaired surrogates";

describe("the well-formed text check", () => {
  it("accepts ordinary text, paired surrogates (emoji) and non-string values", () => {
    const input = {
      name: "Château 😀",
      tags: ["a", "b"],
      n: 1,
      ok: true,
      none: null,
      nested: { "a/b": "é" },
    };
    expect(isWellFormedText(input)).toBe(true);
    expect(illFormedText(input, "")).toEqual([]);
  });

  it("names every NUL and unpaired surrogate by its JSON pointer, property names included", () => {
    const input = {
      body: {
        name: "a\u0000b",
        list: ["fine", "half\ud800"],
        "we/ird~key": { deep: "\udfff" },
        "bad\ud83d": "value",
      },
    };
    expect(isWellFormedText(input)).toBe(false);
    expect(illFormedText(input, "")).toEqual([
      { path: "/body/name", message: MESSAGE },
      { path: "/body/list/1", message: MESSAGE },
      { path: "/body/we~1ird~0key/deep", message: MESSAGE },
      { path: "/body/bad\ud83d", message: MESSAGE },
    ]);
  });

  it("reports a bad name and its bad value both, and a bare string at the given path", () => {
    expect(illFormedText({ "k\u0000": "v\u0000" }, "/query")).toEqual([
      { path: "/query/k\u0000", message: MESSAGE },
      { path: "/query/k\u0000", message: MESSAGE },
    ]);
    expect(illFormedText("\ud800", "/x")).toEqual([{ path: "/x", message: MESSAGE }]);
  });

  it("walks a value nested 100,000 levels deep without exhausting the stack", () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'{"a":'.repeat(depth)}"\\u0000"${"}".repeat(depth)}`);
    expect(isWellFormedText(deep)).toBe(false);
    expect(illFormedText(deep, "")).toEqual([{ path: "/a".repeat(depth), message: MESSAGE }]);
    expect(isWellFormedText(JSON.parse(`${"[".repeat(depth)}"fine"${"]".repeat(depth)}`))).toBe(true);
  });
});
