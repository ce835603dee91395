import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Folders that live as long as a test file, e.g. a synthesized CDK app's outdir that tests read
// lazily. The setup file (test/support/remove-test-temp-dirs.setup.ts) removes them after each file.
const made: string[] = [];

/** A new folder in the temp folder, removed when the current test file ends. */
export function makeTestTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTestTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
