import type { OperationCall } from "./operation-caller.js";

/** Most entries one client keeps; the least recently used goes first. */
export const ETAG_CACHE_ENTRIES = 500;

interface Entry {
  etag: string;
  data: unknown;
}

/**
 * The bodies of GET answers that carried an `ETag`, in memory, per client: the next read of the same
 * resource sends `If-None-Match`, and a `304 Not Modified` resolves with the kept body. Winery reads
 * are the API's ETag-bearing answers (openapi.yaml); others are never stored.
 */
export class EtagCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = ETAG_CACHE_ENTRIES) {}

  /** The resource a GET reads: its path template, path parameters and query. */
  static keyOf(call: OperationCall): string | undefined {
    if (call.method !== "get") return undefined;
    return JSON.stringify([call.path, call.pathParams ?? {}, call.query ?? {}]);
  }

  lookup(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  remember(key: string, etag: string | null, data: unknown): void {
    this.entries.delete(key);
    if (etag === null) return;
    this.entries.set(key, { etag, data });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}
