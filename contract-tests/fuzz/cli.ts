// npm run fuzz -- --endpoint http://host:port [--seed N] [--runs N]: the spec-driven fuzzer against any stage.
import { FUZZ_USAGE, FuzzUsageError, parseFuzzOptions } from "./fuzz-options.js";
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
  if (error instanceof FuzzUsageError) {
    console.error(`${error.message}\n\n${FUZZ_USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
