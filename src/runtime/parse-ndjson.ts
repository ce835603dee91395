import { badRequest } from "./problem.js";

export const NDJSON_MEDIA_TYPE = "application/x-ndjson";

/**
 * NDJSON (one JSON value per line) as the array of its lines' values, so it is validated like the
 * equivalent JSON array. Blank lines, such as a trailing newline, are skipped; since they would
 * shift row numbers, every line counts as a row only if non-blank, and errors name the line.
 */
export function parseNdjson(text: string): unknown[] {
  const rows: unknown[] = [];
  const lines = text.split("\n");
  for (let line = 0; line < lines.length; line++) {
    const source = lines[line]!.trim();
    if (source === "") continue;
    try {
      rows.push(JSON.parse(source));
    } catch (error) {
      throw badRequest(`Line ${line + 1} of the NDJSON body is not valid JSON: ${(error as Error).message}`, [
        { path: `/body/${rows.length}`, message: `line ${line + 1} must be valid JSON` },
      ]);
    }
  }
  return rows;
}
