import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEMO_APP_DIR } from "../../codegen/layout.js";
import { buildDemo } from "../../examples/mobile-web/scripts/build.js";
import { packSdk } from "../../sdk/scripts/pack-sdk.js";
import type { InfraConfig } from "../config/infra-config.js";
import { repoRoot } from "../operations/operation-functions.js";

/**
 * The Site stack deploys the demo build the project makes: when the config names no other folder and
 * DEMO_APP_DIR has no build yet, synth makes it (`npm run app:build`'s steps) rather than deploy
 * a site whose /app/ is missing.
 */
export async function buildDemoAppForSite(
  config: InfraConfig,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<void> {
  if (config.site.demoAppDir !== undefined) return;
  const outDir = join(repoRoot, DEMO_APP_DIR);
  if (existsSync(join(outDir, "index.html"))) return;
  log(`The demo app is not built: building it into ${DEMO_APP_DIR} for the Site stack (npm run app:build)`);
  const { tarball } = await packSdk();
  await buildDemo({ sdkTarball: tarball, outDir });
}
