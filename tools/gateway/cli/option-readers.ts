import { ACCOUNT_PATTERN, REGION_PATTERN } from "../definition/arn.rewriter.js";
import type { OptionValues } from "./command.js";
import { GatewayCliError } from "./gateway-cli.error.js";

export function optional(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

export function required(values: OptionValues, name: string, hint = ""): string {
  const value = optional(values, name);
  if (!value) throw new GatewayCliError(`--${name} is required${hint ? ` (${hint})` : ""}`);
  return value;
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** `a,b, c` → `["a", "b", "c"]`, duplicates dropped. */
export function list(values: OptionValues, name: string): string[] {
  const value = optional(values, name);
  return value ? [...new Set(value.split(",").map((item) => item.trim()))].filter(Boolean) : [];
}

/** `alias=v1,corsOrigin=https://app.example.com` → `{ alias: "v1", corsOrigin: "https://app.example.com" }`. */
export function keyValues(values: OptionValues, name: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const item of list(values, name)) {
    const at = item.indexOf("=");
    if (at <= 0)
      throw new GatewayCliError(`--${name} expects name=value pairs separated by commas, got "${item}"`);
    entries[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return entries;
}

export function region(value: string, name = "region"): string {
  if (!REGION_PATTERN.test(value)) {
    throw new GatewayCliError(`--${name}: "${value}" is not an AWS region name (like us-east-1)`);
  }
  return value;
}

export function regions(values: OptionValues, name: string): string[] {
  return list(values, name).map((value) => region(value, name));
}

export function account(value: string | undefined): string | undefined {
  if (value !== undefined && !ACCOUNT_PATTERN.test(value)) {
    throw new GatewayCliError(`--account: "${value}" is not a 12-digit AWS account id`);
  }
  return value;
}

export function positiveInteger(values: OptionValues, name: string): number {
  const value = Number(optional(values, name));
  if (!Number.isInteger(value) || value < 1)
    throw new GatewayCliError(`--${name} must be a positive integer`);
  return value;
}

export function oneOf<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = optional(values, name) ?? fallback;
  if (!allowed.includes(value as T)) {
    throw new GatewayCliError(`--${name} must be one of ${allowed.join(", ")} (got "${value}")`);
  }
  return value as T;
}
