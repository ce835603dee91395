import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { makeTestTempDir } from "../support/test-temp-dirs.js";

const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const cli = join(root, "tools/cognito-local/cli.ts");

/** Runs the CLI until it prints its settings line; resolves with it and a way to stop it. */
function startCli(args: string[]) {
  const child = spawn(tsx, [cli, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const settings = new Promise<string>((done, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("\n")) done(stdout.trim());
    });
    void exited.then((code) => reject(new Error(`the CLI exited (${code}) first:\n${stderr}`)));
  });
  const stop = () => {
    child.kill("SIGINT");
    return exited;
  };
  return { settings, stop };
}

describe("npm run cognito:local", () => {
  it("starts cognito-local with the app pool and a user, prints npm start's settings, keeps them across runs", async () => {
    const dataDir = makeTestTempDir("cellar-cognito-cli-");
    const first = startCli(["--port", "0", "--data-dir", dataDir, "--user", "fay@example.com:Fays-Pass-77"]);
    const line = await first.settings;
    const settings = Object.fromEntries([...line.matchAll(/(COGNITO_\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    expect(line).toMatch(/ npm start$/);
    const cognito = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: settings.COGNITO_ENDPOINT,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId: settings.COGNITO_CLIENT_ID,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "fay@example.com", PASSWORD: "Fays-Pass-77" },
        }),
      );
      expect(AuthenticationResult?.IdToken).toMatch(/^ey/);
    } finally {
      cognito.destroy();
    }
    await expect(first.stop()).resolves.toBe(0);

    const second = startCli(["--port", "0", "--data-dir", dataDir, "--user", "fay@example.com:Fays-Pass-77"]);
    const again = await second.settings;
    expect(again).toContain(`COGNITO_USER_POOL_ID=${settings.COGNITO_USER_POOL_ID} `);
    expect(again).toContain(`COGNITO_CLIENT_ID=${settings.COGNITO_CLIENT_ID} `);
    await expect(second.stop()).resolves.toBe(0);
  }, 60_000);

  it("refuses a --user without a password in one line", async () => {
    const failure = await promisify(execFile)(tsx, [cli, "--user", "fay@example.com"], { cwd: root }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stdout: "" });
    expect((failure as { stderr: string }).stderr).toMatch(
      /^npm run cognito:local: --user must be <email>:<password> \(--help for usage\)\n$/,
    );
  });
});
