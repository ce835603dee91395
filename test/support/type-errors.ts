import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../..");

/** `tsc --noEmit` over a generated project: its diagnostics, one per line (empty when it compiles). */
export function typeErrors(project: string): string {
  try {
    execFileSync(join(repoRoot, "node_modules/.bin/tsc"), ["--noEmit", "--pretty", "false", "-p", project], {
      stdio: "pipe",
    });
    return "";
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? error);
  }
}
