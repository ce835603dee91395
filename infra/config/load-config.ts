import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { deploymentConfig } from "./deployment.config.js";
import { defineInfraConfig, type InfraConfig, type InfraConfigInput } from "./infra-config.js";

/** CELLAR_INFRA_CONFIG=path/to/config.json replaces the checked-in deployment (same shape as InfraConfigInput). */
export function loadInfraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  const path = env.CELLAR_INFRA_CONFIG;
  if (path === undefined || path.trim() === "") return deploymentConfig;
  const input = JSON.parse(readFileSync(resolve(path), "utf8")) as InfraConfigInput;
  return defineInfraConfig(input);
}
