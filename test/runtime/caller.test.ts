import { describe, expect, it } from "vitest";
import { parseGroups } from "../../src/runtime/caller.js";

describe("parseGroups", () => {
  it.each([
    ["admin", ["admin"]],
    ["wine-club_2024", ["wine-club_2024"]],
    ["ädmin", ["ädmin"]],
    ["admin,editor", ["admin", "editor"]],
    ["admin, editor", ["admin", "editor"]],
    ["[admin editor]", ["admin", "editor"]],
    ["[admin]", ["admin"]],
    ["admin\u00a0editor", ["admin", "editor"]],
    [" admin ", ["admin"]],
    ["", []],
  ])("reads the cognito:groups claim %j as %j", (raw, groups) => {
    expect(parseGroups(raw)).toEqual(groups);
  });

  it("keeps an array claim (the local stage's tokens) as strings", () => {
    expect(parseGroups(["admin", 7])).toEqual(["admin", "7"]);
  });

  it("has no groups for a claim that is not text", () => {
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups(42)).toEqual([]);
  });
});
