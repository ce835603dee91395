import type { ValueScopeName } from "ajv/dist/compile/codegen/scope.js";
import type { AnyValidateFunction } from "ajv/dist/core.js";
import { compactErrorReports, REPORT_ERROR } from "./compact-error-reports.js";
import { patternConstructorCode } from "./pattern-regexp.js";
import { renameIdentifiers } from "./rename-identifiers.js";
import { schemaConstantCode } from "./schema-constant.js";
import { ownFormatName } from "./validator-formats.js";
import { UCS2LENGTH, type ValidatorHelpers } from "./validator-helpers.js";

/**
 * Where a compiled validator lives when it is not the module being written: the import specifier
 * and the name it is bound to here (after its schema), or `undefined` to write its code into this module.
 */
export type LocateValidator = (validate: AnyValidateFunction) => { from: string; name: string } | undefined;

/**
 * The default export when `name` is null (one validator per module), else a key of it. `localName`
 * names its function in the module when the module writes it (`validateRequest`, `validateWineryV1`).
 */
export interface ValidatorExport {
  name: string | null;
  localName: string;
  validate: AnyValidateFunction;
}

/**
 * One ES module of precompiled validators. ajv's own `standaloneCode` writes every validator a
 * schema reaches into one CommonJS module; this writes the module's own functions and imports the
 * others from where `locate` says they live, so a component is compiled and written once per spec.
 *
 * ES modules rather than CommonJS so that a bundler hoists them into the handler's scope: wrapped
 * in CommonJS closures, V8 parsed each validator once more on a cold start.
 *
 * A component module exports its function declaration by name (`export { validateFolder as default }`),
 * which is bound before any module code runs: recursive components import each other in a cycle.
 *
 * ajv numbers every function and constant from one counter per spec (`validate58`, `schema31`), so
 * one schema added would rename them in every later module. Each is renamed here after what it
 * validates (functions) or numbered within the module (constants): a module changes only when what
 * it validates does.
 */
export function validatorModuleCode(
  exported: ValidatorExport[],
  locate: LocateValidator,
  helpers: ValidatorHelpers,
): string {
  const module = new ModuleWriter(locate, helpers);
  // Exports claim their names first, so what they call cannot take them.
  for (const { validate, localName } of exported) module.nameOwnFunction(validate, localName);
  const references = exported.map(({ name, validate }) => ({ name, reference: module.reference(validate) }));
  const single = references.length === 1 && references[0]!.name === null;
  const exportLine = single
    ? `export { ${references[0]!.reference} as default };`
    : `export default {\n${references.map(({ name, reference }) => `${propertyKey(name!)}: ${reference},`).join("\n")}\n};`;
  return module.renamed([...module.importLines(), ...module.chunks, exportLine].join("\n"));
}

class ModuleWriter {
  readonly chunks: string[] = [];
  private readonly imports = new Map<string, string>();
  /** Import specifier -> binding, for ajv's runtime modules. */
  private readonly runtimeBindings = new Map<string, string>();
  /** Local name -> helper name, for the one import from the helpers module. */
  private readonly helperBindings = new Map<string, string>();
  private readonly declared = new Set<string>();
  /** ajv's spec-wide name -> the module's own name for it. */
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();
  /** Per ajv prefix (`schema`, `pattern`, …), how many names the module has numbered. */
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly locate: LocateValidator,
    private readonly helpers: ValidatorHelpers,
  ) {}

  /** The module's code with ajv's names replaced by the module's own. */
  renamed(code: string): string {
    return renameIdentifiers(code, this.names);
  }

  /** Names a function this module writes and exports. */
  nameOwnFunction(validate: AnyValidateFunction, localName: string): void {
    if (this.locate(validate) === undefined) this.claim(sourceOf(validate).validateName.str, localName);
  }

  /** Gives ajv's `name` the module's name `wanted`, or `wanted_2`, … when that one is taken. */
  private claim(name: string, wanted: string): string {
    const claimed = this.names.get(name);
    if (claimed !== undefined) return claimed;
    let local = wanted;
    for (let suffix = 2; this.taken.has(local); suffix += 1) local = `${wanted}_${suffix}`;
    this.taken.add(local);
    this.names.set(name, local);
    return local;
  }

  /** Numbers a name within the module, per prefix, in the order the module's code first uses it. */
  private number(name: string, prefix: string): string {
    if (this.names.has(name)) return this.names.get(name)!;
    const count = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, count + 1);
    return this.claim(name, `${prefix}${count}`);
  }

  importLines(): string[] {
    const lines = [...this.imports.values()];
    if (this.helperBindings.size > 0) {
      const bindings = [...this.helperBindings]
        .map(([local, helper]) => [this.names.get(local) ?? local, helper] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([local, helper]) => (local === helper ? helper : `${helper} as ${local}`));
      lines.unshift(`import { ${bindings.join(", ")} } from ${JSON.stringify(this.helpers.path)};`);
    }
    return lines;
  }

  /** Binds `local` to one of the shared helpers instead of declaring it. */
  private useHelper(helper: string, local: string): void {
    this.helpers.used.add(helper);
    this.helperBindings.set(local, helper);
    this.declared.add(local);
    this.claim(local, helper);
  }

  /** The name `validate` has in this module: its own function, or the binding it is imported as. */
  reference(validate: AnyValidateFunction): string {
    const name = sourceOf(validate).validateName.str;
    const where = this.locate(validate);
    if (where !== undefined) {
      this.imports.set(where.from, `import ${name} from ${JSON.stringify(where.from)};`);
      this.declared.add(name);
      this.claim(name, where.name);
    } else {
      // A function no export names: an inline schema ajv compiled apart (a local recursive `$ref`).
      this.number(name, "validateLocal");
      this.writeFunction(validate);
    }
    return name;
  }

  private writeFunction(validate: AnyValidateFunction): void {
    const source = sourceOf(validate);
    const name = source.validateName.str;
    if (this.declared.has(name)) return;
    this.declared.add(name);
    const declarations: string[] = [];
    for (const names of Object.values(source.scopeValues)) {
      for (const value of names ?? []) {
        const declaration = this.declaration(value, source.validateCode);
        if (declaration !== undefined) declarations.push(declaration);
      }
    }
    const { code, compacted } = compactErrorReports(source.validateCode);
    if (compacted) this.useHelper(REPORT_ERROR, REPORT_ERROR);
    const evaluated = source.evaluated ? `\n${name}.evaluated = ${source.evaluated};` : "";
    this.chunks.push(...declarations, `${code}${evaluated}`);
  }

  /** The `const` for one value the function uses, once per module; nothing when already there. */
  private declaration(value: ValueScopeName, code: string): string | undefined {
    const name = value.str;
    if (this.declared.has(name)) return undefined;
    const ref = value.value?.ref;
    let init: string;
    if (value.prefix === "validate" && typeof ref === "function") {
      this.reference(ref as AnyValidateFunction);
      return undefined; // imported, or the module's own hoisted function
    }
    if ((value.prefix === "wrapper" || value.prefix === "root") && isSchemaEnv(ref)) {
      // A reference to a schema still being compiled (recursion): ajv reads `.validate` at call time.
      init = `{validate: ${this.reference(ref.validate)}}`;
    } else if (value.prefix === "schema") {
      const kept = schemaConstantCode(ref, name, code);
      if (kept === undefined) return undefined;
      init = kept;
    } else if (value.prefix === "formats" && ownFormatName(ref) !== undefined) {
      this.useHelper(ownFormatName(ref)!, name);
      return undefined;
    } else if (String(value.value?.code) === UCS2LENGTH_CODE) {
      this.useHelper(UCS2LENGTH, name);
      return undefined;
    } else if (value.prefix === "pattern" && ref instanceof RegExp && value.value?.code !== undefined) {
      init = patternConstructorCode(ref, String(value.value.code));
    } else if (value.value?.code !== undefined) {
      init = this.moduleCode(String(value.value.code));
    } else {
      throw new Error(`validator module: no code for ajv scope value ${name} (${value.prefix})`);
    }
    this.declared.add(name);
    this.number(name, value.prefix);
    return `const ${name} = ${init};`;
  }

  /**
   * ajv writes its runtime helpers as `require("ajv/dist/runtime/…").default`; string length in
   * code points (on every `maxLength`) is one of our shared helpers, the rest are imported.
   */
  private moduleCode(code: string): string {
    const required = /^require\("([^"]+)"\)(.*)$/.exec(code);
    if (!required) return code;
    const [, specifier, rest] = required as unknown as [string, string, string];
    const path = /\.[cm]?js$/.test(specifier) ? specifier : `${specifier}.js`;
    let binding = this.runtimeBindings.get(path);
    if (binding === undefined) {
      binding = `ajvRuntime${this.runtimeBindings.size}`;
      this.runtimeBindings.set(path, binding);
      this.imports.set(path, `import ${binding} from ${JSON.stringify(path)};`);
    }
    return `${binding}${rest}`;
  }
}

const UCS2LENGTH_CODE = 'require("ajv/dist/runtime/ucs2length").default';

function sourceOf(validate: AnyValidateFunction) {
  if (!validate.source) throw new Error("validator module: ajv must compile with code.source");
  return validate.source;
}

function isSchemaEnv(ref: unknown): ref is { validate: AnyValidateFunction } {
  return (
    typeof ref === "object" && ref !== null && typeof (ref as { validate?: unknown }).validate === "function"
  );
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
