import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SdkFiles } from "./sdk-semver-check.js";

/** sdk/package.json and sdk/CHANGELOG.md, each undefined when the SDK does not have it (yet). */
export function readSdkFiles(sdkDir: string): SdkFiles {
  const read = (file: string) =>
    existsSync(join(sdkDir, file)) ? readFileSync(join(sdkDir, file), "utf8") : undefined;
  return { packageJson: read("package.json"), changelog: read("CHANGELOG.md") };
}

export function sdkPackageVersion(files: SdkFiles): string | undefined {
  if (files.packageJson === undefined) return undefined;
  const version = (JSON.parse(files.packageJson) as { version?: unknown }).version;
  return typeof version === "string" ? version : undefined;
}

/** Rewrites only the `"version"` value, so the rest of the file keeps its formatting. */
export function writeSdkPackageVersion(sdkDir: string, packageJson: string, version: string): void {
  const updated = packageJson.replace(/("version"\s*:\s*")[^"]*(")/, `$1${version}$2`);
  if ((JSON.parse(updated) as { version?: unknown }).version !== version)
    throw new Error(`could not set "version" in ${join(sdkDir, "package.json")}`);
  writeFileSync(join(sdkDir, "package.json"), updated);
}
