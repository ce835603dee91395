import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS, runCli } from "../cli/run-cli.js";
import type { GatewayStandIn } from "./stand-in.server.js";

// The SDK's "Node 22 will be required in 2027" notice would otherwise repeat in every test worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const TEST_ACCOUNT = "123456789012";
export const TEST_CREDENTIALS = { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in-secret" };
export const USER_POOLS: Record<string, string> = {
  "us-east-1": "us-east-1_EastPool1",
  "us-west-2": "us-west-2_WestPool2",
  "eu-west-1": "eu-west-1_EuPool3",
};

/** Runs the CLI in-process against the stand-in, with fake static credentials, in `cwd`. */
export async function runGatewayCli(
  standIn: GatewayStandIn | undefined,
  cwd: string,
  args: string[],
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const [command = "", ...rest] = args;
  const talksToAws = COMMANDS.find((candidate) => candidate.name === command)?.aws ?? false;
  const code = await runCli(
    [command, ...rest, ...(standIn && talksToAws ? ["--endpoint-url", standIn.url] : [])],
    {
      output: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
      cwd,
      credentials: TEST_CREDENTIALS,
    },
  );
  return { code, stdout, stderr };
}

export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), "cellar-gateway-"));
}

export const REPO_GATEWAY_DIR = join(import.meta.dirname, "../../../gateway");

/**
 * Deploys the generated v1 and v2 definitions to one region the way an operator would: render each
 * for the region, import it into the API `cellar`, deploy prodv1 (alias=v1) and prodv2 (alias=v2).
 */
export async function deployGenerated(standIn: GatewayStandIn, cwd: string, region: string): Promise<void> {
  for (const version of ["v1", "v2"]) {
    const file = join(cwd, `${version}.${region}.json`);
    const render = await runGatewayCli(standIn, cwd, [
      "render",
      ...["--version", version, "--region", region, "--account", TEST_ACCOUNT],
      ...["--user-pool-id", USER_POOLS[region] ?? `${region}_Pool`, "--title", "cellar"],
      ...["--gateway-dir", REPO_GATEWAY_DIR, "--out", file],
    ]);
    if (render.code !== 0) throw new Error(`render failed: ${render.stderr}`);
    const imported = await runGatewayCli(standIn, cwd, [
      "import",
      ...["--file", file, "--region", region, "--mode", "overwrite"],
      ...[
        "--stage",
        `prod${version}`,
        "--stage-variables",
        `alias=${version},corsOrigin=https://app.example.com`,
      ],
    ]);
    if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
  }
}
