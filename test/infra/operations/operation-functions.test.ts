import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kebabCase } from "../../../codegen/naming.js";
import { operationFunctions, repoRoot } from "../../../infra/operations/operation-functions.js";
import { routes } from "../../../src/generated/routes.gen.js";

describe("operation functions", () => {
  it.each(routes.map((route) => [route.operationId]))(
    "bundle %s from the handler file codegen scaffolded, named in kebab case",
    (operationId) => {
      const fn = operationFunctions().find((candidate) => candidate.operationId === operationId);
      const expected = join(repoRoot, "src/handlers", `${kebabCase(operationId)}.handler.ts`);
      expect(fn?.handlerFile).toBe(expected);
      expect(existsSync(expected)).toBe(true);
    },
  );

  it("refuse an operation whose handler file is missing", () => {
    const [route] = routes;
    if (!route) throw new Error("the spec has no routes");
    expect(() => operationFunctions([{ ...route, operationId: "notScaffoldedV1" }])).toThrow(
      "src/handlers/not-scaffolded-v1.handler.ts",
    );
  });
});
