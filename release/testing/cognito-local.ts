import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const startScript = fileURLToPath(
  new URL("../../node_modules/cognito-local/lib/bin/start.js", import.meta.url),
);

export interface CognitoLocal {
  /** `http://localhost:<port>`: also the issuer's origin (`<endpoint>/<poolId>`). */
  endpoint: string;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /**
   * The code every sign-up and verification "e-mail" carries (cognito-local's `CODE` variable; it
   * otherwise prints a random one), so a test can confirm a sign-up as a user would.
   */
  confirmationCode?: string;
  /** Keep its data (`./.cognito`) here across runs; default: a temporary directory, removed on stop. */
  dataDir?: string;
  /** Default: a free port. */
  port?: number;
}

/**
 * A real cognito-local on a free port, with its data (`./.cognito`) in a fresh temporary directory.
 * Ready when its port accepts a connection; rejects with its output if it exits before that.
 */
export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  const cwd = options.dataDir ?? (await mkdtemp(join(tmpdir(), "cognito-local-")));
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const port = options.port || (await freePort());
  const child = spawn(process.execPath, [startScript], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "localhost",
      NODE_NO_WARNINGS: "1",
      ...(options.confirmationCode ? { CODE: options.confirmationCode } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) =>
      reject(new Error(`cognito-local exited (${code}) before listening:\n${output}`)),
    ),
  );
  exited.catch(() => {});
  const stop = async () => {
    await stopChild(child);
    if (!options.dataDir) await rm(cwd, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForPort(port, child), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `http://localhost:${port}`, stop };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls the port until it accepts a connection, for as long as the process lives. */
async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  while (child.exitCode === null) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "localhost" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (connected) return;
    await delay(50); // between polls only; how long startup takes is up to the hook timeout
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
