/**
 * A strong entity tag for a JSON body (RFC 9110, section 8.8.3): a hash of the bytes the client
 * receives, so it changes exactly when the representation does, with no column to keep in step.
 * Web Crypto's global, not node:crypto: loading that at every cold start costs the handlers that
 * never send a tag (test/bundle/production-bundles.test.ts).
 */
export async function entityTag(body: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(body)));
  return `"${Buffer.from(digest).toString("base64url").slice(0, 22)}"`;
}

/**
 * Whether `If-None-Match` names the current tag. It uses the weak comparison (section 13.1.2):
 * `W/"x"` matches `"x"`; `*` matches any current representation.
 */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * A read that honours `If-None-Match`: `304` with no body when the client's copy is current, else
 * `200` with the body; both carry the tag and `Cache-Control`, as section 15.4.5 asks of a 304.
 */
export async function conditionalRead<B>(
  ifNoneMatch: string | undefined,
  body: B,
  cacheControl: string,
): Promise<
  | { status: 200; body: B; headers: Record<string, string> }
  | { status: 304; body: undefined; headers: Record<string, string> }
> {
  const etag = await entityTag(body);
  const headers = { ETag: etag, "Cache-Control": cacheControl };
  return ifNoneMatchHits(ifNoneMatch, etag)
    ? { status: 304, body: undefined, headers }
    : { status: 200, body, headers };
}
