import { describe, expect, it } from "vitest";
import { NameAllocator } from "../../codegen/unique-names.js";

describe("NameAllocator", () => {
  it.each([
    {
      what: "the first claimant keeps its name",
      claims: [["id"], ["id", "idQuery"]],
      names: ["id", "idQuery"],
    },
    {
      what: "a reserved name is never given",
      reserved: ["body"],
      claims: [["body", "bodyQuery"]],
      names: ["bodyQuery"],
    },
    {
      what: "every candidate taken: a numeric suffix on the first",
      claims: [["a"], ["a"], ["a"]],
      names: ["a", "a2", "a3"],
    },
    { what: "a suffix already taken is skipped", claims: [["a2"], ["a"], ["a"]], names: ["a2", "a", "a3"] },
  ])("$what", ({ reserved, claims, names }) => {
    const allocator = new NameAllocator(reserved);
    expect(claims.map((candidates) => allocator.claim(candidates))).toEqual(names);
  });

  it("takes a name only when every name derived from it is free", () => {
    const allocator = new NameAllocator(["PingResult"]);
    const derived = (name: string) => [`${name}Input`, `${name}Result`];
    expect(allocator.claim(["Ping", "PingOperation"], derived)).toBe("PingOperation");
    expect(allocator.claim(["PingOperation"], derived)).toBe("PingOperation2");
  });
});
