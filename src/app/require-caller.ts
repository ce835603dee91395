import type { Caller } from "../runtime/caller.js";
import { unauthorized } from "../runtime/problem.js";

/** Secured operations are rejected before the implementation runs; this narrows the type for it. */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw unauthorized();
  return caller;
}
