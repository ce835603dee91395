import { type Environment, integerSetting, rawSetting } from "@cellar/runtime";

export const DEFAULT_PORT = 3000;
/** Loopback only: the stage mints tokens for anyone who asks, so it must not be reachable from the network. */
export const DEFAULT_HOST = "127.0.0.1";

/** What only the local stage (`npm start`) reads. */
export interface LocalStageSettings {
  /** `PORT`: 0 lets the system pick one. */
  port: number;
  /** `HOST`. */
  host: string;
  /** `DATA_DIR`: where the stage keeps its signing key. */
  dataDir: string;
}

export function readLocalStageSettings(
  env: Environment = process.env,
  defaultDataDir = ".data",
): LocalStageSettings {
  return {
    port: integerSetting(env, "PORT", { min: 0, max: 65_535 }, DEFAULT_PORT),
    host: rawSetting(env, "HOST") ?? DEFAULT_HOST,
    dataDir: rawSetting(env, "DATA_DIR") ?? defaultDataDir,
  };
}
