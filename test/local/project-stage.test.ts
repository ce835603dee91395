import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gatewayFileName } from "../../codegen/layout.js";
import { projectStageMappings } from "../../src/local/project-stage.js";
import { STAGE_MAPPINGS } from "../../src/local/stages.js";
import { makeTestTempDir } from "../support/test-temp-dirs.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

describe("the stage mappings of any project (cellar start)", () => {
  it("are, for this repo, the ones npm start mounts from the topology", async () => {
    expect(await projectStageMappings(repoRoot)).toEqual(STAGE_MAPPINGS);
  });

  it("come from the project's generated gateway definitions, whatever its versions", async () => {
    const project = makeTestTempDir("cellar-project-stage-");
    mkdirSync(join(project, "gateway"));
    for (const version of ["v3", "default"])
      writeFileSync(join(project, "gateway", gatewayFileName(version)), "{}");
    writeFileSync(join(project, "gateway", "notes.json"), "{}");
    expect(await projectStageMappings(project)).toEqual([
      { basePath: "default", stage: "proddefault", stageVariables: { alias: "default" } },
      { basePath: "v3", stage: "prodv3", stageVariables: { alias: "v3" } },
    ]);
  });

  it("refuses a project codegen has not run in, saying what to run", async () => {
    const project = makeTestTempDir("cellar-project-stage-");
    await expect(projectStageMappings(project)).rejects.toThrow(
      `${join(project, "gateway")} holds no gateway definitions: run \`cellar codegen\` first`,
    );
  });
});
