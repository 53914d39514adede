/**
 * Which instances the guards treat as recursive (src/emit/checks.ts `isRecursive`): only their
 * checkers carry the depth limit and count the values they visit, so a wrong answer either
 * lets a cyclic type recurse without a bound or slows every plain one. The answer comes from one
 * walk of the type graph (strongly connected components); these tests hold it to the definition
 * (an instance is recursive when it reaches itself), whatever order the instances are asked in.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createCheckContext, instanceOf, isRecursive } from '../src/emit/checks.js';
import { planPackageNames } from '../src/emit/index.js';
import type { Model, ModelType, TypeRef } from '../src/model/model.js';
import { dict, field, list, nullable, objectType, prim, ref } from './helpers/guards-cases.js';

const OPTIONS = { strict: false, optional: 'optional' as const, enums: undefined };

function context(types: ModelType[]) {
  const model: Model = { operations: [], types };
  return createCheckContext(model, planPackageNames(model), OPTIONS);
}

/** The answers for the model's types, asked in the given order. */
function answers(types: ModelType[], order: readonly string[]): Map<string, boolean> {
  const ctx = context(types);
  const result = new Map<string, boolean>();
  for (const name of order) {
    result.set(name, isRecursive(ctx, instanceOf(ctx, { kind: 'ref', name, args: [] })!));
  }
  return result;
}

/** The definition, by brute force: does a value of `start` reach another value of `start`? */
function reachesItself(types: ModelType[], start: string): boolean {
  const byName = new Map(types.map((type) => [type.name, type]));
  const refs = (type: TypeRef, into: string[]): void => {
    if (type.kind === 'ref') into.push(type.name);
    else if (type.kind === 'nullable') refs(type.type, into);
    else if (type.kind === 'list') refs(type.items, into);
    else if (type.kind === 'dictionary') refs(type.value, into);
  };
  const children = (name: string): string[] => {
    const type = byName.get(name);
    const out: string[] = [];
    if (type?.kind === 'object') for (const f of type.fields) refs(f.type, out);
    return out;
  };
  const seen = new Set<string>();
  const todo = children(start);
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (next === start) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    todo.push(...children(next));
  }
  return false;
}

describe('isRecursive', () => {
  const types = [
    objectType('A', [field('b', ref('B'))]),
    objectType('B', [field('a', nullable(ref('A')), false)]),
    objectType('C', [field('a', ref('A'))]),
    objectType('Self', [field('children', list(ref('Self')))]),
    objectType('Tree', [field('branches', dict(prim('string'), ref('Tree')))]),
    objectType('Leaf', [field('name', prim('string'))]),
    objectType('Holder', [field('leaf', ref('Leaf')), field('self', ref('Self'))]),
  ];
  const expected = {
    A: true,
    B: true,
    C: false,
    Self: true,
    Tree: true,
    Leaf: false,
    Holder: false,
  };

  test('cycles of two types, self-references through lists and dictionaries, and types that only reach a cycle', () => {
    const names = Object.keys(expected);
    expect(Object.fromEntries(answers(types, names))).toEqual(expected);
    expect(Object.fromEntries(answers(types, [...names].reverse()))).toEqual(expected);
  });

  test('one walk answers for every instance it reaches', () => {
    const ctx = context(types);
    isRecursive(ctx, instanceOf(ctx, { kind: 'ref', name: 'Holder', args: [] })!);
    expect(Object.fromEntries(ctx.recursive)).toEqual({
      Holder: false,
      Leaf: false,
      Self: true,
    });
  });

  test('random type graphs: the answer is the definition, in any order of asking', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((size) =>
      fc.tuple(
        fc.constant(size),
        fc.array(fc.array(fc.nat({ max: size - 1 }), { maxLength: 3 }), {
          minLength: size,
          maxLength: size,
        }),
        fc.array(fc.nat({ max: size - 1 }), { minLength: size, maxLength: size }),
      ),
    );
    fc.assert(
      fc.property(graph, ([size, edges, order]) => {
        const names = Array.from({ length: size }, (_, index) => `T${index}`);
        const model = names.map((name, index) =>
          objectType(
            name,
            (edges[index] ?? []).map((target, at) => field(`f${at}`, ref(`T${target}`))),
          ),
        );
        const asked = [...new Set([...order.map((index) => `T${index}`), ...names])];
        const got = answers(model, asked);
        for (const name of names) expect(got.get(name), name).toBe(reachesItself(model, name));
      }),
      { numRuns: 300 },
    );
  });
});
