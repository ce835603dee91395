// npm run contract:local: the whole contract suite against a local stage started (and stopped) here.
import { fileURLToPath } from "node:url";
import { LOCAL_API_KEYS } from "../src/settings/api-keys.js";
import { parseCommandLine } from "../tools/cli/command-line.js";
import { type LocalStage, LocalStageError, startLocalStage } from "./local-stage.js";
import { runSuite } from "./run-suite.js";

const HELP = `Usage: npm run contract:local [-- --help]

Starts a local stage on an in-memory database, runs the whole contract suite against it (as
npm run contract does against any stage), stops the stage and exits 1 if anything failed, with
the stage's own output. It takes no options; -h, --help shows this text.
`;

// No options, but an unknown one is refused (one line, exit 2) rather than silently ignored.
parseCommandLine({ name: "npm run contract:local", help: HELP, options: {} });

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

let stage: LocalStage | undefined;
let stageOutput = () => "";
let exitCode = 1;

// Ctrl-C must not leave a stage behind: it runs in its own process group and would survive us.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the local stage`);
    void (stage?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

const started = Date.now();
try {
  console.log("Starting the local stage (in-memory database)...");
  stage = await startLocalStage({
    repoRoot,
    onSpawn: (spawned) => {
      stage = spawned;
    },
  });
  stageOutput = stage.output;
  console.log(`Local stage up at ${stage.endpoint} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  // The local stage's own keys (src/settings/api-keys.ts): the app's, and one that runs out quickly.
  exitCode = await runSuite({
    endpoint: stage.endpoint,
    tokens: {},
    apiKey: LOCAL_API_KEYS.app.value,
    lowQuotaApiKey: LOCAL_API_KEYS.lowQuota.value,
  });
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  if (error instanceof LocalStageError) stageOutput = () => error.output;
  exitCode = 1;
} finally {
  await stage?.stop();
}
if (exitCode !== 0) {
  // The stage's own log usually says why a request failed (stack traces, contract violations).
  const output = stageOutput();
  console.error(
    `\n----- local stage output -----\n${output.trim() || "(none)"}\n----- end of local stage output -----`,
  );
}
console.log(`contract:local finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = exitCode;
