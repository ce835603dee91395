/**
 * How a setting read from the environment is parsed. A bad value is an `InvalidSettingError` naming
 * the variable, thrown while the process starts (a Lambda's init, the local stage's first line), so
 * a typo never quietly turns a guard off or falls back to a default.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export class InvalidSettingError extends Error {
  /** `problem` completes a sentence that starts with the variable's name. */
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = "InvalidSettingError";
  }

  static mustBe(variable: string, expected: string, raw: string): InvalidSettingError {
    return new InvalidSettingError(variable, `must be ${expected}, got ${JSON.stringify(raw)}`);
  }
}

/** The trimmed value, or `undefined` when the variable is unset or blank (blank means "default"). */
export function rawSetting(env: Environment, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function oneOfSetting<T extends string>(
  env: Environment,
  variable: string,
  allowed: readonly T[],
): T | undefined {
  const raw = rawSetting(env, variable);
  if (raw === undefined) return undefined;
  const value = allowed.find((candidate) => candidate === raw);
  if (value === undefined) {
    throw InvalidSettingError.mustBe(
      variable,
      `one of ${allowed.map((item) => `"${item}"`).join(", ")}`,
      raw,
    );
  }
  return value;
}

export function integerSetting(
  env: Environment,
  variable: string,
  range: { min: number; max?: number },
  fallback: number,
): number {
  const raw = rawSetting(env, variable);
  if (raw === undefined) return fallback;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(value) || value < range.min || value > max) {
    const expected =
      range.max === undefined
        ? `an integer of at least ${range.min}`
        : `an integer from ${range.min} to ${max}`;
    throw InvalidSettingError.mustBe(variable, expected, raw);
  }
  return value;
}

export function booleanSetting(env: Environment, variable: string, fallback: boolean): boolean {
  const value = oneOfSetting(env, variable, ["true", "false"] as const);
  return value === undefined ? fallback : value === "true";
}
