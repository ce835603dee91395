export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON Pointer segment escaping (RFC 6901), so locations in messages can be followed literally. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Rebuilds a JSON value with every string passed through `transform`. Strings are where ARNs and
 * placeholders live, whatever extension holds them, so rewriting never depends on knowing the schema.
 */
export function mapStrings(
  value: unknown,
  transform: (text: string, pointer: string) => string,
  pointer = "",
): unknown {
  if (typeof value === "string") return transform(value, pointer);
  if (Array.isArray(value))
    return value.map((item, index) => mapStrings(item, transform, `${pointer}/${index}`));
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        mapStrings(item, transform, `${pointer}/${pointerSegment(key)}`),
      ]),
    );
  }
  return value;
}

/** Deep equality for JSON values, ignoring object key order. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => jsonEqual(item, right[index]));
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
  }
  return false;
}
