import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LocalStage {
  endpoint: string;
  /** Everything the stage printed, for the post-mortem when something failed. */
  output(): string;
  stop(): Promise<void>;
}

/** The stage did not come up; `output` is what it printed, which usually says why. */
export class LocalStageError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

export interface StartOptions {
  repoRoot: string;
  startTimeoutMs?: number;
  /** The stage's DATABASE_URL; an in-memory database when absent. */
  databaseUrl?: string;
  /** Called as soon as the process exists, so a Ctrl-C during startup can still stop it. */
  onSpawn?: (stage: LocalStage) => void;
}

/** Asks the OS for a port nobody listens on (released at once; taken by the stage a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts `src/local/main.ts` on a free port with an in-memory database (unless told otherwise) and a throwaway data dir,
 * and resolves once /v1/ping answers. The stage gets its own process group so that stop() ends
 * tsx and the node process it spawns together.
 */
export async function startLocalStage({
  repoRoot,
  startTimeoutMs = 90_000,
  databaseUrl = "memory://",
  onSpawn,
}: StartOptions): Promise<LocalStage> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "cellar-contract-"));
  const endpoint = `http://127.0.0.1:${port}`;
  const chunks: string[] = [];
  const child = spawn(join(repoRoot, "node_modules", ".bin", "tsx"), ["src/local/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NODE_ENV: "test",
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));

  let stopped: Promise<void> | undefined;
  const stage: LocalStage = {
    endpoint,
    output: () => chunks.join(""),
    stop: () => {
      stopped ??= stopProcessGroup(child).finally(() => rm(dataDir, { recursive: true, force: true }));
      return stopped;
    },
  };
  onSpawn?.(stage);
  try {
    await waitUntilUp(endpoint, child, startTimeoutMs);
  } catch (error) {
    await stage.stop();
    throw new LocalStageError((error as Error).message, stage.output());
  }
  return stage;
}

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the local stage exited (${child.exitCode ?? child.signalCode}) before answering`);
    }
    try {
      const response = await fetch(`${endpoint}/v1/ping`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the local stage did not answer ${endpoint}/v1/ping within ${timeoutMs / 1000} s`);
}

/** SIGTERM to the group (the stage shuts down gracefully), SIGKILL if it is still there after 10 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
