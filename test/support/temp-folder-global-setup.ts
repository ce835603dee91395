import { mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { SDK_PACK_CACHE } from "../../sdk/scripts/pack-sdk.js";

/** What a test's temp folder is named like; anything else there (tsx's cache) is not ours to judge. */
export const TEST_TEMP_PREFIX = "cellar-";
/** Folders the test files of one run share on purpose; they go with the run's folder. */
const RUN_CACHES = new Set([SDK_PACK_CACHE]);

/**
 * vitest globalSetup: the run gets a temp folder of its own (TMPDIR, inherited by the test workers
 * and every process a test spawns), so that parallel runs on one machine do not see each other's
 * folders. At the end, a `cellar-*` folder still there is a test that does not clean up: the run
 * fails naming it. The run's folder is removed either way, so nothing piles up.
 */
export default async function isolateTempFolder(): Promise<() => Promise<void>> {
  const original = process.env.TMPDIR;
  const machineTemp = tmpdir();
  const runDir = await mkdtemp(join(machineTemp, "cellar-test-run-"));
  process.env.TMPDIR = runDir;
  // tsx keeps its compile cache in the temp folder (tsx-<uid>): the machine's, linked in, keeps the
  // CLIs the tests spawn as quick to start as before. rm removes the link, never what it points to.
  const tsxCache = join(machineTemp, `tsx-${userInfo().uid}`);
  await mkdir(tsxCache, { recursive: true });
  await symlink(tsxCache, join(runDir, `tsx-${userInfo().uid}`));
  return async () => {
    const left = (await readdir(runDir)).filter(
      (entry) => entry.startsWith(TEST_TEMP_PREFIX) && !RUN_CACHES.has(entry),
    );
    await rm(runDir, { recursive: true, force: true });
    if (original === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = original;
    if (left.length > 0) {
      throw new Error(
        `The test run left ${left.length} folder(s) in the temp folder, each a test that does not remove what it made: ${left.sort().join(", ")}`,
      );
    }
  };
}
