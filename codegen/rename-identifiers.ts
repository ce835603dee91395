import ts from "typescript";

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
