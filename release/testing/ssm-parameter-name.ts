import { AwsJsonError } from "./aws-json-protocol.js";

/*
 * Parameter name rules, from the PutParameter API reference (`Name`) and "Understanding parameter name
 * requirements and constraints":
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html
 */

/** The API's length constraint on `Name`. */
const MAX_NAME_LENGTH = 2048;
/** What a caller may really use: 1011 characters, counting the ARN prefix before the name. */
const MAX_QUALIFIED_LENGTH = 1011;
/** "a maximum depth of fifteen levels"; counted here as slash-separated segments, the name included. */
const MAX_DEPTH = 15;
const ALLOWED = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED_PREFIX = /^\/?(aws|ssm)/i;

const invalid = (message: string) => new AwsJsonError("ValidationException", message);

/**
 * Returns the name AWS would store, or throws as AWS does. `creating` adds the rules PutParameter
 * applies to new names only (reserved prefixes, depth), so public names such as `/aws/service/...`
 * stay readable.
 */
export function checkParameterName(
  name: unknown,
  where: { region: string; accountId: string; creating: boolean },
): string {
  if (typeof name !== "string" || name.trim() === "") {
    throw invalid(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  }
  // "The service removes any spaces specified for the beginning or end of a parameter name."
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw invalid(
      `1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAME_LENGTH}`,
    );
  }
  if (!ALLOWED.test(trimmed)) {
    throw invalid(
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
    );
  }
  if (trimmed.includes("/") && !trimmed.startsWith("/")) {
    throw invalid("Parameter name must be a fully qualified name.");
  }
  if (qualifiedKey(trimmed).slice(1).split("/").includes("")) {
    throw invalid("Parameter name must not contain empty hierarchy levels.");
  }
  if (parameterArn(where.region, where.accountId, trimmed).length > MAX_QUALIFIED_LENGTH) {
    throw invalid(
      `Parameter name is too long: with its ARN prefix it must be at most ${MAX_QUALIFIED_LENGTH} characters.`,
    );
  }
  if (where.creating && RESERVED_PREFIX.test(trimmed)) {
    throw invalid('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  }
  if (where.creating && qualifiedKey(trimmed).split("/").length - 1 > MAX_DEPTH) {
    throw new AwsJsonError(
      "HierarchyLevelLimitExceededException",
      `A hierarchy can have a maximum of ${MAX_DEPTH} levels.`,
    );
  }
  return trimmed;
}

/**
 * `TestParam1` and `/TestParam1` name the same parameter ("not unique" in the constraints page), so
 * both are stored under the leading-slash form.
 */
export function qualifiedKey(name: string): string {
  return name.startsWith("/") ? name : `/${name}`;
}

export function parameterArn(region: string, accountId: string, name: string): string {
  return `arn:aws:ssm:${region}:${accountId}:parameter${qualifiedKey(name)}`;
}
