import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoPath = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The Node majors the CDK constructs give their Lambda functions (`lambda.Runtime.NODEJS_22_X`). */
function lambdaNodeMajors(): Set<string> {
  const majors = new Set<string>();
  for (const file of readdirSync(repoPath("infra/constructs"))) {
    if (!file.endsWith(".ts")) continue;
    for (const match of readFileSync(repoPath(`infra/constructs/${file}`), "utf8").matchAll(
      /Runtime\.NODEJS_(\d+)_X/g,
    )) {
      majors.add(match[1] as string);
    }
  }
  return majors;
}

describe("CI runs the tests on the Node major production runs", () => {
  it(".ci/run runs vitest again on node@<the Lambda functions' major>", () => {
    const majors = [...lambdaNodeMajors()];
    expect(majors).toHaveLength(1);
    expect(readFileSync(repoPath(".ci/run"), "utf8")).toMatch(
      new RegExp(`^npx -y node@${majors[0]} node_modules/vitest/vitest\\.mjs run$`, "m"),
    );
  });
});
