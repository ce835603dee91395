import type { ProblemFieldError } from "@cellar/runtime";
import { fieldErrors, illFormedText } from "@cellar/runtime";
import type { NewWinery } from "../db/winery.repository.js";
import type { components } from "../generated/types.gen.js";
import createWineryValidators from "../generated/validators/createWineryV2.gen.js";

export type ImportRowCheck = { winery: NewWinery } | { errors: ProblemFieldError[] };

/**
 * An import row is exactly what `createWineryV2` accepts as its body, so it is checked with that
 * operation's precompiled validator. Errors point into the import request: `/body/<row>/...`.
 */
export function checkImportRow(data: unknown, rowIndex: number): ImportRowCheck {
  const input = { path: {}, query: {}, headers: {}, body: data };
  const rowPath = `/body/${rowIndex}`;
  const errors = createWineryValidators.request(input)
    ? illFormedText(data, rowPath)
    : fieldErrors(createWineryValidators.request).map((error) => ({
        ...error,
        path: error.path.startsWith("/body") ? rowPath + error.path.slice("/body".length) : rowPath,
      }));
  if (errors.length > 0) return { errors };
  const { location, name, region, website } = data as components["schemas"]["WineryCreateV2"];
  return { winery: { name, region, website: website ?? null, lat: location.lat, lng: location.lng } };
}
