import type { AnyValidateFunction } from "ajv/dist/core.js";
import {
  type CompiledFunction,
  compactErrorReports,
  compiledFunction,
  patternConstructorCode,
  REPORT_ERROR,
  renameIdentifiers,
  type ScopeValue,
  schemaConstantCode,
  type ValueCode,
} from "./ajv-output.js";
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
    if (this.locate(validate) === undefined) this.claim(compiledFunction(validate).name, localName);
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
    const name = compiledFunction(validate).name;
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
    const compiled = compiledFunction(validate);
    const { name } = compiled;
    if (this.declared.has(name)) return;
    this.declared.add(name);
    const declarations: string[] = [];
    for (const value of compiled.values) {
      const declaration = this.declaration(value, compiled);
      if (declaration !== undefined) declarations.push(declaration);
    }
    const { code, compacted } = compactErrorReports(compiled.code);
    if (compacted) this.useHelper(REPORT_ERROR, REPORT_ERROR);
    const evaluated = compiled.evaluated ? `\n${name}.evaluated = ${compiled.evaluated};` : "";
    this.chunks.push(...declarations, `${code}${evaluated}`);
  }

  /** The `const` for one value the function uses, once per module; nothing when already there. */
  private declaration(value: ScopeValue, compiled: CompiledFunction): string | undefined {
    const { name } = value;
    if (this.declared.has(name)) return undefined;
    let init: string | undefined;
    switch (value.kind) {
      case "validator":
        this.reference(value.validate);
        return undefined; // imported, or the module's own hoisted function
      case "pending":
        // A reference to a schema still being compiled (recursion): ajv reads `.validate` at call time.
        init = `{validate: ${this.reference(value.validate)}}`;
        break;
      case "schema":
        init = schemaConstantCode(value.schema, name, compiled.code);
        if (init === undefined) return undefined;
        break;
      case "format": {
        const own = ownFormatName(value.format);
        if (own !== undefined) {
          this.useHelper(own, name);
          return undefined;
        }
        init = this.valueCode(name, value.code);
        break;
      }
      case "pattern":
        init = patternConstructorCode(value.pattern, value.code);
        break;
      case "other":
        init = this.valueCode(name, value.code);
        break;
    }
    if (init === undefined) return undefined;
    this.declared.add(name);
    this.number(name, prefixOf(name));
    return `const ${name} = ${init};`;
  }

  /**
   * String length in code points (on every `maxLength`) is one of our shared helpers; ajv's other
   * runtime modules are imported; any other code is written as it is.
   */
  private valueCode(name: string, code: ValueCode): string | undefined {
    switch (code.kind) {
      case "ucs2length":
        this.useHelper(UCS2LENGTH, name);
        return undefined;
      case "require": {
        const path = /\.[cm]?js$/.test(code.specifier) ? code.specifier : `${code.specifier}.js`;
        let binding = this.runtimeBindings.get(path);
        if (binding === undefined) {
          binding = `ajvRuntime${this.runtimeBindings.size}`;
          this.runtimeBindings.set(path, binding);
          this.imports.set(path, `import ${binding} from ${JSON.stringify(path)};`);
        }
        return `${binding}${code.rest}`;
      }
      case "code":
        return code.code;
      case "none":
        throw new Error(`validator module: no code for ajv scope value ${name}`);
    }
  }
}

/** ajv's names are a prefix and a spec-wide number (`schema31`); the module numbers them anew. */
function prefixOf(name: string): string {
  return name.replace(/\d+$/, "");
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
