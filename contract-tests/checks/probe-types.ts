import type { FixtureFactory, Winery } from "../setup/fixture-factory.js";
import type { ApiClient, Exchange } from "../setup/http-client.js";
import type { CallerClaims } from "../setup/jwt-claims.js";
import type { GeoPoint } from "../setup/run-id.js";
import type { Tokens } from "../setup/tokens.js";

/** What a probe gets to work with. */
export interface ProbeContext {
  api: ApiClient;
  tokens: Tokens;
  claims: Record<keyof Tokens, CallerClaims>;
  make: FixtureFactory;
  runId: string;
  /** A fresh point far from every other probe's data, for searches that must see only their own. */
  freshLocation(): GeoPoint;
  /** A winery shared by probes that only read it or fail before touching it. */
  sharedWinery(): Promise<Winery>;
}

/**
 * What a case sent: the exchanges graded against the case's status (each gets the status,
 * Content-Type, full body schema and header checks), then `verify` for assertions beyond the
 * contract (same resource on replay, pages without duplicates...), which throws to fail.
 */
export interface Sent {
  exchanges: Exchange[];
  verify?: () => void | Promise<void>;
}

/** One way to trigger a documented response. */
export interface ProbeCase {
  /** What the case does, e.g. "lat is not a number". */
  title: string;
  /** For 400: the JSON pointer into the request that `errors[]` must name, e.g. `/query/lat`. */
  errorPath?: string;
  send(ctx: ProbeContext): Promise<Exchange | Exchange[] | Sent>;
}

/** Probe cases keyed by operationId, then by the documented status they trigger. */
export type ProbeTable = Record<string, Partial<Record<number, ProbeCase[]>>>;
