// npm run contract -- --endpoint http://host:port [...]: the contract suite against any stage.
import { parseOptions, USAGE, UsageError } from "./options.js";
import { runSuite } from "./run-suite.js";

try {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
  } else {
    process.exitCode = await runSuite(options);
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
