import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { placeholderReference } from "../docs/render-reference.js";
import { generate } from "../generate.js";
import { assertOpenApi30 } from "../spec.js";
import { writeOutput } from "../write-output.js";
import { failureCause } from "./failure-cause.js";
import { typecheckFiles } from "./typecheck.js";

const repoRoot = resolve(import.meta.dirname, "../..");

export interface CorpusSpec {
  /** How reports name it: its path inside the corpus, e.g. `amazonaws.com/cur.json`. */
  name: string;
  file: string;
}

export type SpecResult = { name: string; ms: number } & (
  | { status: "ok"; warnings?: string[] }
  | { status: "skipped"; version: "Swagger 2.0" | "OpenAPI 3.1" }
  | { status: "failed"; stage: "read" | "generate" | "typecheck"; message: string; cause: string }
);

export interface RunOptions {
  /** Where each spec's output is written (`<workDir>/<n>/`) for the typecheck; removed batch by batch. */
  workDir: string;
  typecheck: boolean;
  /** Specs per TypeScript program: one program loads the compiler and the runtime's types once. */
  batchSize: number;
  onResult?: (result: SpecResult, done: number, total: number) => void;
}

/**
 * Runs codegen on every spec, in this process, one at a time, and typechecks each batch's output
 * with one strict TypeScript program. Swagger 2.0 and OpenAPI 3.1 documents are skipped: codegen
 * takes OpenAPI 3.0 only.
 */
export async function runCorpus(specs: CorpusSpec[], options: RunOptions): Promise<SpecResult[]> {
  const results: SpecResult[] = [];
  for (let start = 0; start < specs.length; start += options.batchSize) {
    const batch = specs.slice(start, start + options.batchSize);
    const generated: Array<{ index: number; dir: string; ms: number; warnings: string[] }> = [];
    const batchResults: SpecResult[] = [];
    for (const [offset, spec] of batch.entries()) {
      const dir = join(options.workDir, String(start + offset));
      const started = performance.now();
      const result = await generateOne(spec, dir);
      const ms = performance.now() - started;
      if (!("status" in result)) {
        generated.push({ index: offset, dir, ms, warnings: result.warnings });
        batchResults[offset] = { name: spec.name, ms, status: "ok", warnings: result.warnings };
        if (!options.typecheck) report(batchResults[offset]!);
      } else {
        batchResults[offset] = { ...result, ms };
        report(batchResults[offset]!);
      }
    }
    if (options.typecheck && generated.length > 0) {
      const started = performance.now();
      const diagnostics = typecheckFiles(
        join(repoRoot, "tsconfig.json"),
        generated.flatMap(({ dir }) => typescriptFiles(dir)),
      );
      const share = (performance.now() - started) / generated.length;
      for (const { index, dir, ms, warnings } of generated) {
        const errors = [...diagnostics]
          .filter(([file]) => file.startsWith(`${dir}/`))
          .flatMap(([, list]) => list);
        const name = batch[index]!.name;
        batchResults[index] =
          errors.length === 0
            ? { name, ms: ms + share, status: "ok", warnings }
            : { name, ms: ms + share, ...failure("typecheck", errors.join("\n")) };
        report(batchResults[index]!);
      }
    }
    for (const { dir } of generated) rmSync(dir, { recursive: true, force: true });
  }
  return results;

  function report(result: SpecResult): void {
    results.push(result);
    options.onResult?.(result, results.length, specs.length);
  }
}

/** `ms` is filled in by the caller; a generated spec comes with the generator's warnings. */
type Outcome = { warnings: string[] } | SpecResult;

async function generateOne(spec: CorpusSpec, dir: string): Promise<Outcome> {
  let document: unknown;
  try {
    const text = readFileSync(spec.file, "utf8");
    document = spec.file.endsWith(".json") ? JSON.parse(text) : parse(text);
  } catch (error) {
    return { name: spec.name, ms: 0, ...failure("read", (error as Error).message) };
  }
  const version = versionOf(document);
  if (version) return { name: spec.name, ms: 0, status: "skipped", version };
  const quiet = silenceConsole();
  try {
    const output = await generate(assertOpenApi30(document, spec.name), {
      specName: spec.name,
      outDir: dir,
      sdkRuntimeDir: join(repoRoot, "sdk/src/runtime"),
      historyDir: join(dir, "api-history"),
      // Times and exercises the generator, not Redocly.
      renderReference: placeholderReference,
    });
    mkdirSync(dir, { recursive: true });
    writeOutput(dir, output);
    return { warnings: output.warnings };
  } catch (error) {
    return { name: spec.name, ms: 0, ...failure("generate", (error as Error).message ?? String(error)) };
  } finally {
    quiet.restore();
  }
}

function failure(stage: "read" | "generate" | "typecheck", message: string) {
  return { status: "failed" as const, stage, message, cause: failureCause(stage, message) };
}

function versionOf(document: unknown): "Swagger 2.0" | "OpenAPI 3.1" | undefined {
  const doc = document as { swagger?: unknown; openapi?: unknown } | null;
  if (doc?.swagger !== undefined) return "Swagger 2.0";
  if (typeof doc?.openapi === "string" && doc.openapi.startsWith("3.1")) return "OpenAPI 3.1";
  return undefined;
}

/** Redocly (inside openapi-typescript) prints its warnings to the console; the runner reports instead. */
function silenceConsole(): { restore: () => void } {
  const { warn, error, log } = console;
  console.warn = console.error = console.log = () => {};
  return {
    restore: () => {
      Object.assign(console, { warn, error, log });
    },
  };
}

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file))
    .sort();
}
