/**
 * Client-chosen names such as `__proto__` or `constructor` must become plain members, as they are in
 * the JSON API Gateway sends, instead of reaching `Object.prototype` through a plain `record[name]`.
 */
export function ownMember<T>(record: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

export function setOwnMember<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}
