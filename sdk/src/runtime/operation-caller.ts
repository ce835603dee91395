import createFetchClient from "openapi-fetch";
import {
  type ClientOptions,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type RequestOptions,
} from "./client-options.js";
import { ApiError, CellarError, NetworkError, TimeoutError } from "./errors.js";
import { EtagCache } from "./etag-cache.js";
import { newIdempotencyKey } from "./idempotency-key.js";
import { encodeRequestBody, type RequestBodyKind } from "./request-body.js";
import { isReplayable, isRetryableStatus, parseRetryAfter, retryDelay } from "./retry-policy.js";

/** What a generated method hands to the runtime: the spec's facts about the operation and the caller's input. */
export interface OperationCall {
  method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  /** The path as written in the spec, `{name}` placeholders included. */
  path: string;
  /** The operation takes a bearer token. */
  secured?: boolean;
  pathParams?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
  /** The request body's media type when it is not `application/json` (e.g. a merge patch). */
  contentType?: string;
  /** How a body that is not JSON is encoded (`encodeRequestBody`). */
  bodyKind?: RequestBodyKind;
  /** A header the server deduplicates requests by: filled with a random key when absent, so retries are safe. */
  idempotencyHeader?: string;
}

/** Sends one operation's request (not the backend's `Caller`, the signed-in user an operation sees). */
export type OperationSender = <T>(call: OperationCall, options?: RequestOptions) => Promise<T>;

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

// openapi-fetch types its methods by the paths of one spec; the generated methods carry those types,
// so the runtime talks to it untyped.
type UntypedRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<Answer>;

/** The runtime behind every generated client: tokens, timeouts, retries and typed errors around openapi-fetch. */
export function createCaller(client: ClientOptions): OperationSender {
  const request = createFetchClient({ baseUrl: client.baseUrl, fetch: client.fetch })
    .request as unknown as UntypedRequest;
  const etags = client.etagCache === false ? undefined : new EtagCache();
  let refreshing: Promise<string | null | undefined> | undefined;
  // Requests that fail together with one expired token must not each refresh it.
  const refresh = () => {
    refreshing ??= Promise.resolve()
      .then(client.refreshToken)
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  async function send(call: OperationCall, headers: Headers, options: RequestOptions): Promise<Answer> {
    const { signal } = options;
    const timeoutMs = options.timeoutMs ?? client.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    const cancel = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", cancel);
    try {
      if (signal?.aborted) throw signal.reason;
      // openapi-fetch reads the body before resolving, so the timeout covers a stalled body too.
      return await request(call.method, call.path, {
        params: { path: call.pathParams, query: call.query },
        ...(call.bodyKind && call.body !== undefined
          ? { body: encodeRequestBody(call.bodyKind, call.body), bodySerializer: (body: unknown) => body }
          : { body: call.body }),
        headers,
        signal: controller.signal,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const where = `${call.method.toUpperCase()} ${call.path}`;
      if (timedOut) throw new TimeoutError(`${where} got no complete answer within ${timeoutMs} ms`);
      if (error instanceof TypeError || (error as Error | undefined)?.name === "AbortError") {
        throw new NetworkError(`${where} failed: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", cancel);
    }
  }

  return async function callOperation<T>(call: OperationCall, options: RequestOptions = {}): Promise<T> {
    const retry = options.retry ?? client.retry;
    const policy = { ...DEFAULT_RETRY, ...(retry === false ? { maxRetries: 0 } : retry) };
    const headers = new Headers({ ...client.headers, ...options.headers });
    // A multipart Content-Type carries the boundary, which only fetch knows when it writes the body.
    if (call.contentType && call.bodyKind !== "multipart") headers.set("Content-Type", call.contentType);
    for (const [name, value] of Object.entries(call.header ?? {})) {
      if (value !== undefined && value !== null) headers.set(name, String(value));
    }
    // One key per call, the same on every attempt: that is what makes a retried POST safe.
    if (call.idempotencyHeader && !headers.has(call.idempotencyHeader)) {
      headers.set(call.idempotencyHeader, newIdempotencyKey());
    }
    // Revalidate a kept body, unless the caller asked a condition of its own.
    const cacheKey = etags ? EtagCache.keyOf(call) : undefined;
    const kept =
      cacheKey !== undefined && !headers.has("If-None-Match") ? etags?.lookup(cacheKey) : undefined;
    if (kept) headers.set("If-None-Match", kept.etag);
    const replayable = isReplayable(call.method, headers);
    let refreshedToken: string | null | undefined;
    let refreshed = false;
    for (let retries = 0; ; retries++) {
      if (call.secured) {
        const token = refreshed ? refreshedToken : await client.getToken?.();
        // No token: leave whatever Authorization the caller configured (or none) to the server to judge.
        if (token) headers.set("Authorization", `Bearer ${token}`);
      }
      const answer = await send(call, headers, options).catch((error: unknown) => {
        if (error instanceof NetworkError || error instanceof TimeoutError) return error;
        throw error;
      });
      let failure: CellarError;
      let retryAfterMs: number | undefined;
      if (answer instanceof CellarError) {
        failure = answer;
      } else {
        const { response } = answer;
        if (response.ok) {
          if (cacheKey !== undefined)
            etags?.remember(cacheKey, response.headers.get("ETag"), structuredClone(answer.data));
          return answer.data as T;
        }
        // A copy, so a caller changing what it got cannot change what the next read returns.
        if (response.status === 304 && kept) return structuredClone(kept.data) as T;
        // A 401 is refused before anything happens, so even a POST can go again with a fresh token.
        if (response.status === 401 && call.secured && client.refreshToken && !refreshed) {
          refreshed = true;
          refreshedToken = await refresh();
          retries--;
          continue;
        }
        failure = new ApiError(response, answer.error, call.method.toUpperCase());
        if (!isRetryableStatus(response.status)) throw failure;
        retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"));
      }
      const delay =
        replayable && retries < policy.maxRetries ? retryDelay(retries, policy, retryAfterMs) : undefined;
      if (delay === undefined) throw failure;
      await sleep(delay, options.signal);
    }
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
