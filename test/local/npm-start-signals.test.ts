import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runningInGroup } from "../support/process-table.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

interface StartedStage {
  npm: ChildProcess;
  port: number;
  exited: Promise<void>;
}

/** `npm start` exactly as a developer runs it, on a free port (PORT=0), in its own process group. */
async function npmStart(dataDir: string): Promise<StartedStage> {
  const npm = spawn("npm", ["start"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: "0", DATABASE_URL: "memory://", DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (listening) resolve(Number(listening[1]));
    };
    npm.stdout?.on("data", onData);
    npm.stderr?.on("data", onData);
    npm.once("exit", (code) => reject(new Error(`npm start exited (${code}) before listening:\n${output}`)));
  });
  return { npm, port, exited };
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/v1/ping`)).ok;
  } catch {
    return false;
  }
}

describe("stopping npm start", () => {
  let dataDir: string | undefined;
  let stage: StartedStage | undefined;
  afterEach(async () => {
    // Whatever a failed assertion left behind.
    if (stage?.npm.pid) for (const pid of runningInGroup(stage.npm.pid)) process.kill(pid, "SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to the npm process stops the server and every process it started`, async () => {
      dataDir = await mkdtemp(join(tmpdir(), "cellar-npm-start-"));
      stage = await npmStart(dataDir);
      expect(await answers(stage.port)).toBe(true);
      const group = stage.npm.pid as number;

      process.kill(group, signal); // the npm process only, as `kill -TERM <pid>` does, not its group
      await stage.exited;

      await expect.poll(() => runningInGroup(group)).toEqual([]);
      expect(await answers(stage.port)).toBe(false);
      // Booting PGlite and seeding takes a while on a busy two-core CI machine.
    }, 180_000);
  }
});
