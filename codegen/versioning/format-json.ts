/**
 * JSON laid out the way the repo's formatter (biome) lays it out, so committed snapshots pass
 * `biome check` untouched: objects always expanded, arrays on one line when they hold no
 * non-empty object and fit in the line width, otherwise one item per line.
 */
export function formatJson(value: unknown, lineWidth = 110): string {
  return `${print(value, 0, 0, lineWidth)}\n`;
}

const INDENT = "  ";

/** `prefixWidth`: characters already on the line before this value (indent, key) plus a trailing comma. */
function print(value: unknown, depth: number, prefixWidth: number, lineWidth: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inline = inlineArray(value);
    if (inline !== undefined && prefixWidth + inline.length <= lineWidth) return inline;
    const inner = INDENT.repeat(depth + 1);
    const items = value.map(
      (item, index) =>
        `${inner}${print(item, depth + 1, inner.length + (index < value.length - 1 ? 1 : 0), lineWidth)}`,
    );
    return `[\n${items.join(",\n")}\n${INDENT.repeat(depth)}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const inner = INDENT.repeat(depth + 1);
    const lines = entries.map(([key, item], index) => {
      const prefix = `${inner}${JSON.stringify(key)}: `;
      const comma = index < entries.length - 1 ? 1 : 0;
      return `${prefix}${print(item, depth + 1, prefix.length + comma, lineWidth)}`;
    });
    return `{\n${lines.join(",\n")}\n${INDENT.repeat(depth)}}`;
  }
  return JSON.stringify(value ?? null);
}

function inlineArray(value: unknown[]): string | undefined {
  const parts: string[] = [];
  for (const item of value) {
    if (Array.isArray(item)) {
      const nested = item.length === 0 ? "[]" : inlineArray(item);
      if (nested === undefined) return undefined;
      parts.push(nested);
    } else if (item && typeof item === "object") {
      if (Object.keys(item).length > 0) return undefined;
      parts.push("{}");
    } else parts.push(JSON.stringify(item ?? null));
  }
  return `[${parts.join(", ")}]`;
}
