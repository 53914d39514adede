/**
 * Values for the differential tests: a model → fast-check arbitrary of valid wire values, and
 * near-misses (a valid value changed in one place).
 */
import fc from 'fast-check';
import type { PrimitiveName, TypeRef } from '../../src/model/model.js';
import type { Reference } from './reference.js';

/** A plain object with own properties only (`__proto__` stays an own key, as JSON.parse makes). */
export function plainObject(
  entries: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  return Object.fromEntries(entries) as Record<string, unknown>;
}

const INTEGER_RANGES: Partial<Record<PrimitiveName, [number, number]>> = {
  byte: [0, 255],
  sbyte: [-128, 127],
  short: [-32768, 32767],
  ushort: [0, 65535],
  int: [-2147483648, 2147483647],
  uint: [0, 4294967295],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ulong: [0, Number.MAX_SAFE_INTEGER],
};

const keyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', ''),
  },
);

const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 }).map((v) =>
  // fast-check may build objects with a null prototype or `__proto__` keys: re-read as JSON.
  JSON.parse(JSON.stringify(v) ?? 'null'),
);

function primitiveArb(name: PrimitiveName): fc.Arbitrary<unknown> {
  if (name === 'object') return anyJson;
  if (name === 'bool') return fc.boolean();
  const range = INTEGER_RANGES[name];
  if (range)
    return fc.oneof(
      fc.integer({ min: Math.max(range[0], -1000), max: Math.min(range[1], 1000) }),
      fc.constantFrom(range[0], range[1], -0, 0),
      fc.integer({ min: range[0], max: range[1] }),
    );
  if (name === 'float' || name === 'double' || name === 'decimal')
    return fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(-0, 0, 1e308, -1e-308, 0.1),
    );
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '\u2028', '__proto__', '*/', '${x}') },
  );
}

/**
 * Valid values of a type expression (mostly: a type that requires itself has no finite value;
 * the reference checker decides every value's verdict anyway).
 *
 * @param reference
 *   The model's reference checker.
 * @param ref
 *   The type expression.
 * @param depth
 *   Nesting so far (containers shrink to empty beyond 3).
 */
export function valueArb(reference: Reference, ref: TypeRef, depth = 0): fc.Arbitrary<unknown> {
  let cache = CACHES.get(reference);
  if (!cache) CACHES.set(reference, (cache = new Map()));
  const key = `${Math.min(depth, 3)}:${JSON.stringify(ref)}`;
  let arb = cache.get(key);
  if (!arb) cache.set(key, (arb = buildValueArb(reference, ref, depth)));
  return arb;
}

/** Arbitraries built per reference checker, by depth and type expression. */
const CACHES = new WeakMap<Reference, Map<string, fc.Arbitrary<unknown>>>();

function buildValueArb(reference: Reference, ref: TypeRef, depth: number): fc.Arbitrary<unknown> {
  const deep = depth >= 3;
  switch (ref.kind) {
    case 'typeParameter':
      return anyJson;
    case 'primitive':
      return primitiveArb(ref.name);
    case 'literals':
      return fc.oneof(fc.constantFrom(...ref.values), primitiveArb('string'));
    case 'nullable':
      return deep
        ? fc.constant(null)
        : fc.oneof(fc.constant(null), valueArb(reference, ref.type, depth + 1));
    case 'list':
      return deep
        ? fc.constant([])
        : fc.array(valueArb(reference, ref.items, depth + 1), { maxLength: 3 });
    case 'dictionary':
      return dictionaryArb(reference, ref.key, ref.value, depth);
    case 'keyValuePair':
      return fc
        .tuple(valueArb(reference, ref.key, depth + 1), valueArb(reference, ref.value, depth + 1))
        .map(([key, value]) => ({ key, value }));
    case 'ref': {
      const type = reference.byName.get(ref.name);
      if (!type) return anyJson;
      if (type.kind === 'enum') {
        if (type.flags) {
          const { mask, signed } = reference.flagsOf(type);
          if (signed) return fc.integer({ min: -2147483648, max: 2147483647 });
          const bits: number[] = [];
          for (let bit = 1n; bit <= mask; bit <<= 1n) if (mask & bit) bits.push(Number(bit));
          return fc.subarray(bits).map((chosen) => chosen.reduce((sum, bit) => sum + bit, 0));
        }
        const values = reference.enumStrings(type);
        return values.length === 0 ? fc.constant('') : fc.constantFrom(...values);
      }
      if (type.kind === 'dictionary') return dictionaryArb(reference, type.key, type.value, depth);
      const fields = reference.fieldsOf(type.name, ref.args) ?? [];
      const parts = fields.map((field) =>
        field.required
          ? valueArb(reference, field.type, depth + 1).map((v) => [[field.wireName, v] as const])
          : deep
            ? fc.constant([] as (readonly [string, unknown])[])
            : fc
                .option(valueArb(reference, field.type, depth + 1), { nil: undefined, freq: 2 })
                .map((v) => (v === undefined ? [] : [[field.wireName, v] as const])),
      );
      return fc
        .tuple(...parts)
        .map((chunks) => plainObject(chunks.flat() as (readonly [string, unknown])[]));
    }
  }
}

function dictionaryArb(
  reference: Reference,
  key: TypeRef,
  value: TypeRef,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth >= 3) return fc.constant({});
  return fc
    .array(fc.tuple(keyArb(reference, key), valueArb(reference, value, depth + 1)), {
      maxLength: 3,
    })
    .map((entries) => plainObject(entries));
}

function keyArb(reference: Reference, key: TypeRef): fc.Arbitrary<string> {
  const ref = key.kind === 'nullable' ? key.type : key;
  if (ref.kind === 'primitive') {
    if (INTEGER_RANGES[ref.name]) return fc.integer({ min: -1000, max: 1000 }).map(String);
    if (ref.name === 'float' || ref.name === 'double' || ref.name === 'decimal')
      return fc.oneof(fc.integer().map(String), fc.constantFrom('1.5', '-0.25', '1e3'));
    return keyText;
  }
  if (ref.kind === 'ref') {
    const type = reference.byName.get(ref.name);
    if (type?.kind === 'enum') return valueArb(reference, ref).map(String);
  }
  return keyText;
}

/** Values that are wrong for most types. */
const WRONG = [
  null,
  0,
  -0,
  1.5,
  -1,
  256,
  2 ** 31,
  2 ** 53,
  NaN,
  Infinity,
  -Infinity,
  '',
  'x',
  'PCMU',
  true,
  false,
  [],
  [null],
  {},
  { key: 'k' },
];

/** Every path into a JSON value (the root included). */
export function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const key of Object.keys(value))
      pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
  return out;
}

/** A deep copy of a JSON value that keeps `__proto__` keys as own properties. */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (typeof value === 'object' && value !== null)
    return plainObject(Object.entries(value).map(([k, v]) => [k, cloneJson(v)] as const));
  return value;
}

/** One change to a value at one place. */
export type NearMiss =
  | { kind: 'replace'; at: number; with: number }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: string };

export const nearMissArb: fc.Arbitrary<NearMiss> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      with: fc.nat(WRONG.length - 1),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      at: fc.nat(),
      key: fc.constantFrom('extra', '__proto__', 'constructor', 'key', 'value', '1', 'PCMU'),
    }),
  },
);

/**
 * Apply a near-miss to a copy of `value`.
 *
 * @param value
 *   A (valid) value.
 * @param change
 *   What to change where (`at` picks among the value's paths).
 */
export function applyNearMiss(value: unknown, change: NearMiss): unknown {
  const root = { v: cloneJson(value) } as Record<string, unknown>;
  const paths = pathsOf(root['v']).map((p) => ['v', ...p]);
  const candidates = change.kind === 'delete' ? paths.filter((p) => p.length > 1) : paths;
  const path = candidates[change.at % Math.max(1, candidates.length)];
  if (!path) return root['v'];
  let parent: unknown = root;
  for (const segment of path.slice(0, -1))
    parent = (parent as Record<string | number, unknown>)[segment];
  const last = path[path.length - 1]!;
  const container = parent as Record<string | number, unknown>;
  if (change.kind === 'replace') {
    container[last] = cloneJson(WRONG[change.with]);
  } else if (change.kind === 'delete') {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  } else {
    const target = container[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target))
      Object.defineProperty(target, change.key, {
        value: 'x',
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else container[last] = plainObject([[change.key, 'x']]);
  }
  return root['v'];
}
