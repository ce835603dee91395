const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * Authorization headers that must be refused with 401, derived from a real token so each one is
 * wrong in exactly one way: no signature, a payload that no longer matches its signature, a changed
 * signature, another scheme, or no credentials at all.
 */
export function forgedCredentials(realToken: string): Array<{ label: string; value: string }> {
  const [header = "", payload = "", signature = ""] = realToken.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  const { kid } = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { kid?: string };
  const flipped = signature.slice(0, 10) + (signature[10] === "A" ? "B" : "A") + signature.slice(11);
  const escalated = { ...claims, sub: "admin", "cognito:groups": ["admin"] };
  return [
    { label: "garbage", value: "Bearer not-a-jwt" },
    { label: "empty bearer", value: "Bearer" },
    { label: "basic", value: "Basic dXNlcjpwYXNz" },
    { label: "alg none", value: `Bearer ${b64url({ alg: "none", typ: "JWT", kid })}.${payload}.` },
    { label: "tampered payload", value: `Bearer ${header}.${b64url(escalated)}.${signature}` },
    { label: "tampered signature", value: `Bearer ${header}.${payload}.${flipped}` },
    { label: "signature dropped", value: `Bearer ${header}.${payload}` },
  ];
}
