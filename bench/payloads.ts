/**
 * Payloads for the guard benchmarks: valid values of a model type with realistic, seeded
 * variation (optional fields left out, strings of varied length, 0–3 items per list, every
 * enum member, nested Struct data), and an invalid payload with several errors.
 */
import { enumWireValues } from '../src/model/index.js';
import type { Model, ModelType, ObjectType, TypeRef } from '../src/model/model.js';

const INTEGERS = new Set(['byte', 'sbyte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong']);
const FLOATS = new Set(['float', 'double', 'decimal']);
const WORDS = ['alpha', 'Evo', 'voice', '+15551234567', 'sip:agent@example.com', 'Main line', ''];

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generate valid values of a model type.
 *
 * @param model
 *   The dtoforge model.
 * @param seed
 *   The PRNG seed.
 */
export function createValueGenerator(
  model: Model,
  seed: number,
): (typeName: string) => Record<string, unknown> {
  const types = new Map<string, ModelType>(model.types.map((type) => [type.name, type]));
  const random = createRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const fieldsOf = (type: ObjectType): ObjectType['fields'] => {
    const base = type.base?.kind === 'ref' ? types.get(type.base.name) : undefined;
    return [...(base?.kind === 'object' ? fieldsOf(base) : []), ...type.fields];
  };
  const string = (): string => {
    const word = pick(WORDS);
    return random() < 0.3 ? `${word}-${int(0, 99999)}` : word;
  };
  const value = (type: TypeRef, depth: number): unknown => {
    switch (type.kind) {
      case 'primitive':
        if (type.name === 'bool') return random() < 0.5;
        if (INTEGERS.has(type.name)) return int(0, 5000);
        if (FLOATS.has(type.name)) return Math.round(random() * 1e6) / 100;
        if (type.name === 'object') return { note: string() };
        if (type.name === 'DateTime') return new Date(1.7e12 + int(0, 1e9) * 1000).toISOString();
        return string();
      case 'nullable':
        return random() < 0.15 ? null : value(type.type, depth);
      case 'list': {
        const count = depth > 4 ? 0 : int(0, 3);
        return Array.from({ length: count }, () => value(type.items, depth + 1));
      }
      case 'dictionary':
      case 'keyValuePair':
        return dictionary(type.key, type.value, depth);
      case 'ref':
        return named(type.name, depth);
      case 'typeParameter':
        return null;
      case 'literals':
        return pick(type.values);
    }
  };
  const dictionary = (key: TypeRef, item: TypeRef, depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    if (depth > 4) return result;
    const keyType = key.kind === 'ref' ? types.get(key.name) : undefined;
    for (let count = int(0, 3); count > 0; count--) {
      const name =
        keyType?.kind === 'enum'
          ? String(pick(enumWireValues(keyType)))
          : key.kind === 'primitive' && INTEGERS.has(key.name)
            ? String(int(0, 99))
            : `key${int(0, 999)}`;
      result[name] = value(item, depth + 1);
    }
    return result;
  };
  const named = (name: string, depth: number): unknown => {
    const type = types.get(name);
    if (!type) return null;
    if (type.kind === 'enum') return pick(enumWireValues(type));
    if (type.kind === 'dictionary') return dictionary(type.key, type.value, depth);
    const result: Record<string, unknown> = {};
    for (const field of fieldsOf(type)) {
      // Deep optional objects thin out, as real payloads do.
      if (!field.required && random() < (depth > 2 ? 0.6 : 0.12)) continue;
      result[field.wireName] = value(field.type, depth + 1);
    }
    return result;
  };
  return (typeName) => named(typeName, 0) as Record<string, unknown>;
}

/**
 * The EndpointInfo sample with five errors a careless client makes: a wrong enum member, a
 * number for a string, `null` where not nullable, a wrong item in a nested list, a bad entry in
 * a map.
 *
 * @param sample
 *   The page's response sample.
 */
export function breakEndpointInfo(sample: Record<string, unknown>): Record<string, unknown> {
  const broken = structuredClone(sample) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  broken['type'] = 'Phone';
  broken['displayName'] = 42;
  broken['schedule'] = null;
  const account = broken['thirdPartyPhoneSystemSettings']?.sipSettings?.accounts?.[0];
  if (account) account.audioCodecs = ['PCMU', 'MP3'];
  broken['integrationData'] = { String: { thirdPartyId: 7 } };
  return broken;
}
