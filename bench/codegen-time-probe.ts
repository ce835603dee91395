/**
 * Runs in a fresh process: times one tool generating from one spec, in memory, and prints
 * `{"ms":n,"cpuMs":n}`. `cellar`: read the spec and run the whole generator (types, validators, wrappers,
 * gateway definitions, docs, SDK), writing nothing. `openapi-typescript`: the same spec through
 * openapi-typescript alone, with the options codegen/emit-types.ts uses. Module loading is not timed.
 * Prints wall and CPU time; the CPU time (user + system) holds up on a busy machine.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { placeholderReference } from "../codegen/docs/render-reference.js";
import { generate } from "../codegen/generate.js";
import { loadSpec } from "../codegen/spec.js";

const [tool, spec] = process.argv.slice(2);
if ((tool !== "cellar" && tool !== "openapi-typescript") || !spec) {
  process.stderr.write("usage: codegen-time-probe.ts cellar|openapi-typescript <spec>\n");
  process.exit(2);
}
const repoRoot = resolve(import.meta.dirname, "..");
const specPath = resolve(spec);

// ajv warns about formats it does not know (GitHub's `repo.nwo`); the bench reports time, not that.
console.warn = () => {};
const cpuStarted = process.cpuUsage();
const started = performance.now();
if (tool === "cellar") {
  await generate(loadSpec(specPath), {
    specName: spec,
    outDir: resolve(repoRoot, "tmp-bench-codegen"),
    // Times and exercises the generator, not Redocly.
    renderReference: placeholderReference,
  });
} else {
  astToString(await openapiTS(pathToFileURL(specPath), { alphabetize: true, silent: true }));
}
const cpu = process.cpuUsage(cpuStarted);
process.stdout.write(
  JSON.stringify({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 }),
);
