import { COMMANDS, runCli } from "../../tools/gateway/cli/run-cli.js";
import { REHEARSAL_CREDENTIALS } from "./emulators.js";

/** The gateway CLI, in-process, against the API Gateway stand-in: the commands a release runs on AWS. */
export async function gatewayCli(
  endpointUrl: string,
  cwd: string,
  args: string[],
): Promise<{ code: number; output: string }> {
  let output = "";
  const talksToAws = COMMANDS.find((command) => command.name === args[0])?.aws ?? false;
  const code = await runCli([...args, ...(talksToAws ? ["--endpoint-url", endpointUrl] : [])], {
    output: { stdout: (text) => (output += text), stderr: (text) => (output += text) },
    cwd,
    credentials: REHEARSAL_CREDENTIALS,
  });
  return { code, output };
}

export async function gatewayCliOrThrow(endpointUrl: string, cwd: string, args: string[]): Promise<string> {
  const { code, output } = await gatewayCli(endpointUrl, cwd, args);
  if (code !== 0) throw new Error(`cellar-gateway ${args.join(" ")} exited ${code}:\n${output}`);
  return output;
}
