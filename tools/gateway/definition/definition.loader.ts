import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { gatewayFileName, gatewayFileVersion } from "../../../codegen/layout.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { isJsonObject, type JsonObject } from "./json.util.js";

/** Reads an OpenAPI definition from a JSON or YAML file. */
export function loadDefinitionFile(path: string): JsonObject {
  if (!existsSync(path)) throw new GatewayCliError(`definition file ${path} does not exist`);
  const text = readFileSync(path, "utf8");
  return parseDefinition(text, path);
}

export function parseDefinition(text: string, source: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = text.trimStart().startsWith("{") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new GatewayCliError(
      `${source} is neither JSON nor YAML: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (!isJsonObject(parsed) || (typeof parsed.openapi !== "string" && typeof parsed.swagger !== "string")) {
    throw new GatewayCliError(`${source} is not an OpenAPI definition (no "openapi" field)`);
  }
  return parsed;
}

/** The codegen output for one API version: `<gatewayDir>/<version>.gen.json`. */
export function loadGeneratedDefinition(gatewayDir: string, version: string): JsonObject {
  const path = join(gatewayDir, gatewayFileName(version));
  if (!existsSync(path)) {
    const available = existsSync(gatewayDir)
      ? readdirSync(gatewayDir).flatMap((name) => gatewayFileVersion(name) ?? [])
      : [];
    throw new GatewayCliError(
      `no generated definition ${relative(process.cwd(), path) || path} for version ${version}; ${
        available.length ? `available: ${available.join(", ")}` : "run `npm run codegen` first"
      }`,
    );
  }
  return loadDefinitionFile(path);
}

/** `prodv1` → `v1`: the stage naming convention of the custom domain's base path mappings. */
export function versionOfStage(stage: string): string | undefined {
  return /(v\d+)$/.exec(stage)?.[1];
}
