/**
 * What an allowed CORS origin is and how a list of them is written: the one definition the Lambda
 * runtime (`CORS_ORIGINS`), the local stage, the generated gateway preflight (stage variable
 * `corsOrigins`) and the infra config validation share.
 *
 * An origin is `scheme://host[:port]` as a browser serializes it (lowercase, no path, no default
 * port), or the literal `null` (Cordova on file://, sandboxed frames), which is allowed only when
 * listed. Hybrid webviews send `capacitor://localhost`, `ionic://localhost`, `https://localhost`,
 * `http://localhost` or their app's own scheme; each must be listed like any other origin.
 */

/** The stage variable the gateway preflight reads the list from. */
export const CORS_ORIGINS_STAGE_VARIABLE = "corsOrigins";
/** Origins in `CORS_ORIGINS` and in the stage variable are separated by this, nothing else. */
export const CORS_ORIGIN_SEPARATOR = ",";
export const NULL_ORIGIN = "null";

/**
 * API Gateway stage variable values must match `[A-Za-z0-9-._~:/?#&=,]+` and be at most 512
 * characters (https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html,
 * API_Stage `variables`, and the REST API quotas table).
 */
export const STAGE_VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;
export const MAX_STAGE_VARIABLE_LENGTH = 512;

const SHAPE = /^([^:/?#]+):\/\/([^/?#]*)(.*)$/;
// `+` is legal in a URI scheme but not in a stage variable value, so it is refused here too.
const SCHEME = /^[a-z][a-z0-9.-]*$/;
const HOST_PORT = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: "80", https: "443" };

/** Why `origin` cannot be allowed, or `undefined` when it can. */
export function corsOriginProblem(origin: string): string | undefined {
  if (origin === NULL_ORIGIN) return undefined;
  const not = (reason: string) =>
    `${JSON.stringify(origin)} is not an origin: ${reason} (an origin is scheme://host[:port], or null)`;
  if (origin.includes("*")) return not("wildcards are not allowed, list every origin");
  if (origin !== origin.toLowerCase() && corsOriginProblem(origin.toLowerCase()) === undefined) {
    return not("write it in lowercase, as browsers send it");
  }
  const shape = SHAPE.exec(origin);
  if (!shape) return not("no scheme://");
  const [, scheme = "", authority = "", rest = ""] = shape;
  if (rest !== "") return not(`it has a path, query or fragment (${JSON.stringify(rest)})`);
  if (!SCHEME.test(scheme)) return not('the scheme must be a-z, 0-9, "." or "-", starting with a letter');
  const hostPort = HOST_PORT.exec(authority);
  if (!hostPort) return not('the host must be a-z, 0-9, "." or "-", with an optional :port');
  const port = hostPort[3];
  if (port !== undefined) {
    if (Number(port) < 1 || Number(port) > 65_535 || port.startsWith("0")) return not("bad port");
    if (DEFAULT_PORTS[scheme] === port) return not(`browsers never send ${scheme}'s default port ${port}`);
  }
  return undefined;
}

export class CorsOriginsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid CORS origins:\n  - ${problems.join("\n  - ")}`);
    this.name = "CorsOriginsError";
  }
}

/** Every problem with a list of origins, empty when it can be written and used as it is. */
export function corsOriginsProblems(origins: readonly string[]): string[] {
  const problems = origins.flatMap((origin) => corsOriginProblem(origin) ?? []);
  if (problems.length > 0) return problems;
  const written = origins.join(CORS_ORIGIN_SEPARATOR);
  if (written.length > MAX_STAGE_VARIABLE_LENGTH) {
    problems.push(
      `the list is ${written.length} characters written out; API Gateway stage variables hold at most ${MAX_STAGE_VARIABLE_LENGTH}`,
    );
  }
  return problems;
}

/** `a, b,,a` → `["a", "b"]`: separated by commas, blanks dropped, duplicates once; throws on any bad origin. */
export function parseCorsOrigins(text: string | undefined): string[] {
  const origins = [
    ...new Set(
      (text ?? "")
        .split(CORS_ORIGIN_SEPARATOR)
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ""),
    ),
  ];
  const problems = corsOriginsProblems(origins);
  if (problems.length > 0) throw new CorsOriginsError(problems);
  return origins;
}

/** The list as `CORS_ORIGINS` and the `corsOrigins` stage variable carry it; throws on any bad origin. */
export function formatCorsOrigins(origins: readonly string[]): string {
  const unique = [...new Set(origins)];
  const problems = corsOriginsProblems(unique);
  if (problems.length > 0) throw new CorsOriginsError(problems);
  return unique.join(CORS_ORIGIN_SEPARATOR);
}

/** The value for `Access-Control-Allow-Origin`: the request's origin when it is listed exactly, else nothing. */
export function allowedCorsOrigin(
  requestOrigin: string | undefined,
  allowed: ReadonlySet<string>,
): string | undefined {
  return requestOrigin !== undefined && allowed.has(requestOrigin) ? requestOrigin : undefined;
}

/** A `Vary` value that includes `Origin`, keeping whatever the response varied on already. */
export function varyOnOrigin(existing: string | undefined): string {
  if (!existing?.trim()) return "Origin";
  const names = existing.split(",").map((name) => name.trim().toLowerCase());
  return names.includes("origin") || names.includes("*") ? existing : `${existing}, Origin`;
}
