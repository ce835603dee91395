import ts from "typescript";

/**
 * One strict TypeScript program over the generated files of many specs (loading the compiler and
 * the runtime's types once), with the diagnostics of each file attributed by path. The options are
 * the repo's own `tsconfig.json`, so generated code is held to what hand-written code is.
 */
export function typecheckFiles(tsconfigPath: string, files: string[]): Map<string, string[]> {
  const config = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, tsconfigPath.replace(/[^/\\]+$/, ""));
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const byFile = new Map<string, string[]>();
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file?.fileName ?? "";
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const where =
      diagnostic.file && diagnostic.start !== undefined
        ? `:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}`
        : "";
    const list = byFile.get(file) ?? [];
    list.push(`TS${diagnostic.code} ${text} (${file.split("/").slice(-3).join("/")}${where})`);
    byFile.set(file, list);
  }
  return byFile;
}
