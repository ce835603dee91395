import type { BodyFieldSpec } from "./body-media-types.js";
import { coerceParameter } from "./coerce-parameters.js";
import type { ProblemFieldError } from "./problem.js";

/** One field as read off the wire: text, or a file part of a multipart body. */
export type RawFieldValue = string | { filename: string; contentType: string; data: Buffer };

/**
 * Form and multipart fields arrive as strings (and files). Like query parameters, each is coerced
 * by its declared type before the one ajv pass: an array field collects every value sent, a scalar
 * sent twice is an error, an object field (a JSON part of a multipart body) is parsed as JSON. A
 * field the schema does not declare is kept as sent, so `additionalProperties` can judge it.
 */
export function coerceBodyFields(
  entries: Iterable<[string, RawFieldValue]>,
  fields: Readonly<Record<string, BodyFieldSpec>>,
  errors: ProblemFieldError[],
): Record<string, unknown> {
  const collected = new Map<string, RawFieldValue[]>();
  for (const [name, value] of entries) {
    const values = collected.get(name);
    if (values) values.push(value);
    else collected.set(name, [value]);
  }
  const body: Record<string, unknown> = {};
  for (const [name, values] of collected) {
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    const pointer = `/body/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (field?.type === "array") {
      body[name] = values.map((value) => coerceField(value, field.itemType ?? "string", pointer, errors));
    } else if (values.length > 1) {
      errors.push({ path: pointer, message: "must not be repeated" });
    } else {
      body[name] = coerceField(values[0]!, field?.type ?? "string", pointer, errors);
    }
  }
  return body;
}

function coerceField(
  value: RawFieldValue,
  type: BodyFieldSpec["type"],
  pointer: string,
  errors: ProblemFieldError[],
): unknown {
  if (typeof value !== "string") return value;
  if (type !== "object") return coerceParameter(value, type);
  try {
    return JSON.parse(value);
  } catch {
    errors.push({ path: pointer, message: "must be valid JSON" });
    return value;
  }
}
