import { relative, resolve } from "node:path";
import { getMergedConfig, lint, loadConfig } from "@redocly/openapi-core";

/**
 * Lints a spec with the rules of redocly.yaml (the `recommended` ruleset, the per-API exceptions
 * written there with their reasons) and the findings .redocly.lint-ignore.yaml excuses: the same
 * rules as `npm run lint:openapi`, kept in one place. Exits non-zero on any error.
 */
async function main(files: string[]): Promise<number> {
  const configPath = resolve("redocly.yaml");
  const config = await loadConfig({ configPath });
  let errors = 0;
  for (const file of files.length ? files : ["openapi.yaml"]) {
    const alias = Object.entries(config.apis).find(
      ([, api]) => relative(".", resolve(api.root)) === relative(".", resolve(file)),
    )?.[0];
    const problems = (await lint({ ref: resolve(file), config: getMergedConfig(config, alias) })).filter(
      (problem) => !problem.ignored,
    );
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
