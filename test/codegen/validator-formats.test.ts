import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMAT_CHECKS, FORMAT_PATTERNS } from "../../codegen/format-checks.js";
import { formatDefinitions, ownFormatCode, ownFormatName } from "../../codegen/validator-formats.js";

const formats = formatDefinitions(["date", "date-time", "uri", "uri-reference", "uuid", "int32", "repo.nwo"]);
const matches = (format: string, value: string) => (formats[format] as (value: string) => boolean)(value);

describe("formatDefinitions", () => {
  it("checks the URI family, dates and uuid with our own functions, so no ajv-formats code is needed", () => {
    for (const name of ["date", "date-time", "uri", "uri-reference", "uuid"]) {
      expect(formats[name], name).toBe(FORMAT_CHECKS[name]);
    }
  });

  it("writes each own check as standalone JavaScript that answers as the function does", () => {
    for (const [name, check] of Object.entries(FORMAT_CHECKS)) {
      const code = ownFormatCode(ownFormatName(check)!);
      expect(code, name).toMatch(new RegExp(`^function ${check.name}\\(value\\) \\{`));
      const standalone = new Function(`return (${code})`)() as (value: string) => boolean;
      for (const value of [
        "2024-02-29T10:00:00Z",
        "2024-02-29",
        "https://a.example/b",
        "/a",
        "urn:uuid:7D3F1C1E-3C5E-4C1A-9A57-0A5D2C1F8E11",
        "",
        "x y",
      ]) {
        expect(standalone(value), `${name} ${value}`).toBe(check(value));
      }
    }
    expect(ownFormatName(formats.int32)).toBeUndefined();
  });

  it("emits code that answers as the regular expression it replaces, for valid-looking and random text", () => {
    const seeds = [
      "2024-02-29T10:00:00.5+01:00",
      "2024-02-29",
      "https://a.example/b?c#d",
      "urn:uuid:7d3f1c1e-3c5e-4c1a-9a57-0a5d2c1f8e11",
    ];
    const edited = fc
      .tuple(fc.constantFrom(...seeds), fc.nat(), fc.string({ maxLength: 2 }), fc.nat({ max: 2 }))
      .map(([seed, at, insert, remove]) => {
        const index = at % (seed.length + 1);
        return seed.slice(0, index) + insert + seed.slice(index + remove);
      });
    for (const [name, check] of Object.entries(FORMAT_CHECKS)) {
      const emitted = new Function(`return (${ownFormatCode(ownFormatName(check)!)})`)() as (
        v: string,
      ) => boolean;
      fc.assert(
        fc.property(
          fc.oneof(edited, fc.string()),
          (value) => emitted(value) === FORMAT_PATTERNS[name]!.test(value),
        ),
        { numRuns: 1000 },
      );
    }
  });

  it.each([
    ["2024-02-29T10:00:00Z", true],
    ["2024-02-29t10:00:00.123z", true],
    ["2024-02-29 10:00:00+01:00", true],
    ["2024-02-29T23:59:60-0530", true],
    ["2024-02-29T10:00:00+01", true],
    ["2024-02-29T10:00:00", false],
    ["2024-13-01T10:00:00Z", false],
    ["2024-00-01T10:00:00Z", false],
    ["2024-01-32T10:00:00Z", false],
    ["2024-01-01T24:00:00Z", false],
    ["2024-01-01T10:60:00Z", false],
    ["2024-01-01T10:00:61Z", false],
    ["2024-01-01T10:00:00+24:00", false],
    ["2024-01-01", false],
  ])("date-time %s: %s", (value, valid) => {
    expect(matches("date-time", value)).toBe(valid);
  });

  it("checks dates field by field", () => {
    expect(matches("date", "2024-12-31")).toBe(true);
    expect(matches("date", "2024-12-31T00:00:00Z")).toBe(false);
    expect(matches("date", "2024-1-31")).toBe(false);
  });

  it("checks uri for a scheme and no whitespace", () => {
    expect(matches("uri", "https://example.com/a b")).toBe(false);
    expect(matches("uri", "/relative/path")).toBe(false);
    expect(matches("uri", "mailto:someone@example.com")).toBe(true);
    expect(matches("uri-reference", "/relative/path?x=1#y")).toBe(true);
  });

  it("keeps ajv-formats' function checks for other formats and accepts unknown ones", () => {
    expect(typeof formats.int32).toBe("object");
    expect(formats["repo.nwo"]).toBe(true);
    expect(formatDefinitions(["constructor"]).constructor).toBe(true);
  });
});
