import type { ValueScopeName } from "ajv/dist/compile/codegen/scope.js";
import type { AnyValidateFunction } from "ajv/dist/core.js";
import { schemaConstantCode } from "./schema-constant.js";

/**
 * Where a compiled validator lives when it is not the module being written: a `require`
 * specifier, or `undefined` to write its code into this module.
 */
export type LocateValidator = (validate: AnyValidateFunction) => string | undefined;

/** `module.exports = …` when `name` is null (one validator per module), else `exports.<name> = …`. */
export interface ValidatorExport {
  name: string | null;
  validate: AnyValidateFunction;
}

/**
 * One CommonJS module of precompiled validators. ajv's own `standaloneCode` writes every validator
 * a schema reaches into the module; this writes the module's own functions and `require`s the
 * others where `locate` says they live, so a component is compiled and written once per spec.
 *
 * Exports come first: a module's functions are hoisted, so a module caught in a `require` cycle
 * (recursive components) already exports its validator when the other side reads it.
 */
export function validatorModuleCode(exported: ValidatorExport[], locate: LocateValidator): string {
  const module = new ModuleWriter(locate);
  const exportLines = exported.map(({ name, validate }) => {
    const target = name === null ? "module.exports" : `exports${propertyAccess(name)}`;
    return `${target} = ${module.reference(validate)};`;
  });
  return ['"use strict";', ...exportLines, ...module.chunks].join("\n");
}

class ModuleWriter {
  readonly chunks: string[] = [];
  private readonly declared = new Set<string>();

  constructor(private readonly locate: LocateValidator) {}

  /** An expression for `validate` in this module: its function name, or a `require` of its module. */
  reference(validate: AnyValidateFunction): string {
    const where = this.locate(validate);
    if (where !== undefined) return `require(${JSON.stringify(where)})`;
    this.writeFunction(validate);
    return sourceOf(validate).validateName.str;
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
    const evaluated = source.evaluated ? `\n${name}.evaluated = ${source.evaluated};` : "";
    this.chunks.push(...declarations, `${source.validateCode}${evaluated}`);
  }

  /** The `const` for one value the function uses, once per module; nothing when already there. */
  private declaration(value: ValueScopeName, code: string): string | undefined {
    const name = value.str;
    if (this.declared.has(name)) return undefined;
    const ref = value.value?.ref;
    let init: string;
    if (value.prefix === "validate" && typeof ref === "function") {
      init = this.reference(ref as AnyValidateFunction);
    } else if ((value.prefix === "wrapper" || value.prefix === "root") && isSchemaEnv(ref)) {
      // A reference to a schema still being compiled (recursion): ajv reads `.validate` at call time.
      init = `{validate: ${this.reference(ref.validate)}}`;
    } else if (value.prefix === "schema") {
      const kept = schemaConstantCode(ref, name, code);
      if (kept === undefined) return undefined;
      init = kept;
    } else if (value.value?.code !== undefined) {
      init = String(value.value.code);
    } else {
      throw new Error(`validator module: no code for ajv scope value ${name} (${value.prefix})`);
    }
    if (init === name) return undefined; // the module's own hoisted function
    this.declared.add(name);
    return `const ${name} = ${init};`;
  }
}

function sourceOf(validate: AnyValidateFunction) {
  if (!validate.source) throw new Error("validator module: ajv must compile with code.source");
  return validate.source;
}

function isSchemaEnv(ref: unknown): ref is { validate: AnyValidateFunction } {
  return (
    typeof ref === "object" && ref !== null && typeof (ref as { validate?: unknown }).validate === "function"
  );
}

function propertyAccess(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
