/**
 * Looks a name up among a table's own keys only. Names from notes or requests
 * (`constructor`, `toString`, `__proto__`…) must never reach Object.prototype
 * through `table[name]`.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
