// npm run fuzz -- --endpoint http://host:port [--seed N] [--runs N]: the spec-driven fuzzer against any stage.
import { exitWithUsageError, UsageError } from "../../tools/cli/command-line.js";
import { FUZZ_USAGE, parseFuzzOptions } from "./fuzz-options.js";
import { formatFuzzSummary } from "./fuzz-summary.js";
import { runFuzz } from "./run-fuzz.js";

try {
  const options = parseFuzzOptions(process.argv.slice(2));
  if (!options) {
    console.log(FUZZ_USAGE);
  } else {
    const run = await runFuzz(options);
    console.log("");
    for (const line of formatFuzzSummary(run, options.endpoint)) console.log(line);
    process.exitCode = run.ok ? 0 : 1;
  }
} catch (error) {
  // A bad command line is one line and exit 2, like every other CLI here; --help has the rest.
  if (error instanceof UsageError) exitWithUsageError("npm run fuzz", error.message);
  console.error(error);
  process.exitCode = 1;
}
