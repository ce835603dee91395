import type { Tokens } from "../setup/tokens.js";
import { type Auth, type FuzzRequest, targetOf } from "./fuzz-request.js";

export interface FuzzResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  bodyText: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

/** No answer within this long counts as a hang, which is a failure in its own right. */
export const FUZZ_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends fuzz requests exactly as described: the body as bytes (so fetch adds no Content-Type of its
 * own), repeated query names kept, and every request counted for the summary.
 */
export class FuzzClient {
  requests = 0;
  readonly endpoint: string;

  constructor(
    endpoint: string,
    readonly tokens: Tokens,
    readonly apiKey?: string,
  ) {
    this.endpoint = endpoint.replace(/\/+$/, "");
  }

  authorization(auth: Auth): string | undefined {
    if (auth.kind === "role") return `Bearer ${this.tokens[auth.role]}`;
    if (auth.kind === "raw") return auth.value;
    return undefined;
  }

  async send(request: FuzzRequest): Promise<FuzzResponse> {
    this.requests += 1;
    // The key is the caller's entitlement, not an input to fuzz: every request carries it.
    const headers: Record<string, string> = {
      ...(this.apiKey ? { "x-api-key": this.apiKey } : {}),
      ...request.headers,
    };
    const authorization = this.authorization(request.auth);
    if (authorization !== undefined) headers.Authorization = authorization;
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}${targetOf(request)}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : Buffer.from(request.body, "utf8"),
        signal: AbortSignal.timeout(FUZZ_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`${request.method} ${request.path}: ${describeFetchError(error)}`);
    }
    const bodyText = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    return { status: response.status, headers: responseHeaders, bodyText, json: parseJson(bodyText) };
  }
}

/** fetch says only "fetch failed"; the cause (a reset, a refused connection) is what a reader needs. */
function describeFetchError(error: unknown): string {
  if ((error as Error).name === "TimeoutError") return `no answer within ${FUZZ_REQUEST_TIMEOUT_MS} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return [(error as Error).message, cause?.code, cause?.message].filter(Boolean).join(": ");
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
