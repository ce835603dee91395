import { parseArgs } from "node:util";
import { UsageError } from "../../tools/cli/command-line.js";
import type { Db } from "../db/database.js";
import { findRatingDrift, rebuildAllWineryRatings } from "../db/rating-rollup.repository.js";

export const REBUILD_RATINGS_HELP = `Usage: npm run ratings:rebuild -- [options]

Recomputes every winery's rating roll-up (average rating, review count) from the reviews table,
in one transaction, and reports how many roll-ups it corrected. The roll-ups are normally kept by
the rating-events consumer; run this after lost or dead-lettered events, or to verify them.

The database is DATABASE_URL's (unset: the embedded one in .data/pglite, which only one process
may open: stop \`npm start\` first).

Options:
  --check     change nothing: list the wineries whose roll-up differs from a full recompute,
              and exit 1 if there is any
  -h, --help  show this help
`;

/** How many drifted wineries --check lists before summarizing the rest. */
const DRIFT_LISTED = 20;

/** Runs the command on an open database; returns the exit code. */
export async function runRebuildRatings(
  args: readonly string[],
  db: () => Promise<Db>,
  write: (line: string) => void,
): Promise<number> {
  const { values } = parseRebuildRatingsArgs(args);
  if (values.help) {
    write(REBUILD_RATINGS_HELP);
    return 0;
  }
  const started = performance.now();
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  if (values.check) {
    write("Comparing every winery's rating roll-up with a full recompute...\n");
    const drift = await findRatingDrift(await db());
    for (const { wineryId, stored, recomputed } of drift.slice(0, DRIFT_LISTED)) {
      write(
        `  ${wineryId}: stored ${stored.reviewCount} reviews summing ${stored.ratingSum}, ` +
          `recomputed ${recomputed.reviewCount} summing ${recomputed.ratingSum}\n`,
      );
    }
    if (drift.length > DRIFT_LISTED) write(`  ... and ${drift.length - DRIFT_LISTED} more\n`);
    write(`${drift.length} roll-up(s) differ from a full recompute (${elapsed()}).\n`);
    return drift.length === 0 ? 0 : 1;
  }
  write("Rebuilding rating roll-ups from the reviews table...\n");
  const result = await rebuildAllWineryRatings(await db(), (step) => {
    if (step.phase === "locked")
      write(
        `  locked ${step.wineries} wineries (roll-up consumers and winery edits wait until the rebuild commits)\n`,
      );
    else write(`  recomputed every roll-up; ${step.changed} differed and were corrected\n`);
  });
  write(`Rebuilt ${result.wineries} roll-up(s), ${result.changed} corrected (${elapsed()}).\n`);
  return 0;
}

/** Throws the shared UsageError for an unknown or bad option, which the CLI prints as one line. */
function parseRebuildRatingsArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        check: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
