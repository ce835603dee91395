import type { CommandContext } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";

/**
 * Runs `step` for each region in turn, with a progress line per region. A failing region is reported
 * and the others still run; the command then fails naming every region that did.
 */
export async function eachRegion(
  what: string,
  regionList: string[],
  context: CommandContext,
  step: (region: string) => Promise<void>,
): Promise<void> {
  const failures: string[] = [];
  for (const [index, region] of regionList.entries()) {
    if (regionList.length > 1) context.log.line(`${what}: ${region} (${index + 1} of ${regionList.length})`);
    try {
      await step(region);
    } catch (error) {
      if (!(error instanceof GatewayCliError) || regionList.length === 1) throw error;
      context.log.region(region, `failed: ${error.message}`);
      failures.push(`${region}: ${error.message}`);
    }
  }
  if (failures.length) {
    throw new GatewayCliError(
      `${what} failed in ${failures.length} of ${regionList.length} regions:\n  ${failures.join("\n  ")}`,
    );
  }
}
