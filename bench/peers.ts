/**
 * The peers' schemas, built at run time from the same dtoforge model the guards come from, with
 * the same wire semantics (docs: the context's "Wire semantics"): zod 4 and valibot 1.
 *
 * Integers are `int` checks, floats finite numbers; optional fields may be absent; `T?` admits
 * `null`; plain and int-valued enums are their member names, string enums their values, flags
 * enums integers within the declared bits; unknown properties are accepted (the default
 * `z.object` / `v.object`, which also strip them from the output).
 */
import * as v from 'valibot';
import { z } from 'zod';
import { enumWireValues } from '../src/model/index.js';
import type { EnumType, Model, ModelType, ObjectType, TypeRef } from '../src/model/model.js';

const INTEGERS = new Set(['byte', 'sbyte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong']);
const FLOATS = new Set(['float', 'double', 'decimal']);

/** Every field of an object type, base fields first. */
function allFields(model: Map<string, ModelType>, type: ObjectType): ObjectType['fields'] {
  const base = type.base?.kind === 'ref' ? model.get(type.base.name) : undefined;
  return [...(base?.kind === 'object' ? allFields(model, base) : []), ...type.fields];
}

function flagsMask(type: EnumType): number {
  return type.members.reduce((mask, member) => mask | Number(member.value), 0);
}

/** The wire strings of a non-flags enum, as a non-empty tuple. */
function wireStrings(type: EnumType): [string, ...string[]] {
  const values = enumWireValues(type).map(String);
  if (values.length === 0) throw new Error(`enum ${type.name} has no members`);
  return values as [string, ...string[]];
}

/**
 * Build a zod 4 schema for every model type.
 *
 * @param model
 *   The dtoforge model.
 * @param optional
 *   The config's optional policy.
 */
export function buildZodSchemas(
  model: Model,
  optional: 'optional' | 'optional-or-null' = 'optional',
): Map<string, z.ZodType> {
  const types = new Map(model.types.map((type) => [type.name, type]));
  const built = new Map<string, z.ZodType>();
  const building = new Set<string>();
  const named = (name: string): z.ZodType => {
    const done = built.get(name);
    if (done) return done;
    if (building.has(name)) return z.lazy(() => built.get(name)!);
    const type = types.get(name);
    if (!type) return z.unknown();
    building.add(name);
    let schema: z.ZodType;
    if (type.kind === 'enum') {
      const mask = flagsMask(type);
      schema = type.flags
        ? z
            .number()
            .int()
            .refine((n) => (n & ~mask) === 0)
        : z.enum(wireStrings(type));
    } else if (type.kind === 'dictionary') {
      schema = dictionary(type.key, type.value);
    } else {
      const shape: Record<string, z.ZodType> = {};
      for (const field of allFields(types, type)) {
        let fieldSchema = of(field.type);
        if (!field.required) {
          if (optional === 'optional-or-null') fieldSchema = fieldSchema.nullable();
          fieldSchema = fieldSchema.optional();
        }
        shape[field.wireName] = fieldSchema;
      }
      schema = z.object(shape);
    }
    building.delete(name);
    built.set(name, schema);
    return schema;
  };
  const dictionary = (key: TypeRef, value: TypeRef): z.ZodType => {
    const keyType = key.kind === 'ref' ? types.get(key.name) : undefined;
    if (keyType?.kind === 'enum' && !keyType.flags)
      return z.partialRecord(z.enum(wireStrings(keyType)), of(value));
    if (key.kind === 'primitive' && INTEGERS.has(key.name))
      return z.record(z.string().regex(/^-?\d+$/), of(value));
    return z.record(z.string(), of(value));
  };
  const of = (type: TypeRef): z.ZodType => {
    switch (type.kind) {
      case 'primitive':
        if (type.name === 'bool') return z.boolean();
        if (INTEGERS.has(type.name)) return z.number().int();
        if (FLOATS.has(type.name)) return z.number();
        if (type.name === 'object') return z.unknown();
        return z.string();
      case 'nullable':
        return of(type.type).nullable();
      case 'list':
        return z.array(of(type.items));
      case 'dictionary':
        return dictionary(type.key, type.value);
      case 'keyValuePair':
        return z.object({ key: of(type.key), value: of(type.value) });
      case 'ref':
        return named(type.name);
      case 'typeParameter':
        return z.unknown();
      case 'literals':
        return z.enum(type.values);
    }
  };
  for (const type of model.types) named(type.name);
  return built;
}

type AnySchema = v.GenericSchema;

/**
 * Build a valibot 1 schema for every model type.
 *
 * @param model
 *   The dtoforge model.
 * @param optional
 *   The config's optional policy.
 */
export function buildValibotSchemas(
  model: Model,
  optional: 'optional' | 'optional-or-null' = 'optional',
): Map<string, AnySchema> {
  const types = new Map(model.types.map((type) => [type.name, type]));
  const built = new Map<string, AnySchema>();
  const building = new Set<string>();
  const named = (name: string): AnySchema => {
    const done = built.get(name);
    if (done) return done;
    if (building.has(name)) return v.lazy(() => built.get(name)!);
    const type = types.get(name);
    if (!type) return v.unknown();
    building.add(name);
    let schema: AnySchema;
    if (type.kind === 'enum') {
      const mask = flagsMask(type);
      schema = type.flags
        ? v.pipe(
            v.number(),
            v.integer(),
            v.check((n) => (n & ~mask) === 0),
          )
        : v.picklist(wireStrings(type));
    } else if (type.kind === 'dictionary') {
      schema = dictionary(type.key, type.value);
    } else {
      const entries: Record<string, AnySchema> = {};
      for (const field of allFields(types, type)) {
        let fieldSchema = of(field.type);
        if (!field.required) {
          if (optional === 'optional-or-null') fieldSchema = v.nullable(fieldSchema);
          fieldSchema = v.optional(fieldSchema);
        }
        entries[field.wireName] = fieldSchema;
      }
      schema = v.object(entries);
    }
    building.delete(name);
    built.set(name, schema);
    return schema;
  };
  const dictionary = (key: TypeRef, value: TypeRef): AnySchema => {
    const keyType = key.kind === 'ref' ? types.get(key.name) : undefined;
    if (keyType?.kind === 'enum' && !keyType.flags)
      return v.record(v.picklist(wireStrings(keyType)), of(value));
    if (key.kind === 'primitive' && INTEGERS.has(key.name))
      return v.record(v.pipe(v.string(), v.regex(/^-?\d+$/)), of(value));
    return v.record(v.string(), of(value));
  };
  const of = (type: TypeRef): AnySchema => {
    switch (type.kind) {
      case 'primitive':
        if (type.name === 'bool') return v.boolean();
        if (INTEGERS.has(type.name)) return v.pipe(v.number(), v.integer());
        if (FLOATS.has(type.name)) return v.pipe(v.number(), v.finite());
        if (type.name === 'object') return v.unknown();
        return v.string();
      case 'nullable':
        return v.nullable(of(type.type));
      case 'list':
        return v.array(of(type.items));
      case 'dictionary':
        return dictionary(type.key, type.value);
      case 'keyValuePair':
        return v.object({ key: of(type.key), value: of(type.value) });
      case 'ref':
        return named(type.name);
      case 'typeParameter':
        return v.unknown();
      case 'literals':
        return v.picklist(type.values);
    }
  };
  for (const type of model.types) named(type.name);
  return built;
}
