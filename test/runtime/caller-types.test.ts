import { describe, expectTypeOf, it } from "vitest";
import type { Handlers } from "../../src/generated/handlers.gen.js";
import type { CreateWineryV1Implementation } from "../../src/generated/operations/createWineryV1.gen.js";
import { getMeV2Spec } from "../../src/generated/operations/getMeV2.gen.js";
import type { GetWineryV1Implementation } from "../../src/generated/operations/getWineryV1.gen.js";
import { pingV1Spec } from "../../src/generated/operations/pingV1.gen.js";
import type { Caller } from "../../src/runtime/caller.js";
import { defineSecuredOperation } from "../../src/runtime/define-operation.js";
import type { OperationValidators } from "../../src/runtime/operation-spec.js";

type CallerOf<I extends (input: never) => unknown> = Parameters<I>[0] extends { caller: infer C } ? C : never;

// Checked by `tsc` (npm run typecheck), as every expectTypeOf is; the test runner only runs the file.
describe("the caller an implementation receives follows the spec's security", () => {
  it("is a Caller, never null, on a secured operation (createWineryV1)", () => {
    expectTypeOf<CallerOf<CreateWineryV1Implementation>>().toEqualTypeOf<Caller>();
  });

  it("is Caller | null on a public operation (getWineryV1)", () => {
    expectTypeOf<CallerOf<GetWineryV1Implementation>>().toEqualTypeOf<Caller | null>();
  });

  it("is what the wrapper of each of the spec's operations passes: secured wrappers are typed secured", () => {
    expectTypeOf(getMeV2Spec.secured).toEqualTypeOf<true>();
    expectTypeOf(pingV1Spec.secured).toEqualTypeOf<false>();
    expectTypeOf<Handlers["getMeV2"]["operationId"]>().toEqualTypeOf<"getMeV2">();
  });

  it("refuses a secured wrapper on a public operation's spec", () => {
    const validators: OperationValidators = { request: (_data: unknown): _data is unknown => true };
    // @ts-expect-error pingV1 is public: its spec says `secured: false`.
    defineSecuredOperation(pingV1Spec, validators, async () => ({ status: 200, body: undefined }));
  });
});
