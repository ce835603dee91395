import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "./logger.js";

export interface BuildCommand {
  file: string;
  args: readonly string[];
  cwd: string;
}

export interface RunningDemoAppBuild {
  /** Resolves when the build ended, whether it succeeded or not. */
  done: Promise<void>;
  /** Ends the build and everything it started (npm install, tsc), e.g. when the stage shuts down. */
  stop(): Promise<void>;
}

/** The `npm run app:build` script, run by node directly so that it is one process group we can end. */
export function appBuildCommand(repoRoot: string): BuildCommand {
  return {
    file: process.execPath,
    args: ["--import", "tsx", join("examples", "mobile-web", "scripts", "build.ts")],
    cwd: repoRoot,
  };
}

/**
 * A fresh clone has no built demo app, so /app would answer 404 until `npm run app:build`. When
 * `appDir` has no index.html this starts that build in the background (it takes tens of seconds;
 * the API is served meanwhile) and logs when /app is ready. Returns undefined when already built.
 */
export function buildDemoAppWhenMissing(options: {
  appDir: string;
  command: BuildCommand;
  logger: Logger;
}): RunningDemoAppBuild | undefined {
  if (existsSync(join(options.appDir, "index.html"))) return undefined;
  options.logger.info("The demo app is not built yet: building it in the background (npm run app:build)");
  // Its own process group, so stop() reaches the npm and tsc processes the build starts too.
  const child = spawn(options.command.file, options.command.args, {
    cwd: options.command.cwd,
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  const errors: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
  let stopping = false;
  const done = new Promise<void>((resolve) => {
    child.once("error", (error) => {
      options.logger.error(`The demo app build could not start: ${error.message}`);
      resolve();
    });
    child.once("exit", (code, signal) => {
      if (code === 0) options.logger.info("The demo app is built and served at /app/");
      else if (!stopping) {
        const output = errors.join("").trim().split("\n").slice(-5).join("\n");
        options.logger.error(
          `The demo app build failed (${code ?? signal}); /app stays unavailable. Run npm run app:build to retry.\n${output}`,
        );
      }
      resolve();
    });
  });
  return {
    done,
    stop: async () => {
      stopping = true;
      signalGroup(child, "SIGTERM");
      await done;
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
