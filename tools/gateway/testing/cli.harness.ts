import { join } from "node:path";
import { API_VERSIONS } from "../../../src/topology/topology.js";
import { makeTestTempDir } from "../../../test/support/test-temp-dirs.js";
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
/** The one user pool, in the home region, that every region's authorizer trusts. */
export const HOME_USER_POOL = "us-east-1_HomePool1";
export const HOME_USER_POOL_ARN = `arn:aws:cognito-idp:us-east-1:${TEST_ACCOUNT}:userpool/${HOME_USER_POOL}`;

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
  return makeTestTempDir("cellar-gateway-");
}

export const REPO_GATEWAY_DIR = join(import.meta.dirname, "../../../gateway");

/**
 * Deploys the generated definitions to one region as the topology lays them out: for each version
 * `<v>`, render it for the region (trusting the home pool), import it into API `cellar-<v>` and
 * deploy stage `prod<v>` (alias=<v>), then `preview<v>` (alias=<v>-preview).
 */
export async function deployGenerated(standIn: GatewayStandIn, cwd: string, region: string): Promise<void> {
  for (const version of API_VERSIONS) {
    const file = join(cwd, `${version}.${region}.json`);
    const render = await runGatewayCli(standIn, cwd, [
      "render",
      ...["--version", version, "--region", region, "--account", TEST_ACCOUNT],
      ...["--user-pool-id", HOME_USER_POOL, "--gateway-dir", REPO_GATEWAY_DIR, "--out", file],
    ]);
    if (render.code !== 0) throw new Error(`render failed: ${render.stderr}`);
    for (const role of [[], ["--preview"]]) {
      const imported = await runGatewayCli(standIn, cwd, [
        "import",
        ...["--file", file, "--region", region, "--version", version, ...role, "--mode", "overwrite"],
        // The preflights read the corsOrigins list (one origin here: --stage-variables splits on commas).
        ...["--stage-variables", "corsOrigin=https://app.example.com,corsOrigins=https://app.example.com"],
        ...["--backup-dir", join(cwd, ".gateway-backups")],
      ]);
      if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
    }
  }
}
