import type { ValueScopeName } from "ajv/dist/compile/codegen/scope.js";
import type { AnyValidateFunction } from "ajv/dist/core.js";
import ts from "typescript";

/*
 * Everything that depends on how ajv 8 writes standalone code and on its compiled internals
 * (`validate.source`, its scope values and their prefixes) lives in this module, so an ajv upgrade
 * that changes one of them fails here: `test/codegen/ajv-output.test.ts` compiles one schema per
 * construct relied on and checks it still looks as this module expects. Rewrites that do not find
 * the shape they expect leave ajv's code as it was (still correct) or throw; never guess.
 */

// ---------------------------------------------------------------------------------------------
// Compiled functions and the values their code uses

/** One function ajv compiled: its spec-wide name, its code, and the values that code uses. */
export interface CompiledFunction {
  name: string;
  code: string;
  /** Code for `<name>.evaluated`, which ajv sets on functions tracking evaluated properties. */
  evaluated: string | undefined;
  values: ScopeValue[];
}

/** A value a compiled function uses by name (ajv's scope values), by what it is. */
export type ScopeValue =
  /** Another compiled function, called by name (a `$ref`, with `inlineRefs: false`). */
  | { kind: "validator"; name: string; validate: AnyValidateFunction }
  /** A function still being compiled when referenced (recursion): read as `<name>.validate` at call time. */
  | { kind: "pending"; name: string; validate: AnyValidateFunction }
  /** The schema object, read for a few keywords through property chains (see {@link schemaConstantCode}). */
  | { kind: "schema"; name: string; schema: unknown }
  /** A format check: `format` is the function or definition ajv was given. */
  | { kind: "format"; name: string; format: unknown; code: ValueCode }
  /** A compiled `pattern`; `code` is ajv's `new RegExp("…", "u")`. */
  | { kind: "pattern"; name: string; pattern: RegExp; code: string }
  | { kind: "other"; name: string; code: ValueCode };

/** How ajv's code for a value reads: its runtime's string length, another runtime module, or code as is. */
export type ValueCode =
  | { kind: "ucs2length" }
  | { kind: "require"; specifier: string; rest: string }
  | { kind: "code"; code: string }
  | { kind: "none" };

export function compiledFunction(validate: AnyValidateFunction): CompiledFunction {
  const source = validate.source;
  if (!source) throw new Error("validator module: ajv must compile with code.source");
  const values: ScopeValue[] = [];
  for (const names of Object.values(source.scopeValues)) {
    for (const value of names ?? []) values.push(scopeValue(value));
  }
  const evaluated = source.evaluated === undefined ? undefined : String(source.evaluated);
  return { name: source.validateName.str, code: source.validateCode, evaluated, values };
}

function scopeValue(value: ValueScopeName): ScopeValue {
  const name = value.str;
  const ref = value.value?.ref;
  const code = valueCode(value.value?.code === undefined ? undefined : String(value.value.code));
  if (value.prefix === "validate" && typeof ref === "function") {
    return { kind: "validator", name, validate: ref as AnyValidateFunction };
  }
  if ((value.prefix === "wrapper" || value.prefix === "root") && isSchemaEnv(ref)) {
    return { kind: "pending", name, validate: ref.validate };
  }
  if (value.prefix === "schema") return { kind: "schema", name, schema: ref };
  if (value.prefix === "formats") return { kind: "format", name, format: ref, code };
  if (value.prefix === "pattern" && ref instanceof RegExp && code.kind === "code") {
    return { kind: "pattern", name, pattern: ref, code: code.code };
  }
  return { kind: "other", name, code };
}

const UCS2LENGTH_CODE = 'require("ajv/dist/runtime/ucs2length").default';

/** ajv writes its runtime helpers as `require("ajv/dist/runtime/…").default`. */
function valueCode(code: string | undefined): ValueCode {
  if (code === undefined) return { kind: "none" };
  if (code === UCS2LENGTH_CODE) return { kind: "ucs2length" };
  const required = /^require\("([^"]+)"\)(.*)$/.exec(code);
  if (!required) return { kind: "code", code };
  return { kind: "require", specifier: required[1]!, rest: required[2]! };
}

function isSchemaEnv(ref: unknown): ref is { validate: AnyValidateFunction } {
  return (
    typeof ref === "object" && ref !== null && typeof (ref as { validate?: unknown }).validate === "function"
  );
}

// ---------------------------------------------------------------------------------------------
// Error reports

/**
 * Shrinks ajv's error reporting, which is most of a validator's code: every failed keyword builds
 * an error object and appends it with an eight-line `if (vErrors === null) … else …` block. Here
 * each becomes one call to a helper all validators share (`REPORT_ERROR_FUNCTION`), and the error
 * object loses its `schemaPath` (nothing reads it). A Lambda parses every byte of its bundle on a cold start and
 * compiles the validator a request runs in full, so the ~200 bytes per failed keyword cost time
 * even when nothing fails.
 *
 * Works on ajv 8's code as it emits it with `code.lines` (one statement per line); a site that
 * does not match exactly is left as it was, which is still correct.
 */
export function compactErrorReports(code: string): { code: string; compacted: boolean } {
  let compacted = false;
  const rewritten = code.replace(ERROR_SITE, (site, _name: string, object: string) => {
    const fields = objectFields(object);
    if (fields === undefined) return site;
    compacted = true;
    const args = [fields.instancePath, fields.keyword, fields.params, fields.message];
    return `vErrors = ${REPORT_ERROR}(vErrors, ${args.join(", ")});\n`;
  });
  return { code: rewritten, compacted };
}

export const REPORT_ERROR = "reportError";

/** The helper the compacted sites call; its name cannot clash with ajv's numbered names. */
export const REPORT_ERROR_FUNCTION = `function ${REPORT_ERROR}(vErrors, instancePath, keyword, params, message) {
const error = {instancePath, keyword, params, message};
if (vErrors === null) return [error];
vErrors.push(error);
return vErrors;
}`;

/** `const errN = {…};` followed by ajv's append block for that very error. */
const ERROR_SITE =
  /^const (err\d+) = (\{instancePath.*\});\nif\(vErrors === null\)\{\nvErrors = \[\1\];\n\}\nelse \{\nvErrors\.push\(\1\);\n\}\n/gm;

const FIELDS = ["instancePath", "schemaPath", "keyword", "params", "message"] as const;
type Fields = Record<(typeof FIELDS)[number], string>;

/**
 * The expressions of ajv's error object literal, in ajv's fixed key order, or `undefined` for any
 * other shape. `{instancePath,…}` uses the shorthand for a variable of that name.
 */
function objectFields(object: string): Fields | undefined {
  const parts = topLevelParts(object.slice(1, -1));
  if (parts?.length !== FIELDS.length) return undefined;
  const fields = {} as Fields;
  for (const [index, key] of FIELDS.entries()) {
    const part = parts[index]!;
    if (part === key) fields[key] = key;
    else if (part.startsWith(`${key}:`)) fields[key] = part.slice(key.length + 1);
    else return undefined;
  }
  return fields;
}

/** Splits at commas outside brackets and string literals; `undefined` when they do not balance. */
function topLevelParts(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote !== null) {
      if (char === "\\") index += 1;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "(" || char === "[" || char === "{") depth += 1;
    else if (char === ")" || char === "]" || char === "}") depth -= 1;
    else if (char === "," && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  if (depth !== 0 || quote !== null) return undefined;
  parts.push(text.slice(start));
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Schema constants

/**
 * The initializer of a schema constant in ajv's generated code, cut down to what the code reads.
 *
 * ajv declares each compiled schema as a constant, but reads one only for a few keywords, through
 * property chains such as `schema12.properties.kind.enum` (an `enum` error's `allowedValues`).
 * Emitting the whole schema for that would put every constraint of a component in the bundle twice.
 * Each chain keeps the whole value where it ends or reaches something other than a plain object
 * (an array, a string), so any further read the code makes (`.length`, an index computed at run
 * time) sees what it would in the full schema. A bare reference keeps the whole schema.
 *
 * Returns `undefined` when `code` does not read the constant at all.
 */
export function schemaConstantCode(schema: unknown, name: string, code: string): string | undefined {
  const chains = [...code.matchAll(referencesTo(name))].map((match) => propertyChain(match[1]!));
  if (chains.length === 0) return undefined;
  if (!isPlainObject(schema) || chains.some((chain) => chain.length === 0)) return jsonCode(schema);
  const kept: Record<string, unknown> = {};
  for (const chain of chains) keepChain(schema, kept, chain);
  return jsonCode(kept);
}

const PROPERTY = String.raw`\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\]`;

function referencesTo(name: string): RegExp {
  return new RegExp(String.raw`\b${name}\b((?:${PROPERTY})*)`, "g");
}

function propertyChain(accessors: string): string[] {
  return [...accessors.matchAll(new RegExp(PROPERTY, "g"))].map(([accessor]) =>
    accessor.startsWith(".") ? accessor.slice(1) : String(JSON.parse(accessor.slice(1, -1))),
  );
}

function keepChain(schema: Record<string, unknown>, kept: Record<string, unknown>, chain: string[]): void {
  let from = schema;
  let into = kept;
  for (const [index, key] of chain.entries()) {
    if (!Object.hasOwn(from, key)) return; // the code reads something absent; absent here too
    const next = from[key];
    if (index === chain.length - 1 || !isPlainObject(next)) {
      into[key] = next;
      return;
    }
    if (into[key] === next) return; // already kept whole for another chain
    into[key] ??= {};
    from = next;
    into = into[key] as Record<string, unknown>;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON as a JavaScript expression: the two line separators JSON allows in strings are escaped. */
function jsonCode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

// ---------------------------------------------------------------------------------------------
// Patterns

/**
 * The code constructing one compiled pattern in a generated module: ajv's own
 * (`new RegExp("…", "u")`) unless the engine fell back, then the same call without the flag.
 */
export function patternConstructorCode(compiled: RegExp, ajvCode: string): string {
  if (compiled.unicode) return ajvCode;
  const withoutFlag = ajvCode.replace(/, "u"\)$/, ', "")');
  if (withoutFlag === ajvCode) throw new Error(`pattern code not in ajv's form: ${ajvCode}`);
  return withoutFlag;
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * `code` with every identifier named in `names` renamed, token by token (TypeScript's scanner)
 * rather than by a regular expression: a name inside a string (`"validate3"`), a property read
 * (`data.validate3`) or an object key (`{schema7: 1}`) is left alone. A scanner, not a parser: it
 * costs a twentieth of a full parse, which on a large spec's validators would be seconds.
 *
 * Meant for the code ajv emits and our modules around it: no shorthand properties (`{a}`) or
 * template literals hold a name to rename; a `/` starts a regular expression where an operand is due.
 */
export function renameIdentifiers(code: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return code;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const tokens: Array<{ kind: ts.SyntaxKind; start: number; end: number; text: string }> = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const previous = tokens.at(-1)?.kind;
    if (
      (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) &&
      !endsOperand(previous)
    ) {
      kind = scanner.reScanSlashToken();
    }
    tokens.push({
      kind,
      start: scanner.getTokenStart(),
      end: scanner.getTokenEnd(),
      text: scanner.getTokenText(),
    });
  }
  let renamed = "";
  let at = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.kind !== ts.SyntaxKind.Identifier) continue;
    const name = names.get(token.text);
    if (name === undefined || !isBinding(tokens[index - 1]?.kind, tokens[index + 1]?.kind)) continue;
    renamed += code.slice(at, token.start) + name;
    at = token.end;
  }
  return renamed + code.slice(at);
}

/** Not after `.` or `?.` (a property read), nor between `{`/`,` and `:` (an object key). */
function isBinding(previous: ts.SyntaxKind | undefined, next: ts.SyntaxKind | undefined): boolean {
  if (previous === ts.SyntaxKind.DotToken || previous === ts.SyntaxKind.QuestionDotToken) return false;
  const keyPosition = previous === ts.SyntaxKind.OpenBraceToken || previous === ts.SyntaxKind.CommaToken;
  return !(keyPosition && next === ts.SyntaxKind.ColonToken);
}

/** Whether a token ends an operand, so that a `/` after it divides rather than starts a regular expression. */
function endsOperand(kind: ts.SyntaxKind | undefined): boolean {
  return (
    kind === ts.SyntaxKind.Identifier ||
    kind === ts.SyntaxKind.NumericLiteral ||
    kind === ts.SyntaxKind.StringLiteral ||
    kind === ts.SyntaxKind.CloseParenToken ||
    kind === ts.SyntaxKind.CloseBracketToken
  );
}
