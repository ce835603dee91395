import fc from "fast-check";

const REMOVE = Symbol("remove the member");

/** What a client may put into a cursor it decoded: the spec calls cursors opaque, not signed. */
const REPLACEMENTS: readonly unknown[] = [
  REMOVE,
  "",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "' OR 1=1--",
  "\u0000",
  "-271821-04-20T00:00:00.000Z",
  "-004714-01-01T00:00:00.000Z",
  "275760-09-13T00:00:00.000Z",
  "2024-02-30T25:61:00Z",
  "1",
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  null,
  true,
  [],
  {},
];

/**
 * Cursors the API issued, with one member changed, removed or the encoding itself broken. Each must
 * get a page (if it still makes sense) or a 400 naming the cursor, never a server error.
 */
export function tamperedCursorArbitrary(issued: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...issued), fc.nat(), fc.constantFrom(...REPLACEMENTS))
      .map(([cursor, pick, replacement]) => replaceMember(cursor, pick, replacement)),
    fc
      .tuple(fc.constantFrom(...issued), fc.nat(), fc.constantFrom("flip", "truncate", "pad", "base64"))
      .map(([cursor, pick, how]) => breakEncoding(cursor, pick, how)),
  );
}

function replaceMember(cursor: string, pick: number, replacement: unknown): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return breakEncoding(cursor, pick, "flip");
  }
  const leaves = leafPaths(decoded);
  const path = leaves[pick % Math.max(1, leaves.length)];
  if (!path || path.length === 0) return breakEncoding(cursor, pick, "flip");
  let parent = decoded as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (replacement === REMOVE) delete parent[last];
  else parent[last] = replacement;
  return Buffer.from(JSON.stringify(decoded)).toString("base64url");
}

function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value !== "object" || value === null) return [path];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...path, key]));
}

function breakEncoding(cursor: string, pick: number, how: string): string {
  const at = pick % Math.max(1, cursor.length);
  switch (how) {
    case "flip":
      return cursor.slice(0, at) + (cursor[at] === "A" ? "B" : "A") + cursor.slice(at + 1);
    case "truncate":
      return cursor.slice(0, Math.max(1, at));
    case "pad":
      return `${cursor}==`;
    default:
      return Buffer.from(cursor, "base64url").toString("base64");
  }
}
