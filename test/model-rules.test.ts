/**
 * The rules that live in one module each and are shared by the stages: enum wire values, base
 * chains, type-parameter names, the Parameter column's kinds, JSON paths.
 */
import { describe, expect, it } from 'vitest';
import { formatPath } from '../src/json-path.js';
import { baseChain } from '../src/model/bases.js';
import { enumWireKind, enumWireValue, enumWireValues } from '../src/model/enums.js';
import { typeParameterNames } from '../src/model/generics.js';
import type { EnumType, ModelType, ObjectType, TypeRef } from '../src/model/model.js';
import { isParameterKind, PARAMETER_KINDS, PARAMETER_KINDS_TEXT } from '../src/model/parameters.js';

const at = {
  file: 'p.txt',
  position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
};

function enumOf(members: [string, (number | string)?][], extra: Partial<EnumType> = {}): EnumType {
  return {
    kind: 'enum',
    name: 'E',
    nameSource: 'heading',
    valueKind: 'none',
    flags: false,
    members: members.map(([name, value]) => ({
      name,
      ...(value === undefined ? {} : { value }),
      source: at,
    })),
    ...extra,
  };
}

describe('enum wire values (src/model/enums.ts)', () => {
  it('sends plain and int-valued enums by member name', () => {
    const plain = enumOf([['A'], ['B']]);
    expect([enumWireKind(plain), enumWireValues(plain)]).toEqual(['name', ['A', 'B']]);
    const ints = enumOf(
      [
        ['PCMU', 0],
        ['NONE', -1],
      ],
      { valueKind: 'int' },
    );
    expect([enumWireKind(ints), enumWireValues(ints)]).toEqual(['name', ['PCMU', 'NONE']]);
  });

  it('sends string-valued enums by their Value column', () => {
    const colors = enumOf(
      [
        ['Red', 'red-ish'],
        ['Blue', "blue's"],
      ],
      { valueKind: 'string' },
    );
    expect([enumWireKind(colors), enumWireValues(colors)]).toEqual([
      'string',
      ['red-ish', "blue's"],
    ]);
  });

  it('sends flags enums as numbers (a member without a number as 0)', () => {
    const flags = enumOf(
      [
        ['None', 0],
        ['Read', 1],
        ['Write', 2],
        ['Delete', 4],
      ],
      { valueKind: 'int', flags: true },
    );
    expect([enumWireKind(flags), enumWireValues(flags)]).toEqual(['number', [0, 1, 2, 4]]);
    expect(enumWireValue(flags, { name: 'Odd', source: at })).toBe(0);
  });
});

describe('base chains (src/model/bases.ts)', () => {
  const object = (name: string, base?: TypeRef): ObjectType => ({
    kind: 'object',
    name,
    nameSource: 'heading',
    typeParameters: [],
    fields: [],
    ...(base ? { base } : {}),
  });
  const ref = (name: string, ...args: TypeRef[]): TypeRef & { kind: 'ref' } => ({
    kind: 'ref',
    name,
    args,
  });
  const lookup =
    (...types: ModelType[]) =>
    (name: string): ModelType | undefined =>
      types.find((type) => type.name === name);

  it('walks to the root, nearest base first, with the references that name each base', () => {
    const c = object('C', ref('B', ref('X')));
    const b = object('B', ref('A'));
    const a = object('A');
    expect(baseChain(c, lookup(a, b, c))).toEqual({
      bases: [
        { type: b, ref: ref('B', ref('X')) },
        { type: a, ref: ref('A') },
      ],
      complete: true,
    });
    expect(baseChain(a, lookup(a))).toEqual({ bases: [], complete: true });
  });

  it('says the chain is incomplete at a loop, an unknown name, a non-object or a non-name', () => {
    const a = object('A', ref('B'));
    const b = object('B', ref('A'));
    expect(baseChain(a, lookup(a, b))).toEqual({
      bases: [{ type: b, ref: ref('B') }],
      complete: false,
    });
    expect(baseChain(object('C', ref('Nope')), lookup()).complete).toBe(false);
    const e: ModelType = { ...enumOf([['A']]), name: 'E' };
    expect(baseChain(object('C', ref('E')), lookup(e)).complete).toBe(false);
    const list = object('C', { kind: 'list', items: { kind: 'primitive', name: 'int' } });
    expect(baseChain(list, lookup()).complete).toBe(false);
    expect(baseChain(object('S', ref('S')), lookup()).complete).toBe(false);
  });
});

describe('type-parameter names (src/model/generics.ts)', () => {
  it('names one parameter T and several T1, T2, …', () => {
    expect([0, 1, 2, 3].map(typeParameterNames)).toEqual([
      [],
      ['T'],
      ['T1', 'T2'],
      ['T1', 'T2', 'T3'],
    ]);
  });
});

describe('Parameter kinds (src/model/parameters.ts)', () => {
  it('lists the five kinds ServiceStack writes, and nothing else', () => {
    expect(PARAMETER_KINDS).toEqual(['body', 'form', 'query', 'path', 'header']);
    expect(PARAMETER_KINDS_TEXT).toBe('body, form, query, path or header');
    expect(PARAMETER_KINDS.every(isParameterKind)).toBe(true);
    for (const other of ['Body', 'cookie', '', 'body ']) expect(isParameterKind(other)).toBe(false);
  });
});

describe('JSON paths (src/json-path.ts)', () => {
  it('writes keys and indexes as a reader does, `$` for the value itself', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['a', 0, 'b'])).toBe('a[0].b');
    expect(formatPath([0])).toBe('[0]');
    expect(formatPath(['a-b', '$ok', '__proto__', ''])).toBe('["a-b"].$ok.__proto__[""]');
    expect(formatPath(['say "hi"'])).toBe('["say \\"hi\\""]');
  });
});
