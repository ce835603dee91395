/**
 * Wraps a generated client so a test can prove it called every method: a new operation in the
 * spec shows up here as uncovered until a test exercises it.
 */
export function recordCalls<T extends object>(client: T, called: Set<string>, prefix = ""): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      const name = `${prefix}${String(property)}`;
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          called.add(name);
          return value.apply(target, args);
        };
      }
      return value && typeof value === "object" ? recordCalls(value, called, `${name}.`) : value;
    },
  });
}

/** Every method name of a client, `paginate.*` included. */
export function methodNames(client: object, prefix = ""): string[] {
  return Object.entries(client).flatMap(([key, value]) =>
    typeof value === "function"
      ? [`${prefix}${key}`]
      : value && typeof value === "object"
        ? methodNames(value, `${prefix}${key}.`)
        : [],
  );
}
