/**
 * Count the work a guard does on a value instead of timing it: values whose properties count
 * their reads (getters), and arrays whose items count theirs (a Proxy). A guard that visits a
 * value more often than it should, or walks past its limits, reads more: the count says so on a
 * loaded machine as on an idle one, and a 10x slowdown shows as 10x the reads.
 */

/** A counter of property reads. */
export interface ReadCounter {
  reads: number;
}

/**
 * A plain object whose one property counts every read of it (an enumerable own getter: the
 * guards read it by name and find it when they walk the keys).
 *
 * @param counter
 *   The counter to increment.
 * @param key
 *   The property.
 * @param value
 *   What the property holds (read lazily, so that cycles can be built).
 */
export function countedObject(
  counter: ReadCounter,
  key: string,
  value: () => unknown,
): Record<string, unknown> {
  return Object.defineProperty({}, key, {
    enumerable: true,
    configurable: true,
    get() {
      counter.reads++;
      return value();
    },
  }) as Record<string, unknown>;
}

/**
 * An array that counts every read of an item (a Proxy: `Array.isArray` still says true).
 *
 * @param counter
 *   The counter to increment.
 * @param items
 *   The items.
 */
export function countedArray<T>(counter: ReadCounter, items: T[]): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^(?:0|[1-9]\d*)$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
