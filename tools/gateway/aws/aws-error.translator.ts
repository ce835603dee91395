import { GatewayCliError } from "../cli/gateway-cli.error.js";

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN", "EPIPE"]);

/**
 * Turns whatever the SDK threw into one line saying what failed, where, and what to do about it.
 * `action` reads like "GetExport prodv1 of cellar (a1b2c3)".
 */
export function translateAwsError(
  error: unknown,
  action: string,
  region: string,
  settings: { endpoint?: string; profile?: string } = {},
): GatewayCliError {
  const { endpoint, profile } = settings;
  const failure = (error ?? {}) as AwsLikeError;
  const name = failure.name ?? "Error";
  const message = (failure.message ?? String(error)).trim();
  const attempts = failure.$metadata?.attempts;
  const where = `${action} in ${region}`;
  switch (name) {
    case "TooManyRequestsException":
    case "ThrottlingException":
    case "LimitExceededException":
      if (name === "LimitExceededException" && !/rate|throttl/i.test(message)) {
        return new GatewayCliError(`${where} hit an API Gateway quota: ${message}`);
      }
      return new GatewayCliError(
        `${where} was throttled by API Gateway and still failed after ${attempts ?? "several"} attempts with backoff; wait a minute or raise --max-attempts`,
      );
    case "NotFoundException":
      return new GatewayCliError(`${where}: not found: ${message}`);
    case "ConflictException":
      return new GatewayCliError(
        `${where} conflicts with another change to the same API (${message}); run it again once that change is done`,
      );
    case "BadRequestException":
      return new GatewayCliError(`${where} was rejected by API Gateway: ${formatImportMessage(message)}`);
    case "UnauthorizedException":
    case "AccessDeniedException":
    case "UnrecognizedClientException":
    case "InvalidSignatureException":
    case "ExpiredTokenException":
      return new GatewayCliError(
        `${where} is not allowed (${name}: ${message}); check --profile and its permissions`,
      );
    case "CredentialsProviderError":
      return new GatewayCliError(
        profile
          ? `no AWS credentials from profile "${profile}" for ${region}: ${message.split("\n")[0]}; check the profile in ~/.aws/config`
          : `no AWS credentials for ${region}: ${message.split("\n")[0]}; pass --profile or set AWS_PROFILE`,
      );
    case "ServiceUnavailableException":
      return new GatewayCliError(`${where}: API Gateway is unavailable (${message}); try again shortly`);
  }
  const code = failure.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (code && NETWORK_CODES.has(code)) {
    return new GatewayCliError(
      `${where}: cannot reach API Gateway${endpoint ? ` at ${endpoint}` : ""} (${code}); check --endpoint-url and the network`,
    );
  }
  return new GatewayCliError(`${where} failed: ${name}: ${message}`);
}

/**
 * API Gateway lists import problems in one message, tab-indented after "Warnings found during
 * import:" or "Errors found during import:"; show them as a readable list.
 */
export function formatImportMessage(message: string): string {
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length <= 1) return message;
  return lines.map((line, index) => (index === 0 || line.endsWith(":") ? line : `  - ${line}`)).join("\n");
}
