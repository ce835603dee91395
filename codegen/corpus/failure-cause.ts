/**
 * The cause of a failure, for grouping: the message's first line with what varies from spec to
 * spec (quoted names, paths, numbers, regular expressions) blanked out, so that the same bug in
 * forty specs is one line of the report.
 */
export function failureCause(stage: string, message: string): string {
  const line = (message.split("\n")[0] ?? "").trim();
  const general = line
    .replace(/\/.*\/[a-z]*: /g, "/…/: ") // a regular expression in ajv's and V8's messages
    .replace(/"[^"]*"|(?<!\w)'[^']*'|`[^`]*`/g, "…")
    .replace(/#\/[^\s,;)]*/g, "#/…")
    .replace(/(?:\/[\w.@~%{}-]+)+/g, "/…")
    .replace(/\b\d+\b/g, "N")
    .replace(/\s+/g, " ");
  return `${stage}: ${general.slice(0, 160)}`;
}
