import { joinPointer } from "./json-pointer.js";

/**
 * Where a node sits: `pointer` into the dereferenced spec (what the classifier walked) and `source`,
 * the `#/...` location in the spec as written (inside a component when the node came from a `$ref`).
 */
export interface Location {
  pointer: string;
  source: string;
}

export type Origins = WeakMap<object, string>;

export function rootLocation(pointer: string): Location {
  return { pointer, source: `#${pointer}` };
}

export function childLocation(
  origins: Origins,
  parent: Location,
  value: unknown,
  ...tokens: Array<string | number>
): Location {
  const origin = value && typeof value === "object" ? origins.get(value) : undefined;
  return {
    pointer: joinPointer(parent.pointer, ...tokens),
    source: origin ?? joinPointer(parent.source, ...tokens),
  };
}
