import type { Exchange } from "../setup/http-client.js";
import { expect } from "./probe-helpers.js";
import type { ProbeContext } from "./probe-types.js";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface WalkOptions {
  token?: string;
  /** The limit for page n (0-based); the spec allows changing it between pages. */
  limitFor: (page: number) => number;
  /** Runs before page n (n >= 1) is fetched, e.g. to insert data mid-walk. */
  beforePage?: (page: number) => Promise<void>;
}

const MAX_PAGES = 200;

/**
 * Follows `nextCursor` from the first page to the last. `path` carries the fixed query; limit and
 * cursor are appended. Stops at a non-200 answer (its grading reports it).
 */
export async function walkPages(ctx: ProbeContext, path: string, options: WalkOptions): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    if (page > 0) await options.beforePage?.(page);
    const params = new URLSearchParams({ limit: String(options.limitFor(page)) });
    if (cursor !== null) params.set("cursor", cursor);
    const separator = path.includes("?") ? "&" : "?";
    const exchange = await ctx.api.send({
      method: "GET",
      path: `${path}${separator}${params}`,
      token: options.token,
    });
    exchanges.push(exchange);
    if (exchange.status !== 200) return exchanges;
    cursor = (exchange.json as Page<unknown>).nextCursor;
    if (cursor === null) return exchanges;
  }
  throw new Error(`${path} still had a nextCursor after ${MAX_PAGES} pages`);
}

/** Every item of a walk, checking on the way that no page is larger than its limit. */
export function itemsOf<T>(exchanges: readonly Exchange[], options: WalkOptions): T[] {
  return exchanges.flatMap((exchange, page) => {
    const { items } = exchange.json as Page<T>;
    expect(items.length <= options.limitFor(page), `page ${page} has ${items.length} items, over its limit`);
    return items;
  });
}
