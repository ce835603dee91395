import { beforeAll, describe, expect, it } from "vitest";
import { lambdaMetafile } from "../../infra/bundle/bundle-imports.js";
import { lambdaEntries } from "../../infra/bundle/lambda-bundles.js";
import {
  isAllowed,
  type LocalOnlyFinding,
  localOnlyCodeByBundle,
} from "../../infra/bundle/production-only.js";
import { MIGRATE_FUNCTION, repoRoot } from "../../infra/operations/operation-functions.js";

const at = (file: string) => JSON.stringify(`${repoRoot}/${file}`);

/** Entries that do carry local-only code, so the check is seen to catch each kind. */
const CONTROLS = [
  {
    name: "control-migrations",
    source: `export { migrateToLatest as handler } from ${at("src/db/migrate.ts")};`,
  },
  { name: "control-pglite", source: `export { openDatabase as handler } from ${at("src/db/database.ts")};` },
  {
    name: "control-crypto",
    source: `import { createHash } from "node:crypto";\nexport const handler = () => createHash("sha256").digest("hex");`,
  },
];

const entries = lambdaEntries();
let findings: Map<string, LocalOnlyFinding[]>;
let inputs: Map<string, string[]>;

beforeAll(async () => {
  // One esbuild call for every production bundle and the controls, with the options bundleLambdas uses.
  const metafile = await lambdaMetafile([...entries, ...CONTROLS]);
  findings = localOnlyCodeByBundle(metafile);
  inputs = new Map(
    Object.values(metafile.outputs)
      .filter((output) => output.entryPoint !== undefined)
      .map((output) => [output.entryPoint!.replace(/^cellar-entry:/, ""), Object.keys(output.inputs)]),
  );
});

describe("production Lambda bundles carry only production code", () => {
  it.each(entries.map((entry) => entry.name))(
    "%s: no migrations, no PGlite dialect, no local stage, no load-time node:crypto",
    (bundle) => {
      const disallowed = (findings.get(bundle) ?? []).filter((finding) => !isAllowed(bundle, finding));
      expect(disallowed).toEqual([]);
    },
  );

  it("still reads the real bundles: operation bundles open the database through database-instance", () => {
    expect(inputs.get("getWineryV1")).toContain("src/db/database-instance.ts");
    expect(inputs.get("createWineryV2")).toContain("src/app/idempotency.ts");
  });

  it("lets the migrations function keep its migrations, and nothing else local-only", () => {
    const migrate = findings.get(MIGRATE_FUNCTION) ?? [];
    expect(migrate.map((finding) => finding.source)).toEqual(
      expect.arrayContaining([
        "src/db/migrate.ts",
        expect.stringMatching(/^src\/db\/migrations\/.+\.migration\.ts$/),
      ]),
    );
    expect(new Set(migrate.map((finding) => finding.code))).toEqual(new Set(["migrations"]));
  });

  it("catches each kind of local-only code (control bundles)", () => {
    const codes = (bundle: string) => new Set((findings.get(bundle) ?? []).map((finding) => finding.code));
    expect(codes("control-migrations")).toEqual(new Set(["migrations"]));
    expect(codes("control-pglite")).toEqual(new Set(["pglite"]));
    expect(findings.get("control-pglite")).toEqual(
      expect.arrayContaining([
        { code: "pglite", source: "src/db/pglite-dialect.ts" },
        { code: "pglite", source: "import @electric-sql/pglite" },
      ]),
    );
    expect(findings.get("control-crypto")).toEqual([
      { code: "load-time node:crypto", source: "cellar-entry:control-crypto imports node:crypto" },
    ]);
  });
});
