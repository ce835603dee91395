import { describe, expect, it } from "vitest";
import { renameIdentifiers } from "../../codegen/ajv-output.js";

const names = new Map([
  ["validate3", "validateFolder"],
  ["formats4", "isUuid"],
  ["schema7", "schema0"],
]);

describe("renameIdentifiers", () => {
  it("renames bindings, calls, references and import and export bindings", () => {
    const code = [
      'import { isUuid as formats4 } from "./helpers.js";',
      'import validate3 from "./Folder.gen.js";',
      "function validate9(data){ if(!formats4(data.id)) validate9.errors = [schema7.enum]; return validate3(data.child); }",
      "export { validate3 as default };",
    ].join("\n");
    expect(renameIdentifiers(code, names)).toBe(
      [
        'import { isUuid as isUuid } from "./helpers.js";',
        'import validateFolder from "./Folder.gen.js";',
        "function validate9(data){ if(!isUuid(data.id)) validate9.errors = [schema0.enum]; return validateFolder(data.child); }",
        "export { validateFolder as default };",
      ].join("\n"),
    );
  });

  it("leaves property names, object keys and strings that read like a name alone", () => {
    const code =
      'if(data.validate3 === undefined || data?.schema7){ vErrors = [{missingProperty: "validate3", schema7: 1}]; }';
    expect(renameIdentifiers(code, names)).toBe(code);
  });

  it("renames in a ternary and after a regular expression, not inside one", () => {
    const code = 'const ok = /validate3"/.test(s) ? validate3(x) : formats4(y) / 2;';
    expect(renameIdentifiers(code, names)).toBe(
      'const ok = /validate3"/.test(s) ? validateFolder(x) : isUuid(y) / 2;',
    );
  });
});
