import type { Snapshot } from "./api-history.js";
import type { Change } from "./change.js";

/** Keep a Changelog headings; the level decides the heading, deprecations get their own. */
const SECTIONS: Array<[string, (change: Change) => boolean]> = [
  ["Breaking", (change) => change.level === "breaking"],
  ["Deprecated", (change) => change.rule.endsWith("-deprecated")],
  ["Added", (change) => change.level === "additive" && !change.rule.endsWith("-deprecated")],
  ["Changed", (change) => change.level === "compatible" && change.rule !== "documentation-changed"],
];

/** The `### API v1 1.1.0` block of one release, for sdk/CHANGELOG.md. */
export function renderChangelogSection(snapshot: Snapshot): string {
  const lines = [`### API ${snapshot.apiVersion} ${snapshot.version}`, ""];
  if (snapshot.summary) lines.push(snapshot.summary, "");
  for (const [heading, matches] of SECTIONS) {
    const changes = snapshot.changes.filter(matches);
    if (changes.length === 0) continue;
    lines.push(`#### ${heading}`, "");
    for (const change of changes)
      lines.push(
        `- \`${change.operationId}\` (\`${change.method.toUpperCase()} ${change.path}\`): ${change.message}`,
      );
    lines.push("");
  }
  const documentation = snapshot.changes.filter((change) => change.rule === "documentation-changed").length;
  if (documentation > 0) lines.push(`Documentation: ${documentation} description(s) updated.`, "");
  return lines.join("\n");
}

const HEADING = /^## \[?v?(\d+\.\d+\.\d+)\]?/;

export function hasChangelogEntry(changelog: string, sdkVersion: string): boolean {
  return changelog.split("\n").some((line) => HEADING.exec(line)?.[1] === sdkVersion);
}

export function hasApiSection(changelog: string, sdkVersion: string, snapshot: Snapshot): boolean {
  const entry = entryOf(changelog.split("\n"), sdkVersion);
  if (!entry) return false;
  const heading = `### API ${snapshot.apiVersion} ${snapshot.version}`;
  return changelog
    .split("\n")
    .slice(entry.start, entry.end)
    .some((line) => line.trim() === heading);
}

/**
 * Adds a release's section under `## <sdkVersion>`: appended to that entry when it exists (two
 * API versions released into one SDK version), otherwise as a new entry above the previous ones.
 */
export function insertChangelogSection(
  changelog: string,
  sdkVersion: string,
  date: string,
  section: string,
): string {
  const lines = changelog.replace(/\s*$/, "").split("\n");
  const entry = entryOf(lines, sdkVersion);
  if (entry) {
    lines.splice(entry.end, 0, "", ...sectionLines(section));
    return `${lines.join("\n").replace(/\s*$/, "")}\n`;
  }
  const firstEntry = lines.findIndex((line) => HEADING.test(line));
  const block = [`## ${sdkVersion} — ${date}`, "", ...sectionLines(section), ""];
  if (firstEntry === -1) lines.push("", ...block);
  else lines.splice(firstEntry, 0, ...block);
  return `${lines.join("\n").replace(/\s*$/, "")}\n`;
}

function entryOf(lines: string[], sdkVersion: string): { start: number; end: number } | undefined {
  const start = lines.findIndex((line) => HEADING.exec(line)?.[1] === sdkVersion);
  if (start === -1) return undefined;
  const next = lines.findIndex((line, index) => index > start && /^## /.test(line));
  let end = next === -1 ? lines.length : next;
  while (end > start + 1 && lines[end - 1]!.trim() === "") end--;
  return { start, end };
}

function sectionLines(section: string): string[] {
  return section.replace(/\s*$/, "").split("\n");
}
