import type { SpecOperation } from "../lib/openapi-document.cjs";

/** One Dredd verdict line, e.g. `pass: GET (200) /v1/ping duration: 20ms`. */
export interface DreddVerdict {
  outcome: "pass" | "fail" | "skip";
  method: string;
  status: number;
  /** The request path as Dredd built it from the spec examples (before our hooks rewrote it). */
  uri: string;
}

export interface DreddTotals {
  passing: number;
  failing: number;
  errors: number;
  skipped: number;
}

const VERDICT = /^(pass|fail|skip): ([A-Z]+) \((\d{3})\) (\S+)/;
// `complete: Tests took 1291ms` follows the counts line; it is not the summary.
const COMPLETE = /^complete: (?!Tests took)(.*)$/;

export function parseVerdict(line: string): DreddVerdict | undefined {
  const match = VERDICT.exec(line);
  if (!match) return undefined;
  return {
    outcome: match[1] as DreddVerdict["outcome"],
    method: match[2]!,
    status: Number(match[3]),
    uri: match[4]!,
  };
}

/** `complete: 21 passing, 0 failing, 0 errors, 78 skipped, 99 total` (absent counts are 0). */
export function parseTotals(line: string): DreddTotals | undefined {
  const match = COMPLETE.exec(line);
  if (!match) return undefined;
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(match[1]!)?.[1] ?? 0);
  return {
    passing: count("passing"),
    failing: count("failing"),
    errors: count("errors"),
    skipped: count("skipped"),
  };
}

/** The operation a verdict belongs to: same method, and the path fits the template. */
export function operationForVerdict(
  operations: readonly SpecOperation[],
  verdict: DreddVerdict,
): SpecOperation | undefined {
  const path = verdict.uri.split("?")[0]!;
  return operations
    .filter((op) => op.method === verdict.method && templatePattern(op.path).test(path))
    .sort((a, b) => paramCount(a.path) - paramCount(b.path))[0];
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${escaped}$`);
}

function paramCount(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}
