/**
 * Emit the JSON Schema (draft 2020-12) of every model type: one document whose `$defs` hold a
 * schema per type, equivalent to the runtime guards (`guards.ts`): both take their decisions from
 * `checks.ts` (flattened base fields, specialised generics, enum wire forms, integer ranges).
 *
 * Layout:
 * - object types: `{ type: 'object', properties, required }` with every field, base fields
 *   included (flattened rather than `allOf`, so that strictness is a plain
 *   `additionalProperties: false` and generic bases need no `$dynamicRef`);
 * - generic DTOs: one `$defs` entry per instantiation (`QueryResponse_EndpointInfo`, titled
 *   `QueryResponse<EndpointInfo>`), the plain entry is `QueryResponse<unknown>`; the `$defs` key
 *   names every other type (no `title` repeats it, for a smaller document);
 * - enums: `enum` of the wire strings (a string field's Allowable Values too); flags enums: `type: 'integer'` with the range of their mask
 *   (exact when the mask is `2^n - 1`), else the enumerated combinations (up to 12 bits), else
 *   the range with a `description` saying the bits are not checked;
 * - dictionaries: `additionalProperties` for the values, `propertyNames` for enum / integer keys.
 *
 * What the schema cannot say: the guards' resource limits (recursive types nested deeper than
 * `MAX_DEPTH`, more than `MAX_VALUES` values to visit), and the bits of flags masks wider than
 * 12 bits (said in their `description`).
 */
import type { Model, TypeRef } from '../model/model.js';
import {
  bitCount,
  createCheckContext,
  dictionaryOf,
  enumWire,
  fieldsOf,
  flagValues,
  INTEGER_KEY_PATTERN,
  instanceOf,
  isContiguousMask,
  isOpenLiterals,
  keyRule,
  NUMBER_KEY_PATTERN,
  primitiveRule,
  type CheckContext,
  type EnumWire,
  type GuardOptions,
  type Instance,
} from './checks.js';
import type { NamePlan } from './names.js';

export type { GuardOptions } from './checks.js';

/** The dialect of the document. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Flags masks of at most this many bits are enumerated exactly. */
const MAX_ENUMERATED_BITS = 12;

type Schema = Record<string, unknown>;

/**
 * A plain object with the given entries, safe for any key (`__proto__` becomes an own property,
 * as `JSON.parse` would make it).
 */
function record(entries: Iterable<readonly [string, unknown]>): Schema {
  const result: Schema = {};
  for (const [key, value] of entries) {
    Object.defineProperty(result, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** The `$ref` of an instance. */
function refTo(instance: Instance): Schema {
  return { $ref: `#/$defs/${instance.id}` };
}

/** Add `null` to a schema. */
function nullable(schema: Schema): Schema {
  if (Object.keys(schema).length === 0) return schema;
  const type = schema['type'];
  if (typeof type === 'string' && schema['enum'] === undefined) {
    return { ...schema, type: [type, 'null'] };
  }
  if (Array.isArray(type))
    return type.includes('null') ? schema : { ...schema, type: [...type, 'null'] };
  const values = schema['enum'];
  if (Array.isArray(values) && Object.keys(schema).length === 1) {
    return values.includes(null) ? schema : { enum: [...values, null] };
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/** The schema of a flags enum's numbers (and whether it is exact). */
function flagsSchema(wire: EnumWire & { kind: 'flags' }): Schema {
  if (wire.signed) return { type: 'integer', minimum: -2147483648, maximum: 2147483647 };
  if (isContiguousMask(wire.mask)) return { type: 'integer', minimum: 0, maximum: wire.mask };
  if (bitCount(wire.mask) <= MAX_ENUMERATED_BITS) return { enum: flagValues(wire.mask) };
  return {
    type: 'integer',
    minimum: 0,
    maximum: wire.mask,
    description: `Flags: any combination of the bits of ${wire.mask}. Note: JSON Schema cannot check bits; the runtime guards do.`,
  };
}

/** The `propertyNames` schema of a dictionary's keys (`undefined`: any key). */
function keySchema(ctx: CheckContext, key: TypeRef): Schema | undefined {
  const rule = keyRule(ctx, key);
  switch (rule.kind) {
    case 'any':
      return undefined;
    case 'integer':
      return { pattern: INTEGER_KEY_PATTERN };
    case 'number':
      return { pattern: NUMBER_KEY_PATTERN };
    case 'strings':
      return { enum: rule.values };
    case 'flags': {
      if (!rule.wire.signed && bitCount(rule.wire.mask) <= MAX_ENUMERATED_BITS) {
        return { enum: flagValues(rule.wire.mask).map(String) };
      }
      return {
        pattern: INTEGER_KEY_PATTERN,
        description: `${rule.label} flags as integer strings. Note: JSON Schema cannot check the range or bits of a key; the runtime guards do.`,
      };
    }
  }
}

/** The schema of a type expression (already substituted). */
function schemaOf(ctx: CheckContext, ref: TypeRef): Schema {
  switch (ref.kind) {
    case 'primitive': {
      const rule = primitiveRule(ref.name);
      switch (rule.kind) {
        case 'string':
          return { type: 'string' };
        case 'boolean':
          return { type: 'boolean' };
        case 'number':
          return { type: 'number' };
        case 'any':
          return {};
        case 'integer':
          return {
            type: 'integer',
            ...(rule.min === undefined ? {} : { minimum: rule.min }),
            ...(rule.max === undefined ? {} : { maximum: rule.max }),
          };
      }
      break;
    }
    case 'nullable':
      return nullable(schemaOf(ctx, ref.type));
    case 'typeParameter':
      return {};
    case 'literals':
      // Note: as an open enum, open Allowable Values stay listed as `examples`.
      return isOpenLiterals(ctx)
        ? { type: 'string', examples: ref.values }
        : { type: 'string', enum: ref.values };
    case 'list':
      return { type: 'array', items: schemaOf(ctx, ref.items) };
    case 'dictionary':
      return dictionarySchema(ctx, ref.key, ref.value);
    case 'keyValuePair':
      return {
        type: 'object',
        properties: { key: schemaOf(ctx, ref.key), value: schemaOf(ctx, ref.value) },
        required: ['key', 'value'],
        ...(ctx.options.strict ? { additionalProperties: false } : {}),
      };
    case 'ref': {
      const instance = instanceOf(ctx, ref);
      return instance === undefined ? {} : refTo(instance);
    }
  }
}

/** The schema of a dictionary. */
function dictionarySchema(ctx: CheckContext, key: TypeRef, value: TypeRef): Schema {
  const names = keySchema(ctx, key);
  return {
    type: 'object',
    ...(names === undefined ? {} : { propertyNames: names }),
    additionalProperties: schemaOf(ctx, value),
  };
}

/**
 * The `title` of a definition: the readable name of a generic instantiation (`Page<Base>` for
 * `$defs/Page_Base`); none where it would only repeat the `$defs` key.
 */
function titleOf(instance: Instance): { title?: string } {
  return instance.label === instance.id ? {} : { title: instance.label };
}

/** The `$defs` entry of an instance. */
function definitionOf(ctx: CheckContext, instance: Instance): Schema {
  const type = instance.type;
  switch (type.kind) {
    case 'enum': {
      const wire = enumWire(type, ctx.options.enums);
      // Note: an open enum admits any string; its members stay listed as `examples`.
      const schema =
        wire.kind === 'flags'
          ? flagsSchema(wire)
          : wire.open === true
            ? { type: 'string', examples: wire.values }
            : { enum: wire.values };
      return { ...titleOf(instance), ...schema };
    }
    case 'dictionary': {
      const { key, value } = dictionaryOf(instance);
      return { ...titleOf(instance), ...dictionarySchema(ctx, key, value) };
    }
    case 'object': {
      const fields = fieldsOf(ctx, instance);
      const required = fields.filter((field) => field.required).map((field) => field.wireName);
      return {
        ...titleOf(instance),
        type: 'object',
        properties: record(fields.map((field) => [field.wireName, schemaOf(ctx, field.type)])),
        ...(required.length > 0 ? { required } : {}),
        ...(ctx.options.strict ? { additionalProperties: false } : {}),
      };
    }
  }
}

/**
 * Emit the JSON Schema document of a model: `{ $schema, $defs }`, one definition per model type
 * (under its TypeScript name) and per generic instantiation the model uses.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types (the `$defs` keys).
 * @param options
 *   `strict`: `additionalProperties: false` on objects; `optional`: the optional policy.
 * @param roots
 *   Type expressions that need a definition of their own although no type uses them (an
 *   operation's response `QueryResponse<Customer>`).
 */
export function emitJsonSchemas(
  model: Model,
  plan: NamePlan,
  options: GuardOptions,
  roots: readonly TypeRef[] = [],
): Record<string, unknown> {
  return emitJsonSchemaDocument(model, plan, options, roots).document;
}

/**
 * {@link emitJsonSchemas}, and the schema of each root (a `$ref` into `$defs` for a named type).
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types.
 * @param options
 *   Strictness and the optional policy.
 * @param roots
 *   Type expressions whose schemas are wanted, in the document's terms (see
 *   {@link emitJsonSchemas}).
 */
export function emitJsonSchemaDocument(
  model: Model,
  plan: NamePlan,
  options: GuardOptions,
  roots: readonly TypeRef[],
): { document: Record<string, unknown>; roots: Schema[] } {
  const ctx = createCheckContext(model, plan, options);
  const rootSchemas = roots.map((ref) => schemaOf(ctx, ref));
  const defs: [string, Schema][] = [];
  // Note: definitions can find new generic instantiations; the list grows while it is walked.
  for (let index = 0; index < ctx.instances.length; index++) {
    const instance = ctx.instances[index]!;
    defs.push([instance.id, definitionOf(ctx, instance)]);
  }
  return { document: { $schema: JSON_SCHEMA_DIALECT, $defs: record(defs) }, roots: rootSchemas };
}

/**
 * A copy of a schema with every `$ref` into `$defs` pointing elsewhere (OpenAPI's
 * `#/components/schemas/…`).
 *
 * @param schema
 *   A schema of the document (or any JSON value).
 * @param rename
 *   The new reference of a `$defs` key.
 */
export function retargetRefs(schema: unknown, rename: (id: string) => string): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map((item) => retargetRefs(item, rename));
  return record(
    Object.entries(schema).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')
        ? [key, rename(value.slice('#/$defs/'.length))]
        : [key, retargetRefs(value, rename)],
    ),
  );
}
