import { runCli } from "./cli/run-cli.js";

// The SDK warns on every run that releases after January 2027 will need Node 22; this repo targets
// Node 20 and pins the SDK, so the warning is noise in a CLI's output. Set the variable to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

runCli(process.argv.slice(2), {
  output: {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cellar-gateway: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
