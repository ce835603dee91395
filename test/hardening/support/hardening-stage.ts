import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { closeDatabase } from "../../../src/db/database-instance.js";
import { handlers } from "../../../src/handlers/index.js";
import { loadGateways } from "../../../src/local/load-gateways.js";
import { createLocalIssuer, type LocalIssuer, localIssuerUrl } from "../../../src/local/local-issuer.js";
import { createLocalStage, type LocalStageOptions } from "../../../src/local/server.js";
import { LOCAL_API_KEYS } from "../../../src/settings/api-keys.js";

export interface HardeningStage {
  origin: string;
  /** The stage's token issuer and the directory holding its private key, for forging tokens. */
  issuer: LocalIssuer;
  dataDir: string;
  token(sub: string, groups?: string[], email?: string): Promise<string>;
  /** What the stage logged as errors, to check that failures are logged but not shown. */
  errors: string[];
  close(): Promise<void>;
}

export type HardeningStageOptions = Pick<
  LocalStageOptions,
  "handlerTimeoutMs" | "bodyTimeoutMs" | "corsOrigins"
>;

/**
 * The real local stage (real handlers, generated gateways, the database DATABASE_URL names) on a free
 * port, with the stage options a hardening test needs to tighten and a quiet logger that keeps errors.
 */
export async function startHardeningStage(options: HardeningStageOptions = {}): Promise<HardeningStage> {
  const dataDir = await mkdtemp(join(tmpdir(), "cellar-hardening-"));
  let port = 0;
  const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port), dataDir });
  const gateways = await loadGateways(resolve(import.meta.dirname, "../../.."));
  const errors: string[] = [];
  const logger = {
    info: () => {},
    error: (message: string, error: unknown) => errors.push(`${message} ${String(error)}`),
  };
  const server = createLocalStage({ gateways, handlers, issuer, logger, ...options });
  // Client and server share this process: a long synchronous stretch in a test must not let the
  // server's idle timer close a keep-alive socket just as the client reuses it.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    issuer,
    dataDir,
    token: (sub, groups = [], email) => issuer.issueToken({ sub, groups, ...(email ? { email } : {}) }),
    errors,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await closeDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A JSON call with an optional bearer token; `rawBody` is sent verbatim. */
export async function call(
  stage: HardeningStage,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  // The app's own key: every /v2 operation but ping requires one (v1 ignores it).
  const headers: Record<string, string> = { "x-api-key": LOCAL_API_KEYS.app.value, ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  if (hasBody) headers["Content-Type"] ??= "application/json";
  const response = await fetch(`${stage.origin}${path}`, {
    method,
    headers,
    body: hasBody ? Buffer.from(options.rawBody ?? JSON.stringify(options.body)) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}
