import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const fixture = resolve(import.meta.dirname, "fixtures/is-api-error-narrowing.ts");
const readme = resolve(import.meta.dirname, "../../sdk/README.md");

/** Strict tsc over the fixture, as a consumer's project would check it; one line per diagnostic. */
function compile(options: ts.CompilerOptions): string[] {
  const program = ts.createProgram([fixture], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: true,
    ...options,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : "";
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}

describe("isApiError<OperationError, Status>(error, status) under strict tsc", () => {
  it("narrows to the status's member, rejects undocumented statuses, and keeps the other forms (moduleResolution nodenext)", () => {
    expect(
      compile({ module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }),
    ).toEqual([]);
  });

  it("does the same under moduleResolution bundler", () => {
    expect(
      compile({ module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }),
    ).toEqual([]);
  });

  it("is the form sdk/README.md's code examples use: no example names an error type without its status", () => {
    const examples = [...readFileSync(readme, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map(
      (block) => block[1] ?? "",
    );
    const calls = examples.flatMap((code) => code.match(/isApiError<[^>]*>/g) ?? []);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((call) => !/^isApiError<\w+, \d{3}>$/.test(call))).toEqual([]);
  });
});
