/** One HTTP request as a probe describes it; paths are relative to the endpoint (`/v1/wineries?...`). */
export interface ApiRequest {
  method: string;
  path: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** A raw Authorization header, for malformed credentials; wins over `token`. */
  authorization?: string;
  /** Serialized as JSON; the Content-Type defaults to application/json. */
  json?: unknown;
  /** Sent verbatim, e.g. malformed JSON. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** `x-api-key`: the client's own key when absent, none when null, this one when a string. */
  apiKey?: string | null;
}

/** A request with the response it got, kept whole so failures can show both. */
export interface Exchange {
  request: ApiRequest & { url: string };
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  bodyText: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

const REQUEST_TIMEOUT_MS = 15_000;

export class ApiClient {
  readonly endpoint: string;

  constructor(
    endpoint: string,
    /** Sent as `x-api-key` on every request unless one says otherwise; operations that need none ignore it. */
    readonly apiKey?: string,
  ) {
    // A deployed stage may have a base path of its own (https://host/stage); keep it, drop the slash.
    this.endpoint = endpoint.replace(/\/+$/, "");
  }

  /** `path` is relative to the endpoint, or absolute (a Location header may be). */
  url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.endpoint}${path}`;
  }

  async send(request: ApiRequest): Promise<Exchange> {
    const url = this.url(request.path);
    const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers["Content-Type"] = "application/json";
    }
    if (request.rawBody !== undefined) body = request.rawBody;
    if (request.contentType !== undefined) headers["Content-Type"] = request.contentType;
    if (request.token !== undefined) headers.Authorization = `Bearer ${request.token}`;
    if (request.authorization !== undefined) headers.Authorization = request.authorization;
    const apiKey = request.apiKey === undefined ? this.apiKey : request.apiKey;
    if (apiKey !== undefined && apiKey !== null) headers["x-api-key"] = apiKey;
    Object.assign(headers, request.headers);

    const response = await fetch(url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const bodyText = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    return {
      request: { ...request, url },
      status: response.status,
      headers: responseHeaders,
      bodyText,
      json: parseJson(bodyText),
    };
  }
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A compact description of an exchange for failure messages. */
export function describeExchange(exchange: Exchange): string {
  const { request } = exchange;
  const body = exchange.bodyText.length > 400 ? `${exchange.bodyText.slice(0, 400)}...` : exchange.bodyText;
  return `${request.method} ${request.path} -> ${exchange.status} ${body}`;
}
