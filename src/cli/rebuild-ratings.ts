import { exitWithUsageError, UsageError } from "../../tools/cli/command-line.js";
import { openDatabase } from "../db/database.js";
import { runRebuildRatings } from "./rebuild-ratings-command.js";

// `npm run ratings:rebuild` (tsx src/cli/rebuild-ratings.ts): see REBUILD_RATINGS_HELP.
let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  process.exitCode = await runRebuildRatings(
    process.argv.slice(2),
    async () => {
      opened = await openDatabase();
      return opened.db;
    },
    (line) => process.stdout.write(line),
  );
} catch (error) {
  // A bad command line is one line and exit 2, like every other CLI here (nothing was opened yet).
  if (error instanceof UsageError) exitWithUsageError("npm run ratings:rebuild", error.message);
  process.stderr.write(`ratings:rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  await opened?.close();
}
