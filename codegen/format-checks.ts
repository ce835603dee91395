/**
 * Format checks written as `charCodeAt` loops, each exactly equivalent to the regular expression of
 * the same name in `FORMAT_PATTERNS` (the same answer for every JavaScript string, lone surrogates
 * included). Compiling a regular expression costs V8 0.2-0.5 ms on its first use, which a Lambda
 * pays on its first request; these functions cost nothing to set up.
 *
 * Every function is copied into the generated validators' helpers from this file's text (see
 * `formatCheckSources` in validator-formats.ts), so each must stand alone: no reference to anything
 * outside its own body (no helpers, no module constants), the signature exactly
 * `export function name(value: string): boolean {`, plain JavaScript in the body, and the closing
 * brace alone at the start of a line. Small loops are therefore repeated in each function.
 *
 * Semantics carried over from the regular expressions (no `u` flag):
 * - `\s` is U+0009-U+000D, U+0020, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
 *   U+3000 and U+FEFF; `\d` is ASCII 0-9.
 * - The `i` flag folds ASCII letters only: without `u`, case folding never maps a non-ASCII
 *   character (KELVIN SIGN U+212A, LONG S U+017F, U+0130, U+0131) onto an ASCII one.
 * - `$` matches only at the very end: a trailing newline fails.
 */

/**
 * `/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i`: a scheme, a colon, then no whitespace. The optional
 * `//` adds nothing (`[^\s]*` takes slashes too) and the scheme cannot hold a colon, so the scheme
 * runs up to the first character it cannot hold, which must be the colon.
 */
export function isUri(value: string): boolean {
  const n = value.length;
  if (n < 2) return false;
  let c = value.charCodeAt(0) | 32;
  if (c < 97 || c > 122) return false;
  let i = 1;
  for (; i < n; i++) {
    c = value.charCodeAt(i);
    const l = c | 32;
    if (!((l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) break;
  }
  if (i === n || c !== 58) return false;
  for (i++; i < n; i++) {
    c = value.charCodeAt(i);
    if (c > 32 && c < 160) continue;
    if (
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 160 ||
      c === 5760 ||
      (c >= 8192 && c <= 8202) ||
      c === 8232 ||
      c === 8233 ||
      c === 8239 ||
      c === 8287 ||
      c === 12288 ||
      c === 65279
    ) {
      return false;
    }
  }
  return true;
}

/**
 * `/^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i`. Every part excludes
 * whitespace; the fragment starts at the first `#` and excludes backslashes. Before it, the prefix
 * is optional and the path may start with anything but a backslash, so the only other constraint
 * is that the string does not start with a backslash (no prefix can start with one).
 */
export function isUriReference(value: string): boolean {
  const n = value.length;
  let fragment = false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c > 32 && c < 160) {
      if (c === 92) {
        if (i === 0 || fragment) return false;
      } else if (c === 35) {
        fragment = true;
      }
    } else if (
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 160 ||
      c === 5760 ||
      (c >= 8192 && c <= 8202) ||
      c === 8232 ||
      c === 8233 ||
      c === 8239 ||
      c === 8287 ||
      c === 12288 ||
      c === 65279
    ) {
      return false;
    }
  }
  return true;
}

/**
 * `/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i`. `c | 32` folds A-Z onto a-z and
 * nothing else onto the letters compared; colons and dashes are compared exactly.
 */
export function isUuid(value: string): boolean {
  const n = value.length;
  let start = 0;
  if (n === 45) {
    if (
      (value.charCodeAt(0) | 32) !== 117 ||
      (value.charCodeAt(1) | 32) !== 114 ||
      (value.charCodeAt(2) | 32) !== 110 ||
      value.charCodeAt(3) !== 58 ||
      (value.charCodeAt(4) | 32) !== 117 ||
      (value.charCodeAt(5) | 32) !== 117 ||
      (value.charCodeAt(6) | 32) !== 105 ||
      (value.charCodeAt(7) | 32) !== 100 ||
      value.charCodeAt(8) !== 58
    ) {
      return false;
    }
    start = 9;
  } else if (n !== 36) {
    return false;
  }
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102))) {
      return false;
    }
  }
  return true;
}

/**
 * `/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/`. Month and day are read as two digit values
 * (`charCodeAt - 48`); a non-digit falls outside every range tested.
 */
export function isDate(value: string): boolean {
  if (value.length !== 10) return false;
  for (let i = 0; i < 4; i++) {
    const c = value.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return false;
  }
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const m1 = value.charCodeAt(5) - 48;
  const m2 = value.charCodeAt(6) - 48;
  if (!((m1 === 0 && m2 >= 1 && m2 <= 9) || (m1 === 1 && m2 >= 0 && m2 <= 2))) return false;
  const d1 = value.charCodeAt(8) - 48;
  const d2 = value.charCodeAt(9) - 48;
  return (
    (d1 === 0 && d2 >= 1 && d2 <= 9) ||
    ((d1 === 1 || d1 === 2) && d2 >= 0 && d2 <= 9) ||
    (d1 === 3 && d2 >= 0 && d2 <= 1)
  );
}

/**
 * `/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[t\s](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i`
 *
 * The shortest match is `YYYY-MM-DDTHH:MM:SSZ` (20 characters). Fields are read as digit values
 * (`charCodeAt - 48`) as in `isDate`. Fractional seconds are taken greedily, which is safe since the
 * offset never starts with a digit; the offset is `z`/`Z`, or a sign and an hour followed by nothing,
 * two minute digits, or a colon and two minute digits (2, 4 or 5 characters after the sign).
 */
export function isDateTime(value: string): boolean {
  const n = value.length;
  if (n < 20) return false;
  for (let i = 0; i < 4; i++) {
    const c = value.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return false;
  }
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const m1 = value.charCodeAt(5) - 48;
  const m2 = value.charCodeAt(6) - 48;
  if (!((m1 === 0 && m2 >= 1 && m2 <= 9) || (m1 === 1 && m2 >= 0 && m2 <= 2))) return false;
  const d1 = value.charCodeAt(8) - 48;
  const d2 = value.charCodeAt(9) - 48;
  if (
    !(
      (d1 === 0 && d2 >= 1 && d2 <= 9) ||
      ((d1 === 1 || d1 === 2) && d2 >= 0 && d2 <= 9) ||
      (d1 === 3 && d2 >= 0 && d2 <= 1)
    )
  ) {
    return false;
  }
  let c = value.charCodeAt(10);
  if (
    !(
      (c | 32) === 116 ||
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 160 ||
      c === 5760 ||
      (c >= 8192 && c <= 8202) ||
      c === 8232 ||
      c === 8233 ||
      c === 8239 ||
      c === 8287 ||
      c === 12288 ||
      c === 65279
    )
  ) {
    return false;
  }
  const h1 = value.charCodeAt(11) - 48;
  const h2 = value.charCodeAt(12) - 48;
  if (!(((h1 === 0 || h1 === 1) && h2 >= 0 && h2 <= 9) || (h1 === 2 && h2 >= 0 && h2 <= 3))) return false;
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return false;
  const i1 = value.charCodeAt(14) - 48;
  const i2 = value.charCodeAt(15) - 48;
  if (!(i1 >= 0 && i1 <= 5 && i2 >= 0 && i2 <= 9)) return false;
  const s1 = value.charCodeAt(17) - 48;
  const s2 = value.charCodeAt(18) - 48;
  if (!((s1 >= 0 && s1 <= 5 && s2 >= 0 && s2 <= 9) || (s1 === 6 && s2 === 0))) return false;
  let i = 19;
  c = value.charCodeAt(i);
  if (c === 46) {
    const first = ++i;
    while (i < n) {
      c = value.charCodeAt(i);
      if (!(c >= 48 && c <= 57)) break;
      i++;
    }
    if (i === first || i === n) return false;
  }
  if ((c | 32) === 122) return i + 1 === n;
  if (c !== 43 && c !== 45) return false;
  const rest = n - i - 1;
  if (rest !== 2 && rest !== 4 && rest !== 5) return false;
  const o1 = value.charCodeAt(i + 1) - 48;
  const o2 = value.charCodeAt(i + 2) - 48;
  if (!(((o1 === 0 || o1 === 1) && o2 >= 0 && o2 <= 9) || (o1 === 2 && o2 >= 0 && o2 <= 3))) return false;
  if (rest === 2) return true;
  i += 3;
  if (rest === 5) {
    if (value.charCodeAt(i) !== 58) return false;
    i++;
  }
  const p1 = value.charCodeAt(i) - 48;
  const p2 = value.charCodeAt(i + 1) - 48;
  return p1 >= 0 && p1 <= 5 && p2 >= 0 && p2 <= 9;
}

/** The checks by JSON-schema format name. */
export const FORMAT_CHECKS: Record<string, (value: string) => boolean> = {
  uri: isUri,
  "uri-reference": isUriReference,
  uuid: isUuid,
  date: isDate,
  "date-time": isDateTime,
};

/** The regular expressions the checks replace, by format name: the specification each must match exactly. */
export const FORMAT_PATTERNS: Record<string, RegExp> = {
  uri: /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,
  "uri-reference": /^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  "date-time":
    /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[t\s](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i,
};
