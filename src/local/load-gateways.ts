import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { layout } from "../../codegen/layout.js";
import { parseGatewayDefinition } from "./gateway-definition.js";
import type { GatewayMount } from "./mounted-stage.js";
import { STAGE_MAPPINGS, type StageMapping } from "./stages.js";

export function gatewayFile(repoRoot: string, basePath: string): string {
  return join(repoRoot, layout.gateway(basePath));
}

/** One generated definition per production base path mapping; a missing file means codegen has not run. */
export async function loadGateways(
  repoRoot: string,
  mappings: readonly StageMapping[] = STAGE_MAPPINGS,
): Promise<GatewayMount[]> {
  return Promise.all(
    mappings.map(async ({ basePath }) => {
      const file = gatewayFile(repoRoot, basePath);
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          throw new Error(`${file} is missing: run "npm run codegen" first`);
        }
        throw error;
      }
      return { basePath, definition: parseGatewayDefinition(JSON.parse(text), file) };
    }),
  );
}

export async function readOptionalText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
