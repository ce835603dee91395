import { describe, expect, it } from "vitest";
import { API_VERSIONS, apiName, stageName } from "../../src/topology/topology.js";
import { COMMANDS } from "../../tools/gateway/cli/run-cli.js";
import { runGatewayCli, temporaryDirectory } from "../../tools/gateway/testing/cli.harness.js";

const cwd = temporaryDirectory();
const helpOf = async (...args: string[]) => (await runGatewayCli(undefined, cwd, args)).stdout;

/** The names the topology gives, for any version: `cellar-v1`, `prodv2`, `previewv1`, ... */
const TOPOLOGY_NAMES = API_VERSIONS.flatMap((version) => [
  apiName(version),
  stageName(version),
  stageName(version, "preview"),
]);
/** `cellar` used as the name of an API: the single REST API of an older topology. */
const BARE_API_NAME = /(--api|\bAPI|\bapi)\s+`?cellar`?(?![\w-])|"cellar"|\(`?cellar`?\)/;

describe("help texts", () => {
  it.each(COMMANDS.map((command) => command.name))(
    "%s --help names APIs and stages as the topology does, never the bare API cellar",
    async (name) => {
      const help = await helpOf(name, "--help");
      expect(help).toMatch(new RegExp(`^Usage: cellar-gateway ${name} `));
      expect(TOPOLOGY_NAMES.some((topologyName) => help.includes(topologyName))).toBe(true);
      expect(help).not.toMatch(BARE_API_NAME);
    },
  );

  it("the overview names every version's API", async () => {
    const help = await helpOf("--help");
    for (const version of API_VERSIONS) expect(help).toContain(apiName(version));
    expect(help).not.toMatch(BARE_API_NAME);
  });

  it("the bare-name check would catch the old help", () => {
    expect("Usage: cellar-gateway promote --api cellar --stage prodv2").toMatch(BARE_API_NAME);
    expect("One REST API (`cellar`) serves both versions").toMatch(BARE_API_NAME);
    expect("--api cellar-v2 --stage prodv2").not.toMatch(BARE_API_NAME);
  });
});
