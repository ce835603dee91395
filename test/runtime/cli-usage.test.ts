import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type CliIo, parseCommandLine } from "../../tools/cli/command-line.js";
import { makeTestTempDir } from "../support/test-temp-dirs.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

/** The package.json scripts that read options through tools/cli/command-line.ts. */
const CLIS = {
  codegen: "codegen/cli.ts",
  "codegen:corpus": "codegen/corpus/cli.ts",
  release: "codegen/versioning/release-cli.ts",
  "spec:diff": "codegen/versioning/spec-diff-cli.ts",
  deploy: "infra/bin/deploy.ts",
  bench: "bench/run.ts",
  synth: "infra/bin/synth.ts",
  rehearse: "release/rehearsal/rehearse.ts",
  contract: "contract-tests/cli.ts",
  fuzz: "contract-tests/fuzz/cli.ts",
  "contract:local": "contract-tests/with-local-stage.ts",
  "app:build": "examples/mobile-web/scripts/build.ts",
  "ratings:rebuild": "src/cli/rebuild-ratings.ts",
  "cognito:local": "tools/cognito-local/cli.ts",
} as const;

/** Scripts that are other tools' CLIs (vitest, biome, tsc, redocly), take no options, or run a CLI above with fixed flags. */
const NOT_OURS = [
  "start",
  "lint",
  "lint:openapi",
  "typecheck",
  "test:unit",
  "test:toolkit",
  "test",
  "docs",
  "codegen:check",
];

const GATEWAY = "tools/gateway/cli.ts";
const CELLAR = "codegen/cellar.ts";

async function runCli(
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", file, ...args], {
      cwd: repoRoot,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.concurrent("every CLI's command line", () => {
  for (const [script, file] of Object.entries(CLIS)) {
    it(`npm run ${script} -- --bogus is one usage line and exit 2, --help the full help and exit 0`, async () => {
      const bogus = await runCli(file, ["--bogus"]);
      expect(bogus.code).toBe(2);
      expect(bogus.stderr).toBe(`npm run ${script}: Unknown option '--bogus' (--help for usage)\n`);
      const help = await runCli(file, ["--help"]);
      expect(help.code).toBe(0);
      // parseCommandLine refuses a help that misses an option, so exit 0 means all are there.
      expect(help.stdout).toMatch(/^Usage: npm run /);
      expect(help.stdout).toContain("--help");
    }, 120_000);
  }

  it("npm run gateway: an unknown command or option is one line and exit 2, --help exit 0", async () => {
    const command = await runCli(GATEWAY, ["nosuch"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^cellar-gateway: unknown command "nosuch"; commands: render, .*\n$/);
    const option = await runCli(GATEWAY, ["render", "--bogus"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe(
      "cellar-gateway render: Unknown option '--bogus'; see `cellar-gateway render --help`\n",
    );
    const help = await runCli(GATEWAY, ["render", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cellar-gateway render /);
  }, 120_000);

  it("cellar (@cellar/cli): a bad command line is one line and exit 2, a project without handlers one line and exit 1", async () => {
    expect(await runCli(CELLAR, ["nosuch"])).toMatchObject({
      code: 2,
      stderr:
        'cellar: unknown command "nosuch"; commands: codegen, start, contract, gateway (--help for usage)\n',
    });
    expect(await runCli(CELLAR, ["start", "--bogus"])).toMatchObject({
      code: 2,
      stderr: "cellar start: Unknown option '--bogus' (--help for usage)\n",
    });
    expect(await runCli(CELLAR, ["start", "--port", "http"])).toMatchObject({
      code: 2,
      stderr: 'cellar start: --port must be 0 to 65535, not "http" (--help for usage)\n',
    });
    const empty = makeTestTempDir("cellar-start-");
    expect(await runCli(CELLAR, ["start", "--dir", empty, "--port", "0"])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        new RegExp(`^cellar start: cannot load the handlers from ${empty}/src/handlers/index\\.ts: .*\n$`),
      ),
    });
    const help = await runCli(CELLAR, ["codegen", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cellar codegen \[options\]/);
    const commands = await runCli(CELLAR, ["--help"]);
    expect(commands.code).toBe(0);
    expect(commands.stdout).toMatch(/^Usage: cellar <command>/);
  }, 120_000);

  it("npm run contract and fuzz print a bad value as one line, not the whole help", async () => {
    const contract = await runCli(CLIS.contract, ["--endpoint", "http://h", "--only", "all"]);
    expect(contract).toMatchObject({
      code: 2,
      stderr: "npm run contract: --only must be dredd or checks, got all (--help for usage)\n",
    });
    const fuzz = await runCli(CLIS.fuzz, ["--endpoint", "http://h", "--runs", "0"]);
    expect(fuzz).toMatchObject({
      code: 2,
      stderr: "npm run fuzz: --runs must be an integer >= 1, got 0 (--help for usage)\n",
    });
  }, 120_000);

  it("covers every package.json script but the ones that are not ours or take no options", async () => {
    const { scripts } = JSON.parse(await readFile(`${repoRoot}package.json`, "utf8")) as {
      scripts: Record<string, string>;
    };
    const covered = [...Object.keys(CLIS), "gateway", ...NOT_OURS];
    expect(Object.keys(scripts).filter((script) => !covered.includes(script))).toEqual([]);
  });

  it("npm run bench -- --only nosuch names the benches there are", async () => {
    const result = await runCli(CLIS.bench, ["--only", "nosuch"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^npm run bench: --only: unknown bench "nosuch"; benches: size, coldstart, .*\n$/,
    );
  }, 120_000);
});

describe("parseCommandLine", () => {
  const io = () => {
    const out = { stdout: "", stderr: "", code: undefined as number | undefined };
    const cliIo: CliIo = {
      stdout: (text) => {
        out.stdout += text;
      },
      stderr: (text) => {
        out.stderr += text;
      },
      exit: (code) => {
        out.code = code;
        throw new Error("exit");
      },
    };
    return { out, cliIo };
  };
  const spec = {
    name: "npm run demo",
    help: "Usage: npm run demo -- [--count <n>]\n  --count <n>  how many\n",
    options: { count: { type: "string" } },
  } as const;

  it("returns the parsed options", () => {
    expect(parseCommandLine(spec, ["--count", "3"]).values.count).toBe("3");
  });

  it("prints a missing value as one usage line and exits 2", () => {
    const { out, cliIo } = io();
    expect(() => parseCommandLine(spec, ["--count"], cliIo)).toThrow("exit");
    expect(out).toEqual({
      stdout: "",
      stderr: "npm run demo: Option '--count <value>' argument missing (--help for usage)\n",
      code: 2,
    });
  });

  it("refuses a help text that does not mention an option", () => {
    expect(() =>
      parseCommandLine({ ...spec, options: { ...spec.options, quiet: { type: "boolean" } } }, []),
    ).toThrow("npm run demo: the help does not mention --quiet");
  });
});
