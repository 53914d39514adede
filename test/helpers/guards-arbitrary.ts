/**
 * fast-check arbitraries of JSON values shaped by a model type: mostly valid values, with wrong
 * values (any JSON), bogus enum members and extra keys mixed in at every level, so that both
 * verdicts come up often.
 */
import fc from 'fast-check';
import type { Model, ModelType, TypeRef } from '../../src/model/model.js';
import {
  createCheckContext,
  enumWire,
  fieldsOf,
  instanceOf,
  primitiveRule,
} from '../../src/emit/checks.js';
import { planNames } from '../../src/emit/names.js';

const ANY_JSON = fc.jsonValue({ maxDepth: 2 });

/** Mostly `common`, rarely `rare`. */
function mostly<T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 60, arbitrary: common }, { weight: 1, arbitrary: rare });
}

/** Sometimes a wrong value instead. */
function corrupt(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 100, arbitrary: valid }, { weight: 1, arbitrary: ANY_JSON });
}

function primitive(ref: TypeRef & { kind: 'primitive' }): fc.Arbitrary<unknown> {
  const rule = primitiveRule(ref.name);
  switch (rule.kind) {
    case 'string':
      return fc.string({ maxLength: 4 });
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    case 'any':
      return ANY_JSON;
    case 'integer':
      return mostly(
        fc.oneof(
          fc.integer({ min: rule.min ?? -(2 ** 40), max: Math.min(rule.max ?? 2 ** 40, 2 ** 40) }),
          fc.constantFrom(...[rule.min, rule.max].filter((n) => n !== undefined), 0, -0),
        ),
        fc.constantFrom(0.5, (rule.max ?? 2 ** 53) + 1, (rule.min ?? -(2 ** 53)) - 1),
      );
  }
}

/**
 * An arbitrary of JSON values for `root` in `model`.
 *
 * @param model
 *   The model.
 * @param root
 *   The type expression.
 * @param maxDepth
 *   How many named types deep values go (deeper ones are `{}` or `null`).
 */
export function valueArbitrary(model: Model, root: TypeRef, maxDepth = 3): fc.Arbitrary<unknown> {
  const ctx = createCheckContext(model, planNames(model), { strict: false, optional: 'optional' });
  const memo = new Map<string, fc.Arbitrary<unknown>>();

  function named(
    type: ModelType,
    ref: TypeRef & { kind: 'ref' },
    depth: number,
  ): fc.Arbitrary<unknown> {
    switch (type.kind) {
      case 'enum': {
        const wire = enumWire(type);
        if (wire.kind === 'flags') {
          return mostly(
            fc.integer({ min: 0, max: wire.mask }),
            fc.constantFrom(wire.mask + 1, -1, 3),
          );
        }
        return mostly<unknown>(fc.constantFrom(...wire.values), fc.constantFrom('bogus', 0));
      }
      case 'dictionary':
        return dictionary(type.key, type.value, depth);
      case 'object': {
        const instance = instanceOf(ctx, ref);
        if (instance === undefined || depth >= maxDepth) return fc.constant({});
        const fields = fieldsOf(ctx, instance);
        const shape: Record<string, fc.Arbitrary<unknown>> = {};
        for (const field of fields) {
          Object.defineProperty(shape, field.wireName, {
            value: of(field.type, depth + 1),
            enumerable: true,
          });
        }
        const requiredKeys = fields
          .filter((field) => field.required)
          .map((field) => field.wireName);
        return fc
          .tuple(
            fc.record(shape, { requiredKeys }),
            mostly<string | undefined>(fc.constant(undefined), fc.constantFrom('extra', 'id2')),
          )
          .map(([value, extra]) => (extra === undefined ? value : { ...value, [extra]: 1 }));
      }
    }
  }

  function dictionary(key: TypeRef, value: TypeRef, depth: number): fc.Arbitrary<unknown> {
    const keyRef = key.kind === 'nullable' ? key.type : key;
    let keys: fc.Arbitrary<string> = fc.string({ maxLength: 3 });
    if (keyRef.kind === 'ref') {
      const type = ctx.byName.get(keyRef.name);
      if (type?.kind === 'enum') {
        const wire = enumWire(type);
        keys =
          wire.kind === 'flags'
            ? fc.integer({ min: 0, max: wire.mask + 1 }).map(String)
            : mostly(fc.constantFrom(...wire.values), fc.constant('bogus'));
      }
    } else if (keyRef.kind === 'primitive' && primitiveRule(keyRef.name).kind === 'integer') {
      keys = mostly(fc.integer().map(String), fc.constantFrom('x', '01', '1.5'));
    }
    return fc.dictionary(keys, depth >= maxDepth ? fc.constant(null) : of(value, depth + 1), {
      maxKeys: 3,
    });
  }

  function of(ref: TypeRef, depth: number): fc.Arbitrary<unknown> {
    const key = `${depth}:${JSON.stringify(ref)}`;
    const found = memo.get(key);
    if (found !== undefined) return found;
    let arbitrary: fc.Arbitrary<unknown>;
    switch (ref.kind) {
      case 'primitive':
        arbitrary = primitive(ref);
        break;
      case 'typeParameter':
        arbitrary = ANY_JSON;
        break;
      case 'literals':
        arbitrary = mostly<unknown>(fc.constantFrom(...ref.values), fc.string({ maxLength: 4 }));
        break;
      case 'nullable':
        arbitrary = fc.option(of(ref.type, depth), { nil: null });
        break;
      case 'list':
        arbitrary = fc.array(depth >= maxDepth ? fc.constant(null) : of(ref.items, depth + 1), {
          maxLength: 3,
        });
        break;
      case 'dictionary':
        arbitrary = dictionary(ref.key, ref.value, depth);
        break;
      case 'keyValuePair':
        arbitrary = fc.record(
          { key: of(ref.key, depth + 1), value: of(ref.value, depth + 1) },
          { requiredKeys: [] },
        );
        break;
      case 'ref': {
        const type = ctx.byName.get(ref.name);
        arbitrary = type === undefined ? ANY_JSON : named(type, ref, depth);
        break;
      }
    }
    arbitrary = corrupt(arbitrary);
    memo.set(key, arbitrary);
    return arbitrary;
  }

  // Note: values go through JSON, as on the wire (no undefined, no -0 distinction kept).
  return of(root, 0).map((value) => JSON.parse(JSON.stringify(value ?? null)) as unknown);
}
