import { afterAll, afterEach } from "vitest";
import { takeUncapturedErrors, watchConsole } from "./capture-logs.js";

// vitest setupFiles: a passing run prints no error-level line. A test that expects an error logs it
// into captureLogs() and asserts on it; any other console.error (or JSON line with level "error")
// fails the test that printed it, or the file when it came from a hook or after the last test.
watchConsole();

function failOnUncapturedErrors(where: string): void {
  const errors = takeUncapturedErrors();
  if (errors.length === 0) return;
  const shown = errors.map((line) => `  ${line.split("\n")[0]}`).join("\n");
  throw new Error(
    `${where} printed ${errors.length} error-level line(s) it did not capture; ` +
      `expect them with captureLogs() (test/support/capture-logs.ts):\n${shown}`,
  );
}

afterEach(() => failOnUncapturedErrors("this test"));
afterAll(() => failOnUncapturedErrors("this file (a hook, or after its last test)"));
