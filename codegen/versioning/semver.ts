/** The semver subset releases need: `MAJOR.MINOR.PATCH`, compared numerically (no pre-release tags). */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

export type Bump = "major" | "minor" | "patch" | "none";

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export function parseSemVer(text: string): SemVer | undefined {
  const match = SEMVER.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function isSemVer(text: string): boolean {
  return parseSemVer(text) !== undefined;
}

/** Negative when `a` < `b`; unparsable versions sort first so they never win as "latest". */
export function compareSemVer(a: string, b: string): number {
  const left = parseSemVer(a);
  const right = parseSemVer(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  return left.major - right.major || left.minor - right.minor || left.patch - right.patch;
}

export function bumpSemVer(version: string, bump: Bump): string {
  const parsed = parseSemVer(version);
  if (!parsed) throw new Error(`not a MAJOR.MINOR.PATCH version: ${JSON.stringify(version)}`);
  const { major, minor, patch } = parsed;
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  if (bump === "patch") return `${major}.${minor}.${patch + 1}`;
  return version;
}

export function maxSemVer(versions: Iterable<string>): string | undefined {
  let max: string | undefined;
  for (const version of versions) if (max === undefined || compareSemVer(version, max) > 0) max = version;
  return max;
}
