import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayStandIn, startGatewayStandIn } from "../../tools/gateway/testing/stand-in.server.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const bin = join(root, "tools/gateway/bin.mjs");

let standIn: GatewayStandIn;
beforeAll(async () => {
  standIn = await startGatewayStandIn();
});
afterAll(async () => {
  await standIn.close();
});

async function exitOf(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("launching the CLI", () => {
  it("`npm run gateway -- sync --help` documents sync", async () => {
    const result = await exitOf("npm", ["run", "-s", "gateway", "--", "sync", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cellar-gateway sync --from us-east-1 --to us-west-2,eu-west-1 /);
    expect(result.stdout).toContain("--user-pool-arn <arn>");
    expect(result.stdout).toContain("--endpoint-url <url>");
  });

  it("the cellar-gateway bin exits non-zero with a one-line error, and the process ends", async () => {
    const result = await exitOf(
      process.execPath,
      [
        bin,
        "export",
        "--api",
        "nosuch",
        "--stage",
        "prodv1",
        "--region",
        "us-east-1",
        "--endpoint-url",
        standIn.url,
      ],
      { AWS_ACCESS_KEY_ID: "AKIDSTANDIN", AWS_SECRET_ACCESS_KEY: "stand-in-secret", AWS_PROFILE: "" },
    );
    expect(result.stderr).toBe('cellar-gateway export: no REST API with id or name "nosuch" in us-east-1\n');
    expect(result.code).toBe(1);
  });
});
