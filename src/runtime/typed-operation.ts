import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import type { Caller } from "./caller.js";

/** An openapi-typescript `operations[...]` entry, loosely. */
export interface OperationTypes {
  parameters: { query?: unknown; header?: unknown; path?: unknown; cookie?: unknown };
  requestBody?: unknown;
  responses: Record<string | number, unknown>;
}

type Defined<T> = [T] extends [never]
  ? Record<string, never>
  : [T] extends [undefined]
    ? Record<string, never>
    : NonNullable<T>;

/** Parameters that have a spec default are always present after validation (ajv fills them in). */
type WithDefaults<T, K extends PropertyKey> = [K] extends [never]
  ? T
  : Omit<T, K & keyof T> & { [P in K & keyof T]-?: Exclude<T[P], undefined> };

type BodyOf<O> = O extends { requestBody: { content: infer C } }
  ? C[keyof C]
  : O extends { requestBody?: { content: infer C } }
    ? C[keyof C] | undefined
    : undefined;

/** Path, query, headers and body as the operation's request validator guarantees them. */
export interface OperationRequest<O extends OperationTypes, D extends PropertyKey = never> {
  path: Defined<O["parameters"]["path"]>;
  query: WithDefaults<Defined<O["parameters"]["query"]>, D>;
  headers: Defined<O["parameters"]["header"]>;
  body: BodyOf<O>;
}

/** What the wrapper adds to the validated request. */
export interface OperationContext<C extends Caller | null> {
  /**
   * The authenticated caller: a `Caller` on secured operations (the wrapper has answered 401 or
   * 403 without one), `Caller | null` on public ones. The generated wrapper picks which.
   */
  caller: C;
  event: APIGatewayProxyEvent;
  context: Context;
}

export interface OperationInput<
  O extends OperationTypes,
  D extends PropertyKey = never,
  C extends Caller | null = Caller | null,
> extends OperationRequest<O, D>,
    OperationContext<C> {}

type ContentOf<R> = R extends { content: infer C }
  ? [C] extends [never]
    ? undefined
    : C[keyof C]
  : undefined;

/** One documented response: the status and a body typed from the spec. */
export type OperationResult<O extends OperationTypes> = {
  [S in keyof O["responses"]]: {
    status: S extends string ? (S extends `${infer N extends number}` ? N : never) : S;
    body: ContentOf<O["responses"][S]>;
    headers?: Record<string, string>;
  };
}[keyof O["responses"]];

export type OperationImplementation<
  O extends OperationTypes,
  D extends PropertyKey = never,
  C extends Caller | null = Caller | null,
> = (input: OperationInput<O, D, C>) => Promise<OperationResult<O>>;
