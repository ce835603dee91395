import { randomBytes, randomUUID } from "node:crypto";
import type { ApiClient, Exchange } from "../setup/http-client.js";

/** Throws with `message` when `condition` is false; probes' verify steps use it. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A uuid no fixture has: the API must answer 404 for it. */
export function unknownId(): string {
  return randomUUID();
}

/** The parsed JSON body, typed for the verify step (the schema has been checked already). */
export function bodyOf<T>(exchange: Exchange): T {
  return exchange.json as T;
}

/** The same token with another signature: well-formed, but not signed by the issuer. */
export function forgeSignature(token: string): string {
  const [header, payload, signature = ""] = token.split(".");
  const forged = randomBytes(Math.max(32, Math.floor((signature.length * 3) / 4))).toString("base64url");
  return `${header}.${payload}.${forged}`;
}

/** `?a=1&b=2`, encoding values; undefined values are left out. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Ids that occur more than once. */
export function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) repeated.push(id);
    seen.add(id);
  }
  return repeated;
}

/** Whether `values` never decreases (or never increases when `descending`). */
export function isSorted<T>(values: readonly T[], descending = false): boolean {
  for (let i = 1; i < values.length; i++) {
    const [a, b] = [values[i - 1]!, values[i]!];
    if (descending ? a < b : a > b) return false;
  }
  return true;
}

/** A 201's Location must end with `expectedPath` and, when it is readable, lead to the new resource. */
export async function expectLocationLeadsTo(
  ctx: { api: ApiClient },
  created: Exchange,
  expectedPath: string,
  id?: string,
): Promise<void> {
  const location = created.headers.location ?? "";
  expect(location.endsWith(expectedPath), `Location is ${location}, expected ${expectedPath}`);
  if (id === undefined) return;
  const fetched = await ctx.api.send({ method: "GET", path: location });
  expect(fetched.status === 200, `GET ${location} answered ${fetched.status}`);
  expect((fetched.json as { id?: unknown }).id === id, `GET ${location} returned another resource`);
}
