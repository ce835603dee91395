import { illFormedText } from "../runtime/well-formed-text.js";
import type { IssueTokenInput } from "./local-issuer.js";

const MAX_SUB_LENGTH = 128;
const MAX_GROUPS = 100;
const MAX_EXPIRY_SECONDS = 24 * 3600;
const ALLOWED_FIELDS = new Set(["sub", "groups", "email", "expiresInSeconds"]);
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Validates a `POST /_local/token` body; returns the token input or what is wrong with it. */
export function parseTokenRequest(
  body: unknown,
): { ok: true; input: IssueTokenInput } | { ok: false; detail: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, detail: "The body must be a JSON object" };
  }
  const fields = body as Record<string, unknown>;
  // Unknown fields are refused so that a typo such as "group" does not silently mint a token without groups.
  const unknown = Object.keys(fields).filter((key) => !ALLOWED_FIELDS.has(key));
  if (unknown.length > 0) return { ok: false, detail: `Unknown field(s): ${unknown.join(", ")}` };

  // The subject becomes a user id in the database, which cannot store these.
  if (illFormedText(fields, "").length > 0) {
    return { ok: false, detail: "Fields must not contain NUL characters or unpaired surrogates" };
  }
  const { sub, groups = [], email, expiresInSeconds } = fields;
  if (typeof sub !== "string" || sub.length < 1 || sub.length > MAX_SUB_LENGTH) {
    return { ok: false, detail: `"sub" must be a string of 1 to ${MAX_SUB_LENGTH} characters` };
  }
  if (
    !Array.isArray(groups) ||
    groups.length > MAX_GROUPS ||
    !groups.every((group) => typeof group === "string" && group.length >= 1 && group.length <= MAX_SUB_LENGTH)
  ) {
    return {
      ok: false,
      detail: `"groups" must be an array of non-empty strings of at most ${MAX_SUB_LENGTH} characters`,
    };
  }
  if (email !== undefined && (typeof email !== "string" || !EMAIL.test(email) || email.length > 254)) {
    return { ok: false, detail: '"email" must be an email address' };
  }
  if (
    expiresInSeconds !== undefined &&
    (typeof expiresInSeconds !== "number" ||
      !Number.isInteger(expiresInSeconds) ||
      expiresInSeconds < 1 ||
      expiresInSeconds > MAX_EXPIRY_SECONDS)
  ) {
    return { ok: false, detail: `"expiresInSeconds" must be an integer from 1 to ${MAX_EXPIRY_SECONDS}` };
  }
  const input: IssueTokenInput = { sub, groups: groups as string[] };
  if (email !== undefined) input.email = email as string;
  if (expiresInSeconds !== undefined) input.expiresInSeconds = expiresInSeconds as number;
  return { ok: true, input };
}
