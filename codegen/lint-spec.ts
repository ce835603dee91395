import { resolve } from "node:path";
import { createConfig, lint } from "@redocly/openapi-core";

/** Lints a spec with Redocly's `recommended` ruleset; exits non-zero on any error. */
async function main(files: string[]): Promise<number> {
  const config = await createConfig({ extends: ["recommended"] });
  let errors = 0;
  for (const file of files.length ? files : ["openapi.yaml"]) {
    const problems = await lint({ ref: resolve(file), config });
    for (const problem of problems) {
      const where = problem.location[0]?.pointer ?? "";
      process.stderr.write(`${file}: ${problem.severity} ${problem.ruleId} ${where}: ${problem.message}\n`);
      if (problem.severity === "error") errors++;
    }
    process.stderr.write(`lint-spec: ${file}: ${problems.length} problem(s), ${errors} error(s)\n`);
  }
  return errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`lint-spec: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
