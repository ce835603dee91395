/**
 * A copy of `headers` that takes more headers quickly. V8 gives an object made by spreading
 * (`{ ...headers }`) a shape that adding a property to is slow (about 1 µs each, measured on the
 * per-request bench), and response headers are always added to after the copy.
 */
export function copyHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const name in headers) if (Object.hasOwn(headers, name)) copy[name] = headers[name]!;
  return copy;
}
