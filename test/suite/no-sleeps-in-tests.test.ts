import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
/** Where vitest finds tests (vitest.config.ts `include`). */
const TEST_ROOTS = ["test", "codegen", "src", "contract-tests", "sdk", "infra", "tools", "bench", "examples"];
const SKIPPED_DIRS = new Set(["node_modules", "dist", "cdk.out"]);

/**
 * What a test must not do to time itself: sleep to let something happen, or read the wall clock to
 * bound how long something took. Both pass or fail with the machine's load, not with the code.
 * Instead: wait on the event itself, an injected clock, `vi.useFakeTimers()`, or counting operations.
 */
const TIMING_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: "a sleep helper", pattern: /\bsleep\s*[(=]/ },
  { name: "a promise resolved by a timer", pattern: /new Promise[^\n]*setTimeout\(/ },
  { name: "an elapsed wall-clock time", pattern: /(Date|performance)\.now\(\)\s*-/ },
  { name: "a stopwatch start", pattern: /\bstarted\s*=\s*(Date|performance)\.now\(\)/ },
];

/**
 * Files allowed to keep real timing, each with why (say, a real socket's timing that no clock can
 * reach). None is needed today; an entry that no longer matches anything fails the test below.
 */
const ALLOWED: Readonly<Record<string, string>> = {};

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** `file:line: what` for every line of a test file that times itself. */
function timingOffences(file: string, source: string): string[] {
  return source
    .split("\n")
    .flatMap((line, index) =>
      TIMING_PATTERNS.filter(({ pattern }) => pattern.test(line)).map(
        ({ name }) => `${file}:${index + 1}: ${name}`,
      ),
    );
}

describe("the test suite's sense of time", () => {
  const files = TEST_ROOTS.flatMap((dir) => testFiles(join(root, dir))).map((file) => relative(root, file));
  const offences = files.flatMap((file) => timingOffences(file, readFileSync(join(root, file), "utf8")));
  // This file names the patterns it looks for; it is not an offender.
  const self = relative(root, import.meta.filename);

  it("finds the test files to check", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(self);
  });

  it("has no test that sleeps or reads a stopwatch, outside the explained allowlist", () => {
    const unexplained = offences.filter(
      (offence) => !offence.startsWith(`${self}:`) && !(offence.split(":")[0]! in ALLOWED),
    );
    expect(unexplained).toEqual([]);
  });

  it("allows only files that still need it", () => {
    const stale = Object.keys(ALLOWED).filter(
      (file) => !offences.some((offence) => offence.startsWith(`${file}:`)),
    );
    expect(stale).toEqual([]);
  });

  it("recognises each kind of timing it forbids", () => {
    const sample = [
      "const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));",
      "await new Promise((r) => setTimeout(r, 25));",
      "expect(Date.now() - started).toBeLessThan(2_000);",
      "const started = performance.now();",
      "const t0 = Date.now() + 60_000; // an injected clock's origin is fine",
    ].join("\n");
    expect(timingOffences("sample.test.ts", sample)).toEqual([
      "sample.test.ts:1: a sleep helper",
      "sample.test.ts:1: a promise resolved by a timer",
      "sample.test.ts:2: a promise resolved by a timer",
      "sample.test.ts:3: an elapsed wall-clock time",
      "sample.test.ts:4: a stopwatch start",
    ]);
  });
});
