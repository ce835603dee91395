import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildDemoAppWhenMissing } from "../../src/local/demo-app-build.js";
import { isRunning } from "../support/process-table.js";

function capturingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      info: (message: string) => lines.push(message),
      error: (message: string) => lines.push(message),
    },
  };
}

/** A stand-in build: a real node process that writes index.html into the app folder. */
function writingIndex(appDir: string) {
  const script = `require("node:fs").mkdirSync(${JSON.stringify(appDir)}, { recursive: true });
require("node:fs").writeFileSync(${JSON.stringify(join(appDir, "index.html"))}, "<h1>demo</h1>");`;
  return { file: process.execPath, args: ["-e", script], cwd: tmpdir() };
}

describe("building the demo app on start when missing", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cellar-demo-build-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("builds it in the background and logs when /app is served", async () => {
    const appDir = join(dir, "dist");
    const { lines, logger } = capturingLogger();
    const build = buildDemoAppWhenMissing({ appDir, command: writingIndex(appDir), logger });
    expect(build).toBeDefined();
    expect(lines[0]).toMatch(/not built yet: building it in the background \(npm run app:build\)/);
    await build?.done;
    expect(await readFile(join(appDir, "index.html"), "utf8")).toBe("<h1>demo</h1>");
    expect(lines.at(-1)).toBe("The demo app is built and served at /app/");
  });

  it("does nothing when the app is already built", async () => {
    await writeFile(join(dir, "index.html"), "built");
    const { lines, logger } = capturingLogger();
    const build = buildDemoAppWhenMissing({
      appDir: dir,
      command: { file: process.execPath, args: ["-e", "process.exit(3)"], cwd: dir },
      logger,
    });
    expect(build).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it("reports a failed build with its last output lines", async () => {
    const { lines, logger } = capturingLogger();
    const command = {
      file: process.execPath,
      args: ["-e", "console.error('tsc: the demo does not type-check'); process.exit(2)"],
      cwd: dir,
    };
    await buildDemoAppWhenMissing({ appDir: join(dir, "dist"), command, logger })?.done;
    expect(lines.at(-1)).toMatch(
      /build failed \(2\).*npm run app:build to retry\.\ntsc: the demo does not type-check/s,
    );
  });

  it("stop() ends the build and the processes it started", async () => {
    const { lines, logger } = capturingLogger();
    const pidFile = join(dir, "grandchild.pid");
    // The build starts a grandchild (as it does npm install) and never ends on its own.
    const script = `const { spawn } = require("node:child_process");
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
require("node:fs").writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
setInterval(() => {}, 1000);`;
    const command = { file: process.execPath, args: ["-e", script], cwd: dir };
    const build = buildDemoAppWhenMissing({ appDir: join(dir, "dist"), command, logger });
    await expect.poll(() => readFile(pidFile, "utf8").catch(() => "")).toMatch(/^\d+$/);
    const grandchild = Number(await readFile(pidFile, "utf8"));
    expect(isRunning(grandchild)).toBe(true);
    await build?.stop();
    await expect.poll(() => isRunning(grandchild)).toBe(false);
    expect(lines.some((line) => /failed/.test(line))).toBe(false);
  });
});
