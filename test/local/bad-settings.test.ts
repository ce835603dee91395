import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** `npm start` with `env` added: its exit status and what it printed. */
async function start(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(tsx, ["src/local/main.ts"], {
      cwd: root,
      // In-memory database and a port of the system's choosing, so a stage that did start harms nothing.
      env: { ...process.env, DATABASE_URL: "memory://", PORT: "0", ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

// Each parser is covered in test/settings; these prove the stage checks them before it loads anything.
describe("npm start with a bad setting", () => {
  it.each([
    ["CELLAR_MAX_INVOKE_DEPTH", "abc"],
    ["PORT", "http"],
  ])("%s=%s stops start-up with one line naming the variable", async (variable, value) => {
    const result = await start({ [variable]: value });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(new RegExp(`^npm start: ${variable} [^\\n]*\\n$`));
  });
});
