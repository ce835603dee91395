import type {
  DeleteParameterRequest,
  GetParameterRequest,
  GetParametersByPathRequest,
  PutParameterRequest,
} from "@aws-sdk/client-ssm";
import { AwsJsonError, type JsonOperation, notImplemented } from "./aws-json-protocol.js";

import { checkParameterName, parameterArn, qualifiedKey } from "./ssm-parameter-name.js";

/*
 * Parameter Store as the API reference describes it:
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
 */

interface StoredVersion {
  value: string;
  type: "String" | "StringList";
  version: number;
  lastModified: number;
  description?: string;
}

interface StoredParameter {
  name: string;
  /** Oldest first; AWS keeps the last 100 versions of a parameter. */
  versions: StoredVersion[];
}

/** Standard tier: "a maximum parameter value of 4 KB". Advanced tier is not modelled. */
const MAX_VALUE_LENGTH = 4096;
const MAX_VERSIONS = 100;
const PAGE_LIMIT = 10;

const validation = (message: string) => new AwsJsonError("ValidationException", message);
const notFound = () => new AwsJsonError("ParameterNotFound", "Parameter not found");

/** String parameters per region; responses are shaped as the JSON the service sends. */
export class SsmState {
  private readonly regions = new Map<string, Map<string, StoredParameter>>();

  constructor(
    readonly accountId = "123456789012",
    private readonly now: () => number = Date.now,
  ) {}

  putParameter(region: string, input: Partial<PutParameterRequest>): { Version: number; Tier: "Standard" } {
    const name = checkParameterName(input.Name, { region, accountId: this.accountId, creating: true });
    if (typeof input.Value !== "string") throw validation("Parameter value must not be null");
    if (input.Value.length > MAX_VALUE_LENGTH) {
      throw validation(
        `Standard tier parameters support a maximum parameter value of ${MAX_VALUE_LENGTH} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`,
      );
    }
    if (input.Tier && input.Tier !== "Standard") throw notImplemented(`Tier ${input.Tier}`);
    if (input.DataType && input.DataType !== "text") throw notImplemented(`DataType ${input.DataType}`);
    if (input.Type === "SecureString") throw notImplemented("SecureString");
    if (input.Type !== undefined && input.Type !== "String" && input.Type !== "StringList") {
      throw validation(
        `Value '${input.Type}' at 'type' failed to satisfy enum value set: [SecureString, StringList, String]`,
      );
    }
    if (input.Tags?.length && input.Overwrite) {
      throw validation(
        "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
      );
    }
    if (input.AllowedPattern && !new RegExp(input.AllowedPattern).test(input.Value)) {
      throw new AwsJsonError(
        "ParameterPatternMismatchException",
        `Parameter value, ${input.Value}, failed to satisfy constraint specified in allowed pattern: ${input.AllowedPattern}`,
      );
    }
    const parameters = this.parameters(region);
    const existing = parameters.get(qualifiedKey(name));
    if (existing && input.Overwrite !== true) {
      throw new AwsJsonError(
        "ParameterAlreadyExists",
        "The parameter already exists. To overwrite this request, set the overwrite option in the request to true.",
      );
    }
    const latest = existing?.versions.at(-1);
    // Type may be left out when overwriting; a new parameter needs one.
    const type = input.Type ?? latest?.type;
    if (!type) throw validation("A parameter type is required when you create a parameter.");
    const version: StoredVersion = {
      value: input.Value,
      type,
      version: (latest?.version ?? 0) + 1,
      lastModified: this.now(),
      ...(input.Description !== undefined || latest?.description !== undefined
        ? { description: input.Description ?? latest?.description }
        : {}),
    };
    const stored = existing ?? { name, versions: [] };
    stored.versions.push(version);
    // Beyond 100 versions AWS drops the oldest (unless it carries a label, which the stand-in has none of).
    if (stored.versions.length > MAX_VERSIONS) stored.versions.shift();
    parameters.set(qualifiedKey(name), stored);
    return { Version: version.version, Tier: "Standard" };
  }

  getParameter(region: string, input: Partial<GetParameterRequest>) {
    const [name, selector] = splitSelector(String(input.Name ?? ""));
    const stored = this.find(region, name);
    if (!stored) throw notFound();
    if (selector === undefined) return { Parameter: this.describe(region, stored, stored.versions.at(-1)!) };
    if (!/^\d+$/.test(selector)) throw notImplemented("Selecting a parameter by label");
    const version = stored.versions.find((item) => item.version === Number(selector));
    if (!version) {
      throw new AwsJsonError(
        "ParameterVersionNotFound",
        `Systems Manager could not find version ${selector} of ${stored.name}. Verify the version and try again.`,
      );
    }
    return { Parameter: { ...this.describe(region, stored, version), Selector: `:${selector}` } };
  }

  deleteParameter(region: string, input: Partial<DeleteParameterRequest>): Record<string, never> {
    const name = checkParameterName(input.Name, { region, accountId: this.accountId, creating: false });
    if (!this.parameters(region).delete(qualifiedKey(name))) throw notFound();
    return {};
  }

  /** Direct children of `Path`, or every descendant with `Recursive`, sorted by name, 10 a page at most. */
  getParametersByPath(region: string, input: Partial<GetParametersByPathRequest>) {
    if (input.ParameterFilters?.length) throw notImplemented("ParameterFilters");
    const path = String(input.Path ?? "");
    if (!path.startsWith("/"))
      throw validation(
        'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".',
      );
    // A trailing slash names the same level: `/app/` lists what `/app` lists.
    const level = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    if (level !== "/") checkParameterName(level, { region, accountId: this.accountId, creating: false });
    const limit = input.MaxResults ?? PAGE_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT) {
      throw validation(
        `1 validation error detected: Value '${limit}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${PAGE_LIMIT}`,
      );
    }
    const prefix = level === "/" ? "/" : `${level}/`;
    const matching = [...this.parameters(region).entries()]
      .filter(
        ([key]) => key.startsWith(prefix) && (input.Recursive || !key.slice(prefix.length).includes("/")),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, stored]) => stored);
    const start = input.NextToken === undefined ? 0 : decodeToken(input.NextToken);
    const page = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? { NextToken: encodeToken(start + limit) } : {};
    return {
      Parameters: page.map((stored) => this.describe(region, stored, stored.versions.at(-1)!)),
      ...next,
    };
  }

  /** The current value, for tests that look behind the API. */
  value(region: string, name: string): string | undefined {
    return this.find(region, name)?.versions.at(-1)?.value;
  }

  private find(region: string, name: string): StoredParameter | undefined {
    const checked = checkParameterName(name, { region, accountId: this.accountId, creating: false });
    return this.parameters(region).get(qualifiedKey(checked));
  }

  private parameters(region: string): Map<string, StoredParameter> {
    let parameters = this.regions.get(region);
    if (!parameters) {
      parameters = new Map();
      this.regions.set(region, parameters);
    }
    return parameters;
  }

  private describe(region: string, stored: StoredParameter, version: StoredVersion) {
    return {
      Name: stored.name,
      Type: version.type,
      Value: version.value,
      Version: version.version,
      // The JSON protocol sends timestamps as epoch seconds.
      LastModifiedDate: version.lastModified / 1000,
      ARN: parameterArn(region, this.accountId, stored.name),
      DataType: "text",
    };
  }
}

/** `/a/b:3` → [`/a/b`, `3`]: GetParameter accepts a version or label after a colon. */
function splitSelector(name: string): [string, string | undefined] {
  const colon = name.lastIndexOf(":");
  return colon < 0 ? [name, undefined] : [name.slice(0, colon), name.slice(colon + 1)];
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

function decodeToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error AWS gives for a token it did not issue.
  }
  throw new AwsJsonError("InvalidNextToken", "The specified token isn't valid.");
}

export function ssmOperations(state: SsmState): Record<string, JsonOperation> {
  return {
    PutParameter: (region, input) => state.putParameter(region, input as Partial<PutParameterRequest>),
    GetParameter: (region, input) => state.getParameter(region, input as Partial<GetParameterRequest>),
    DeleteParameter: (region, input) =>
      state.deleteParameter(region, input as Partial<DeleteParameterRequest>),
    GetParametersByPath: (region, input) =>
      state.getParametersByPath(region, input as Partial<GetParametersByPathRequest>),
  };
}
