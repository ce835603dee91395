/** A bearer token, or nothing for an anonymous caller; may be async (read from secure storage, refreshed). */
export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface RetryOptions {
  /** Retries after the first attempt (default 2); 0 disables retrying. */
  maxRetries?: number;
  /** Backoff base: attempt n waits a random time in [0, baseDelayMs * 2^n) ("full jitter"). Default 200. */
  baseDelayMs?: number;
  /** No wait is longer than this; a `Retry-After` asking for more is not retried but surfaced. Default 10 000. */
  maxDelayMs?: number;
}

export interface ClientOptions {
  /** Origin of the API, e.g. `https://api.cellar.example` or `http://localhost:3000` (no version path). */
  baseUrl: string;
  /** Called before each attempt of an operation that needs a token: the user's Cognito ID token (not the access token). */
  getToken?: TokenSource;
  /**
   * Called once when a secured operation answers 401 (an expired token); the request is then sent
   * again with the token it returns. Concurrent 401s share one refresh.
   */
  refreshToken?: TokenSource;
  /** Per-attempt timeout in milliseconds, covering the response body too (default 15 000; 0 disables). */
  timeoutMs?: number;
  retry?: RetryOptions | false;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Keep the bodies of reads that carry an `ETag` (winery reads) in memory and revalidate them with
   * `If-None-Match`: a `304` resolves with the kept body (a copy). Default `true`; `false` sends no
   * conditional header of its own (one passed explicitly, like `ifNoneMatch`, then gets an ApiError 304).
   */
  etagCache?: boolean;
  /** A fetch implementation, for runtimes without a global one or for instrumentation. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Per-call overrides, the last argument of every method. */
export interface RequestOptions {
  /** Cancels the call, including waits between retries; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryOptions | false;
  headers?: Record<string, string>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_RETRY: Required<RetryOptions> = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 10_000 };
