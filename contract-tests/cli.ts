// npm run contract -- --endpoint http://host:port [...]: the contract suite against any stage.
import { exitWithUsageError, UsageError } from "../tools/cli/command-line.js";
import { parseOptions, USAGE } from "./options.js";
import { runSuite } from "./run-suite.js";

try {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
  } else {
    process.exitCode = await runSuite(options);
  }
} catch (error) {
  // A bad command line is one line and exit 2, like every other CLI here; --help has the rest.
  if (error instanceof UsageError) exitWithUsageError("npm run contract", error.message);
  console.error(error);
  process.exitCode = 1;
}
