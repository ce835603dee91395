import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FORMAT_CHECKS,
  FORMAT_PATTERNS,
  isDate,
  isDateTime,
  isUri,
  isUriReference,
  isUuid,
} from "../../codegen/format-checks.js";

type Check = (value: string) => boolean;

const FORMATS = ["uri", "uri-reference", "uuid", "date", "date-time"] as const;
type Format = (typeof FORMATS)[number];

const check = (format: Format): Check => FORMAT_CHECKS[format]!;
const pattern = (format: Format): RegExp => FORMAT_PATTERNS[format]!;

/** The code units JavaScript's `\s` matches without the `u` flag. */
const WHITESPACE_CODES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
const WHITESPACE = WHITESPACE_CODES.map((code) => String.fromCharCode(code));

/** Characters whose upper case is ASCII or that fold near ASCII letters: KELVIN SIGN, LONG S, İ, ı. */
const FOLDING = ["\u212a", "\u017f", "\u0130", "\u0131"];

const SEEDS: Record<Format, string[]> = {
  uri: ["https://ex.com/a?b#c", "a:", "Z9+-.://x"],
  "uri-reference": ["a:/b\\c#d", "//h/p?q#f#g", "\\"],
  uuid: ["urn:uuid:123e4567-e89b-12d3-a456-426614174000", "ABCDEF01-2345-6789-abcd-ef0123456789"],
  date: ["2024-12-31", "2024-02-09"],
  "date-time": [
    "2024-02-29T23:59:60.123+05:30",
    "2024-02-29t10:00:00z",
    "2024-02-29 19:09:09-0530",
    "2024-02-29T10:00:00+01",
  ],
};

/** Both the check and the regular expression give `expected` (the latter keeps the table honest). */
function expectResult(format: Format, value: string, expected: boolean): void {
  const label = `${format} ${JSON.stringify(value)}`;
  expect(pattern(format).test(value), `regex: ${label}`).toBe(expected);
  expect(check(format)(value), `check: ${label}`).toBe(expected);
}

/** Up to `limit` inputs among `values` on which `fn` and the regular expression disagree. */
function disagreements(format: Format, fn: Check, values: Iterable<string>, limit = 5): string[] {
  const re = pattern(format);
  const found: string[] = [];
  for (const value of values) {
    if (fn(value) !== re.test(value) && found.push(value) >= limit) break;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Generators

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const oneOf = (chars: string) => fc.constantFrom(...Array.from(chars));

/** Single characters likely to matter somewhere in the grammars, plus any UTF-16 code unit. */
const interestingChar = fc.oneof(
  { weight: 6, arbitrary: oneOf("0123456789-:.+/#\\tTzZaAfFgGkKsSiIuUrRnNdDhH_%?@[`{\u001a\u0000\u00e9") },
  { weight: 3, arbitrary: fc.constantFrom(...WHITESPACE, "\u200b", "\u180e", "\u0085") },
  { weight: 1, arbitrary: fc.constantFrom(...FOLDING, "\ud800", "\udc00", "\uff10", "\u0661") },
  { weight: 2, arbitrary: codeUnit },
);

const pad = (width: number) => (n: number) => String(n).padStart(width, "0");
/** Two digits from 00 to `max`: set just past the valid range so both sides of each bound come up. */
const twoDigits = (max: number) => fc.integer({ min: 0, max }).map(pad(2));
const digits = (min: number, max: number) =>
  fc.array(oneOf("0123456789"), { minLength: min, maxLength: max }).map((ds) => ds.join(""));
const year = fc.oneof({ weight: 8, arbitrary: digits(4, 4) }, { weight: 1, arbitrary: digits(3, 5) });
/** `word` with each letter in a random case. */
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => Array.from(word, (ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(""));

const dateShaped = fc
  .tuple(year, oneOf("----/"), twoDigits(19), oneOf("----/"), twoDigits(39))
  .map((parts) => parts.join(""));

const offsetShaped = fc.oneof(
  fc.constantFrom("Z", "z", "", "+", "Zz"),
  fc
    .tuple(oneOf("+-+-_"), twoDigits(29), fc.constantFrom("", ":", ":", "::"), fc.option(twoDigits(69)))
    .map(
      ([sign, hour, colon, minute]) => `${sign}${hour}${minute === null ? colon.slice(1) : colon + minute}`,
    ),
  fc.tuple(oneOf("+-"), digits(0, 5)).map(([sign, ds]) => sign + ds),
);

const dateTimeShaped = fc
  .tuple(
    dateShaped,
    fc.oneof(
      { weight: 3, arbitrary: oneOf("Tt ") },
      { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE, "x", "") },
    ),
    twoDigits(29),
    oneOf("::::."),
    twoDigits(69),
    oneOf("::::."),
    twoDigits(69),
    fc.oneof(
      fc.constant(""),
      fc.constant("."),
      digits(1, 12).map((ds) => `.${ds}`),
      digits(0, 3),
    ),
    offsetShaped,
  )
  .map((parts) => parts.join(""));

const hexChar = oneOf("0123456789abcdefABCDEF0123456789abcdefABCDEFgG");
const hexGroup = (length: number) =>
  fc
    .tuple(
      fc.constantFrom(length, length, length, length, length, length - 1, length + 1),
      fc.array(hexChar, { minLength: 13, maxLength: 13 }),
    )
    .map(([n, chars]) => chars.slice(0, n).join(""));
const uuidShaped = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant("") },
      { weight: 3, arbitrary: anyCase("urn:uuid:") },
      {
        weight: 1,
        arbitrary: fc.constantFrom("urn:uuid", "urn-uuid:", "uuid:", "urn:uuid::", "urn\u001auuid:"),
      },
    ),
    hexGroup(8),
    oneOf("----_"),
    hexGroup(4),
    oneOf("----_"),
    hexGroup(4),
    oneOf("----_"),
    hexGroup(4),
    oneOf("----_"),
    hexGroup(12),
  )
  .map((parts) => parts.join(""));

const schemeShaped = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: oneOf("abczABCZ") }, { weight: 1, arbitrary: oneOf("0+-._") }),
    fc.array(oneOf("abzAZ09+-._"), { maxLength: 6 }),
  )
  .map(([first, rest]) => first + rest.join(""));
const uriRestChar = fc.oneof(
  { weight: 12, arbitrary: oneOf("abcXYZ019/?=&%.:@!$'()*+,;-_~") },
  { weight: 2, arbitrary: oneOf("#\\") },
  { weight: 1, arbitrary: fc.constantFrom(...WHITESPACE) },
  { weight: 1, arbitrary: codeUnit },
);
const uriRest = fc.array(uriRestChar, { maxLength: 16 }).map((chars) => chars.join(""));

const uriShaped = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: schemeShaped.map((s) => `${s}:`) },
      { weight: 1, arbitrary: schemeShaped },
    ),
    fc.constantFrom("", "/", "//", "///"),
    uriRest,
  )
  .map((parts) => parts.join(""));

const uriReferenceShaped = fc
  .tuple(
    fc.oneof(
      fc.constant(""),
      schemeShaped.map((s) => `${s}:`),
    ),
    fc.constantFrom("", "/", "//", "\\"),
    uriRest,
    fc.oneof(
      fc.constant(""),
      uriRest.map((s) => `#${s}`),
    ),
  )
  .map((parts) => parts.join(""));

const SHAPED: Record<Format, fc.Arbitrary<string>> = {
  uri: uriShaped,
  "uri-reference": uriReferenceShaped,
  uuid: uuidShaped,
  date: dateShaped,
  "date-time": dateTimeShaped,
};

type Edit = ["insert" | "delete" | "substitute", number, string];
const edit: fc.Arbitrary<Edit> = fc.tuple(
  fc.constantFrom("insert", "delete", "substitute"),
  fc.nat(),
  interestingChar,
);

function applyEdits(value: string, edits: Edit[]): string {
  let out = value;
  for (const [kind, at, ch] of edits) {
    const i = at % (out.length + 1);
    if (kind === "insert") out = out.slice(0, i) + ch + out.slice(i);
    else if (kind === "delete") out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + ch + out.slice(i + 1);
  }
  return out;
}

/** Strings built from the grammar's pieces (valid ones among them), often with one to three edits. */
const nearMiss = (format: Format): fc.Arbitrary<string> => {
  const base = fc.oneof(SHAPED[format], fc.constantFrom(...SEEDS[format]));
  return fc.oneof(
    { weight: 2, arbitrary: base },
    {
      weight: 3,
      arbitrary: fc
        .tuple(base, fc.array(edit, { minLength: 1, maxLength: 3 }))
        .map(([s, es]) => applyEdits(s, es)),
    },
  );
};

const RUNS = 3000;

// ---------------------------------------------------------------------------------------------

describe("the `\\s` and case-folding semantics the checks rely on", () => {
  it("`\\s` without the `u` flag is exactly the listed code units", () => {
    const matched: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (/\s/.test(String.fromCharCode(code))) matched.push(code);
    }
    expect(matched).toEqual(WHITESPACE_CODES);
  });

  it("`i` without `u` maps no non-ASCII character onto an ASCII letter", () => {
    const folded: number[] = [];
    for (let code = 0x80; code <= 0xffff; code++) {
      if (/[a-z]/i.test(String.fromCharCode(code))) folded.push(code);
    }
    expect(folded).toEqual([]);
  });

  it.each(FOLDING.map((ch) => [ch.charCodeAt(0).toString(16).padStart(4, "0"), ch]))(
    "U+%s never passes for an ASCII letter",
    (_hex, ch) => {
      expectResult("uri", `${ch}ttp://x`, false);
      expectResult("uri", `h${ch}:x`, false);
      expectResult("uri", `${ch}:x`, false);
      expectResult("uri-reference", `${ch}\\`, true);
      expectResult("uuid", `urn:uu${ch}d:123e4567-e89b-12d3-a456-426614174000`, false);
      expectResult("uuid", `${ch}rn:uuid:123e4567-e89b-12d3-a456-426614174000`, false);
      expectResult("date-time", `2024-01-01${ch}10:00:00Z`, false);
      expectResult("date-time", `2024-01-01T10:00:00${ch}`, false);
    },
  );
});

const TABLE: Record<Format, [string, boolean][]> = {
  uri: [
    ["https://example.com/a?b=c#d", true],
    ["mailto:someone@example.com", true],
    ["urn:isbn:0451450523", true],
    ["HTTP://EXAMPLE.COM", true],
    ["file:///tmp/x", true],
    ["a:", true],
    ["A:", true],
    ["a+b-c.d9:x", true],
    ["a:\\back\\slash", true],
    ["a:#frag#frag", true],
    ["a::", true],
    ["h:\u00e9\ud800\udc00\ud800", true],
    ["h:\u200b", true],
    ["h:\u180e", true],
    ["h:\u0085", true],
    ["", false],
    [":", false],
    ["a", false],
    ["abc", false],
    ["1a:", false],
    ["+a:", false],
    [".a:", false],
    ["ht_tp://x", false],
    ["h\u00e9:x", false],
    ["/relative/path", false],
    ["//host/path", false],
    ["example.com", false],
    [" https://x", false],
    ["https ://x", false],
    ["https://example.com/a b", false],
    ["https://x\n", false],
    ["https://x\r\n", false],
    ["\nhttps://x", false],
    ["https://x\t", false],
    ["https://x\u00a0", false],
    ["https://x\u1680", false],
    ["https://x\u2000", false],
    ["https://x\u200a", false],
    ["https://x\u2028", false],
    ["https://x\u2029", false],
    ["https://x\u202f", false],
    ["https://x\u205f", false],
    ["https://x\u3000", false],
    ["https://x\ufeff", false],
  ],
  "uri-reference": [
    ["", true],
    ["/relative/path?x=1#y", true],
    ["https://example.com/a?b#c", true],
    ["a", true],
    [":", true],
    ["?q", true],
    ["#", true],
    ["#frag", true],
    ["#a#b", true],
    ["a#b:c/d?e", true],
    ["//host", true],
    ["///", true],
    ["a\\b", true],
    ["a:\\b", true],
    ["/\\", true],
    ["//\\", true],
    ["a:/\\", true],
    ["ab\\\\#c", true],
    ["1a:x", true],
    ["\u00e9\ud800", true],
    ["\\", false],
    ["\\a", false],
    ["\\#a", false],
    ["#\\", false],
    ["a#\\", false],
    ["a#b\\c", false],
    ["a#b#\\", false],
    [" ", false],
    ["a b", false],
    ["a\n", false],
    ["\na", false],
    ["#a b", false],
    ["#\n", false],
    ["a\u00a0", false],
    ["\u3000", false],
    ["a#\ufeff", false],
    ["a:/b\u2028", false],
  ],
  uuid: [
    ["123e4567-e89b-12d3-a456-426614174000", true],
    ["123E4567-E89B-12D3-A456-426614174000", true],
    ["00000000-0000-0000-0000-000000000000", true],
    ["ffffffff-FFFF-ffff-FFFF-ffffffffffff", true],
    ["urn:uuid:123e4567-e89b-12d3-a456-426614174000", true],
    ["URN:UUID:123e4567-e89b-12d3-a456-426614174000", true],
    ["uRn:UuId:123E4567-e89b-12d3-a456-426614174000", true],
    ["", false],
    ["urn:uuid:", false],
    ["123e4567e89b12d3a456426614174000", false],
    ["123e4567-e89b-12d3-a456-42661417400", false],
    ["123e4567-e89b-12d3-a456-4266141740000", false],
    ["123e4567-e89b-12d3-a4560426614174000", false],
    ["123e4567-e89b-12d3-a456-42661417400g", false],
    ["123e4567-e89b-12d3-a456_426614174000", false],
    ["{123e4567-e89b-12d3-a456-426614174000}", false],
    ["123e4567-e89b-12d3-a456-426614174000\n", false],
    [" 123e4567-e89b-12d3-a456-426614174000", false],
    ["urn:uuid:123e4567-e89b-12d3-a456-426614174000\n", false],
    ["urn:uuid 123e4567-e89b-12d3-a456-426614174000", false],
    ["urn:uuid123e4567-e89b-12d3-a456-426614174000", false],
    ["urn-uuid:123e4567-e89b-12d3-a456-426614174000", false],
    ["urn:uuid::123e4567-e89b-12d3-a456-426614174000", false],
    ["urn\u001auuid:123e4567-e89b-12d3-a456-426614174000", false],
    ["urn:uuid\u001a123e4567-e89b-12d3-a456-426614174000", false],
    ["uuid:123e4567-e89b-12d3-a456-426614174000", false],
    ["123e4567-e89b-12d3-a456\r426614174000", false],
    ["123e4567\u2010e89b-12d3-a456-426614174000", false],
  ],
  date: [
    ["2024-01-01", true],
    ["2024-12-31", true],
    ["0000-01-01", true],
    ["9999-09-09", true],
    ["2024-02-30", true],
    ["2024-10-10", true],
    ["2024-11-19", true],
    ["2024-01-20", true],
    ["2024-01-29", true],
    ["2024-01-30", true],
    ["", false],
    ["2024-00-01", false],
    ["2024-13-01", false],
    ["2024-20-01", false],
    ["2024-01-00", false],
    ["2024-01-32", false],
    ["2024-01-40", false],
    ["2024-1a-01", false],
    ["2024-1-01", false],
    ["2024-01-1", false],
    ["24-01-01", false],
    ["20240-01-01", false],
    ["2024-01-01\n", false],
    [" 2024-01-01", false],
    ["2024-01-01 ", false],
    ["2024/01/01", false],
    ["2024-01-01T00:00:00Z", false],
    ["\uff12024-01-01", false],
    ["2024-0\u0661-01", false],
    ["2024\u201001-01", false],
    ["202a-01-01", false],
  ],
  "date-time": [
    ["2024-02-29T10:00:00Z", true],
    ["2024-02-29t10:00:00.123z", true],
    ["2024-02-29 10:00:00+01:00", true],
    ["2024-02-29T23:59:60-0530", true],
    ["2024-02-29T10:00:00+01", true],
    ["2024-02-29T00:00:00+23:59", true],
    ["2024-02-29T00:00:00-2359", true],
    ["2024-02-29T00:00:00+00:00", true],
    ["2024-12-31T23:59:59.999999999Z", true],
    ["2024-01-01T10:00:00.5+01:00", true],
    ["2024-01-01T10:00:00.0-01", true],
    ["2024-01-01T19:00:00Z", true],
    ["2024-01-01T20:00:00Z", true],
    ["2024-01-01T10:00:60Z", true],
    ["2024-02-31T10:00:00Z", true],
    ["2024-01-01\t10:00:00Z", true],
    ["2024-01-01\n10:00:00Z", true],
    ["2024-01-01\u00a010:00:00Z", true],
    ["2024-01-01\u300010:00:00Z", true],
    ["2024-01-01\u202810:00:00Z", true],
    ["2024-01-01\ufeff10:00:00Z", true],
    ["2024-02-29T10:00:00", false],
    ["2024-02-29T10:00:00.123", false],
    ["2024-00-01T10:00:00Z", false],
    ["2024-13-01T10:00:00Z", false],
    ["2024-01-00T10:00:00Z", false],
    ["2024-01-32T10:00:00Z", false],
    ["2024-01-01T24:00:00Z", false],
    ["2024-01-01T30:00:00Z", false],
    ["2024-01-01T10:60:00Z", false],
    ["2024-01-01T10:00:61Z", false],
    ["2024-01-01T10:00:70Z", false],
    ["2024-01-01T10:00:00+24:00", false],
    ["2024-01-01T10:00:00+23:60", false],
    ["2024-01-01T10:00:00+2360", false],
    ["2024-01-01T10:00:00+2400", false],
    ["2024-01-01T10:00:00+24", false],
    ["2024-01-01T10:00:00+23:5", false],
    ["2024-01-01T10:00:00+235", false],
    ["2024-01-01T10:00:00+2", false],
    ["2024-01-01T10:00:00+", false],
    ["2024-01-01T10:00:00-", false],
    ["2024-01-01T10:00:00+01:", false],
    ["2024-01-01T10:00:00+0100:", false],
    ["2024-01-01T10:00:00+01:00:00", false],
    ["2024-01-01T10:00:00+01::00", false],
    ["2024-01-01T10:00:00+01:00Z", false],
    ["2024-01-01T10:00:00ZZ", false],
    ["2024-01-01T10:00:00Z\n", false],
    ["2024-01-01T10:00:00+01:00\n", false],
    ["2024-01-01T10:00:00z ", false],
    ["2024-01-01T10:00:00.Z", false],
    ["2024-01-01T10:00:00..1Z", false],
    ["2024-01-01T10:00:00,123Z", false],
    ["2024-01-01T10:00:00.12a3Z", false],
    ["2024-01-01X10:00:00Z", false],
    ["2024-01-0110:00:00Z", false],
    ["2024-01-01  10:00:00Z", false],
    ["2024-01-01\u200b10:00:00Z", false],
    ["2024-01-01\u180e10:00:00Z", false],
    ["2024-01-01\u008510:00:00Z", false],
    ["2024-01-01T10:00Z", false],
    ["2024-01-01T1:00:00Z", false],
    ["2024-01-01T10-00-00Z", false],
    ["2024-01-01", false],
    ["", false],
    [" 2024-01-01T10:00:00Z", false],
  ],
};

describe.each(FORMATS)("%s: table", (format) => {
  it.each(TABLE[format])("%j → %s", (value, expected) => {
    expectResult(format, value, expected);
  });

  it.each(WHITESPACE_CODES.map((code) => [code.toString(16).padStart(4, "0"), String.fromCharCode(code)]))(
    "U+%s inserted or substituted at every position of every seed agrees with the regex",
    (_hex, ch) => {
      const values: string[] = [];
      for (const seed of SEEDS[format]) {
        for (let i = 0; i <= seed.length; i++) {
          values.push(seed.slice(0, i) + ch + seed.slice(i), seed.slice(0, i) + ch + seed.slice(i + 1));
        }
      }
      expect(disagreements(format, check(format), values)).toEqual([]);
    },
  );
});

describe.each(FORMATS)("%s: exhaustive single-character edits", (format) => {
  it("every UTF-16 code unit inserted at, or substituted for, every position of every seed", () => {
    function* values(): Generator<string> {
      for (const seed of SEEDS[format]) {
        for (let i = 0; i <= seed.length; i++) {
          const head = seed.slice(0, i);
          const tail = seed.slice(i);
          const after = seed.slice(i + 1);
          yield head + after;
          for (let code = 0; code <= 0xffff; code++) {
            const ch = String.fromCharCode(code);
            yield head + ch + tail;
            yield head + ch + after;
          }
        }
      }
    }
    expect(disagreements(format, check(format), values())).toEqual([]);
  });
});

describe.each(FORMATS)("%s: properties", (format) => {
  const fn = check(format);
  const re = pattern(format);
  const agrees = (value: string) => fn(value) === re.test(value);

  it("agrees with the regex on arbitrary strings", () => {
    fc.assert(fc.property(fc.string(), agrees), { numRuns: RUNS });
  });

  it("agrees with the regex on arbitrary full-Unicode strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), agrees), { numRuns: RUNS });
  });

  it("agrees with the regex on arbitrary UTF-16 code units, lone surrogates included", () => {
    fc.assert(fc.property(fc.string({ unit: codeUnit }), agrees), { numRuns: RUNS });
  });

  it("agrees with the regex on strings built from the grammar, with and without edits", () => {
    fc.assert(fc.property(nearMiss(format), agrees), { numRuns: RUNS * 3 });
  });

  it("agrees with the regex on edited seeds", () => {
    const edited = fc
      .tuple(fc.constantFrom(...SEEDS[format]), fc.array(edit, { minLength: 1, maxLength: 2 }))
      .map(([seed, es]) => applyEdits(seed, es));
    fc.assert(fc.property(edited, agrees), { numRuns: RUNS });
  });

  it("builds valid and invalid strings in useful proportions", () => {
    const samples = fc.sample(nearMiss(format), { numRuns: 4000, seed: 42 });
    const valid = samples.filter((value) => re.test(value)).length;
    expect(valid / samples.length).toBeGreaterThan(0.1);
    expect(valid / samples.length).toBeLessThan(0.9);
  });
});

// ---------------------------------------------------------------------------------------------

const FUNCTIONS: [Format, Check, string][] = [
  ["uri", isUri, "isUri"],
  ["uri-reference", isUriReference, "isUriReference"],
  ["uuid", isUuid, "isUuid"],
  ["date", isDate, "isDate"],
  ["date-time", isDateTime, "isDateTime"],
];

const KEYWORDS = new Set([
  "function",
  "return",
  "const",
  "let",
  "if",
  "else",
  "for",
  "while",
  "break",
  "continue",
  "true",
  "false",
]);
const PROPERTIES = new Set(["length", "charCodeAt"]);

describe.each(FUNCTIONS)("%s: standalone source", (format, fn, name) => {
  const source = fn.toString();

  it("is exported under its format name", () => {
    expect(FORMAT_CHECKS[format]).toBe(fn);
    expect(fn.name).toBe(name);
    expect(fn.length).toBe(1);
  });

  it("names nothing but its parameter, its locals, keywords and string properties", () => {
    expect(source.startsWith(`function ${name}(value)`), source.slice(0, 80)).toBe(true);
    // No slash at all: no regular expression literal, no comment, no division.
    expect(source).not.toContain("/");
    const words = source.replace(/\b\d+\b/g, " ").match(/\.?[A-Za-z_$][\w$]*/g) ?? [];
    const locals = new Set([
      name,
      "value",
      ...Array.from(source.matchAll(/\b(?:const|let)\s+([A-Za-z_$][\w$]*)/g), (m) => m[1]),
    ]);
    const unknown = words.filter((word) =>
      word.startsWith(".") ? !PROPERTIES.has(word.slice(1)) : !KEYWORDS.has(word) && !locals.has(word),
    );
    expect(unknown).toEqual([]);
  });

  it("evaluates on its own and agrees with the regex", () => {
    const standalone = new Function(`"use strict"; return (${source});`)() as Check;
    expect(typeof standalone).toBe("function");
    for (const [value, expected] of TABLE[format])
      expect(standalone(value), JSON.stringify(value)).toBe(expected);
    const re = pattern(format);
    fc.assert(
      fc.property(nearMiss(format), (value) => standalone(value) === re.test(value)),
      { numRuns: RUNS },
    );
  });
});
