/**
 * Table of type expressions (every TypeRef form) with values each must accept and reject, and
 * the model that holds them: one object type `Case<n>` per row, with a required field `f` of the
 * row's type. Shared by the guards and the JSON Schema tests.
 */
import type { Model, ModelType, PrimitiveName, Source, TypeRef } from '../../src/model/model.js';

export const SOURCE: Source = {
  file: 'cases.txt',
  position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
};

export const prim = (name: PrimitiveName): TypeRef => ({ kind: 'primitive', name });
export const ref = (name: string, ...args: TypeRef[]): TypeRef => ({ kind: 'ref', name, args });
export const list = (items: TypeRef): TypeRef => ({ kind: 'list', items });
export const nullable = (type: TypeRef): TypeRef => ({ kind: 'nullable', type });
export const dict = (key: TypeRef, value: TypeRef): TypeRef => ({
  kind: 'dictionary',
  key,
  value,
});
export const pair = (key: TypeRef, value: TypeRef): TypeRef => ({
  kind: 'keyValuePair',
  key,
  value,
});
const param = (name: string): TypeRef => ({ kind: 'typeParameter', name });
/** A string field restricted to its Allowable Values. */
export const literals = (...values: string[]): TypeRef => ({ kind: 'literals', values });

/** Allowable Values that are hard to print: quotes, backslashes, comment ends, line breaks. */
export const HOSTILE_VALUES = [
  "it's",
  'say "hi"',
  'back\\slash',
  '*/ end',
  '/* start',
  'line\nbreak',
  '\u2028',
  '${x}',
  '`tick`',
  '__proto__',
  '',
];

export interface Case {
  name: string;
  type: TypeRef;
  valid: unknown[];
  invalid: unknown[];
}

export const CASES: Case[] = [
  {
    name: 'string',
    type: prim('string'),
    valid: ['', 'x'],
    invalid: [1, null, true, {}, [], undefined],
  },
  {
    name: 'Guid',
    type: prim('Guid'),
    valid: ['00000000-0000-0000-0000-000000000000'],
    invalid: [0],
  },
  { name: 'byte[] (base64)', type: prim('byte[]'), valid: ['AAE='], invalid: [[0, 1]] },
  { name: 'bool', type: prim('bool'), valid: [true, false], invalid: ['true', 0, null] },
  {
    name: 'int',
    type: prim('int'),
    valid: [0, -0, 2147483647, -2147483648],
    invalid: [1.5, 2147483648, -2147483649, NaN, Infinity, '1', null],
  },
  { name: 'byte', type: prim('byte'), valid: [0, 255], invalid: [-1, 256, 1.5] },
  { name: 'sbyte', type: prim('sbyte'), valid: [-128, 127], invalid: [128, -129] },
  { name: 'ushort', type: prim('ushort'), valid: [0, 65535], invalid: [-1, 65536] },
  { name: 'uint', type: prim('uint'), valid: [0, 4294967295], invalid: [-1, 4294967296, 0.5] },
  {
    name: 'long',
    type: prim('long'),
    valid: [2 ** 53, -(2 ** 60), 0],
    invalid: [0.5, Infinity, '1'],
  },
  { name: 'ulong', type: prim('ulong'), valid: [0, 2 ** 64], invalid: [-1, 1.5] },
  {
    name: 'double',
    type: prim('double'),
    valid: [0, -1.5, 1e308],
    invalid: [NaN, Infinity, -Infinity, '1', null],
  },
  { name: 'decimal', type: prim('decimal'), valid: [0.1], invalid: ['0.1'] },
  {
    name: 'object (unknown)',
    type: prim('object'),
    valid: [null, 1, 'x', {}, []],
    invalid: [undefined],
  },
  { name: 'int?', type: nullable(prim('int')), valid: [null, 1], invalid: [undefined, 1.5, 'x'] },
  {
    name: 'List<string>',
    type: list(prim('string')),
    valid: [[], ['a']],
    invalid: [['a', 1], 'a', { length: 0 }, [null], null],
  },
  {
    name: 'List<int?>',
    type: list(nullable(prim('int'))),
    valid: [[null, 1]],
    invalid: [[1.5], [undefined]],
  },
  {
    name: 'List<List<bool>>',
    type: list(list(prim('bool'))),
    valid: [[[], [true]]],
    invalid: [[[1]], [true]],
  },
  {
    name: 'List<O>?',
    type: nullable(list(ref('O'))),
    valid: [null, [{ n: 1 }]],
    invalid: [[null], {}, [{ n: 'x' }]],
  },
  {
    name: 'Dictionary<string, int>',
    type: dict(prim('string'), prim('int')),
    valid: [{}, { a: 1, '': 2 }],
    invalid: [{ a: '1' }, [], null, { a: null }],
  },
  {
    name: 'Dictionary<int, string>',
    type: dict(prim('int'), prim('string')),
    valid: [{ '1': 'a', '-2': 'b', '0': 'c' }],
    invalid: [{ a: 'x' }, { '1.5': 'x' }, { '01': 'x' }, { '1': 1 }],
  },
  {
    name: 'Dictionary<double, string>',
    type: dict(prim('double'), prim('string')),
    valid: [{ '1.5': 'a', '-2': 'b', '1e3': 'c' }],
    invalid: [{ x: 'a' }, { '1.': 'a' }],
  },
  {
    name: 'Dictionary<E, int>',
    type: dict(ref('E'), prim('int')),
    valid: [{}, { A: 1, B: 2 }],
    invalid: [{ C: 1 }, { a: 1 }, { A: 'x' }],
  },
  {
    name: 'Dictionary<F, int> (flags keys)',
    type: dict(ref('F'), prim('int')),
    valid: [{ '3': 1, '0': 2 }],
    invalid: [{ '8': 1 }, { R: 1 }],
  },
  {
    name: 'Dictionary<string, List<O>>',
    type: dict(prim('string'), list(ref('O'))),
    valid: [{ a: [{ n: 1 }] }],
    invalid: [{ a: [{}] }, { a: {} }],
  },
  {
    name: 'KeyValuePair<string, int>',
    type: pair(prim('string'), prim('int')),
    valid: [
      { key: 'a', value: 1 },
      { key: '', value: 0, extra: 1 },
    ],
    invalid: [{ key: 'a' }, { value: 1 }, { key: 1, value: 1 }, [], null],
  },
  { name: 'enum (names)', type: ref('E'), valid: ['A', 'B'], invalid: ['a', 0, 'C', null] },
  {
    name: 'int enum (names on the wire)',
    type: ref('IE'),
    valid: ['X', 'Y', 'NONE'],
    invalid: [1, -1, 'Z', 'x'],
  },
  {
    name: 'many-member enum (Set lookup)',
    type: ref('Big'),
    valid: ['M0', 'M9'],
    invalid: ['M10', 'm0', 0, 'toString', '__proto__'],
  },
  { name: 'flags enum', type: ref('F'), valid: [0, 1, 7, 5], invalid: [8, -1, 1.5, 'R', '1'] },
  {
    name: 'non-contiguous flags enum',
    type: ref('FS'),
    valid: [0, 1, 4, 5, 16, 21],
    invalid: [2, 3, 6, 8, 32],
  },
  { name: 'signed flags enum', type: ref('FN'), valid: [-1, 0, 12345], invalid: [2 ** 31, 0.5] },
  { name: 'string enum', type: ref('SE'), valid: ['red-ish', "blue's"], invalid: ['Red', 'Blue'] },
  {
    name: 'Allowable Values',
    type: literals('Queued', 'Sent'),
    valid: ['Queued', 'Sent'],
    invalid: ['queued', 'Other', '', 'toString', 0, null, ['Queued']],
  },
  {
    name: 'Allowable Values, hostile',
    type: literals(...HOSTILE_VALUES),
    valid: HOSTILE_VALUES,
    invalid: ['its', 'say "hi', 'back\\\\slash', '*/', 'line', 'constructor', ' '],
  },
  {
    name: 'Allowable Values, more than the inline checks (Set lookup)',
    type: literals(...Array.from({ length: 20 }, (_, index) => `V${index}`)),
    valid: ['V0', 'V19'],
    invalid: ['V20', 'v0', '__proto__', 'has', 0],
  },
  {
    name: 'Allowable Values of a string?',
    type: nullable(literals('Queued', 'Sent')),
    valid: [null, 'Sent'],
    invalid: ['Other', undefined, 1],
  },
  {
    name: 'Allowable Values of a List<string>',
    type: list(literals('Queued', 'Sent')),
    valid: [[], ['Queued', 'Sent', 'Queued']],
    invalid: [['Queued', 'Other'], 'Queued', [null], null],
  },
  {
    name: 'Allowable Values of a List<string?>? (two value sets in one model)',
    type: nullable(list(nullable(literals('Linear', 'Square')))),
    valid: [null, [null, 'Linear']],
    invalid: [['Queued'], [undefined]],
  },
  {
    name: 'object',
    type: ref('O'),
    valid: [{ n: 1 }, { n: 1, s: 'x' }, { n: 1, extra: true }],
    invalid: [{}, { n: 1, s: 2 }, { n: null }, [], null, 'O', { n: 1, s: null }],
  },
  {
    name: 'object with a base class',
    type: ref('Derived'),
    valid: [{ id: 'x', d: 1 }, { id: 'x' }],
    invalid: [{ d: 1 }, { id: 1 }, { id: 'x', d: 'x' }],
  },
  {
    name: 'named dictionary (recursive)',
    type: ref('Tree'),
    valid: [{}, { a: { kids: { b: {} } } }],
    invalid: [{ a: { kids: [] } }, { a: 1 }],
  },
  {
    name: 'generic G<int>',
    type: ref('G', prim('int')),
    valid: [{ item: 1 }, { item: 1, items: [2] }],
    invalid: [{ item: 'x' }, { item: 1, items: ['x'] }, {}],
  },
  {
    name: 'generic G<O>',
    type: ref('G', ref('O')),
    valid: [{ item: { n: 1 }, items: [{ n: 2 }] }],
    invalid: [{ item: { n: 'x' } }, { item: { n: 1 }, items: [{}] }],
  },
  {
    name: 'generic G<List<G<string>>>',
    type: ref('G', list(ref('G', prim('string')))),
    valid: [{ item: [{ item: 'a' }] }],
    invalid: [{ item: [{ item: 1 }] }],
  },
  {
    name: 'generic base Sub<bool> extends G<List<T>>',
    type: ref('Sub', prim('bool')),
    valid: [{ item: [true], own: 'x' }],
    invalid: [{ item: true, own: 'x' }, { item: ['x'] }],
  },
  {
    name: 'generic without arguments (unknown)',
    type: ref('G'),
    valid: [{ item: 'anything' }, { item: null }],
    invalid: [{}, { item: 1, items: 'x' }],
  },
  {
    name: 'a type the model lacks (unknown)',
    type: ref('Nope'),
    valid: [1, null, {}],
    invalid: [undefined],
  },
  {
    name: 'object with 24 fields (checked by walking its keys)',
    type: ref('Wide'),
    valid: [
      { r0: 'a', r1: 1 },
      { w5: 5, r1: 2, r0: 'b', w23: 1, extra: 'x' },
      Object.assign(Object.create({ w2: 'inherited, not checked' }), { r0: 'a', r1: 1 }),
      JSON.parse('{"r0": "a", "r1": 1, "__proto__": "an unknown key"}'),
      { r0: 'a', r1: 1, w3: undefined },
    ],
    invalid: [
      {},
      { r0: 'a' },
      { r0: 'a', r1: undefined },
      { r0: 'a', r1: 1.5 },
      { r0: 'a', r1: 1, w7: 'x' },
      { r1: 1, w23: 1, r0: 2 },
      Object.assign(Object.create({ r0: 'a' }), { r1: 1 }),
    ],
  },
];

/** An enum of named members, or of members with values (`int`, `string`), flags or not. */
export function enumType(
  name: string,
  members: (string | [string, number | string])[],
  valueKind: 'none' | 'int' | 'string' = 'none',
  flags = false,
): ModelType {
  return {
    kind: 'enum',
    name,
    nameSource: 'heading',
    valueKind,
    flags,
    members: members.map((member) =>
      typeof member === 'string'
        ? { name: member, source: SOURCE }
        : { name: member[0], value: member[1], source: SOURCE },
    ),
  };
}

/** A field (required unless said). */
export function field(wireName: string, type: TypeRef, required = true) {
  return {
    name: wireName,
    wireName,
    typeText: '',
    type,
    required,
    in: 'form' as const,
    description: '',
    source: SOURCE,
  };
}

export function objectType(
  name: string,
  fields: ReturnType<typeof field>[],
  extra: { base?: TypeRef; typeParameters?: string[] } = {},
): ModelType {
  return {
    kind: 'object',
    name,
    nameSource: 'heading',
    typeParameters: extra.typeParameters ?? [],
    fields,
    ...(extra.base === undefined ? {} : { base: extra.base }),
  };
}

/** The types every case may reference. */
export function supportTypes(): ModelType[] {
  return [
    enumType('E', ['A', 'B']),
    enumType(
      'IE',
      [
        ['X', 1],
        ['Y', 2],
        ['NONE', -1],
      ],
      'int',
    ),
    enumType(
      'Big',
      Array.from({ length: 10 }, (_, index) => `M${index}`),
    ),
    enumType(
      'F',
      [
        ['None', 0],
        ['R', 1],
        ['W', 2],
        ['D', 4],
      ],
      'int',
      true,
    ),
    enumType(
      'FS',
      [
        ['A', 1],
        ['C', 4],
        ['E', 16],
      ],
      'int',
      true,
    ),
    enumType(
      'FN',
      [
        ['None', 0],
        ['One', 1],
        ['All', -1],
      ],
      'int',
      true,
    ),
    enumType(
      'SE',
      [
        ['Red', 'red-ish'],
        ['Blue', "blue's"],
      ],
      'string',
    ),
    objectType('O', [field('n', prim('int')), field('s', prim('string'), false)]),
    objectType('Base', [field('id', prim('string'))]),
    objectType('Wide', [
      field('r0', prim('string')),
      ...Array.from({ length: 22 }, (_, index) => field(`w${index + 1}`, prim('int'), false)),
      field('r1', prim('int')),
    ]),
    objectType('Derived', [field('d', prim('int'), false)], { base: ref('Base') }),
    {
      kind: 'dictionary',
      name: 'Tree',
      nameSource: 'config',
      key: prim('string'),
      value: ref('Node'),
    },
    objectType('Node', [field('kids', ref('Tree'), false)]),
    objectType('G', [field('item', param('T')), field('items', list(param('T')), false)], {
      typeParameters: ['T'],
    }),
    objectType('Sub', [field('own', prim('string'), false)], {
      base: ref('G', list(param('U'))),
      typeParameters: ['U'],
    }),
  ];
}

/** The name of the holder type of case `index`. */
export const caseName = (index: number): string => `Case${index}`;

/** The model of all cases. */
export function buildCasesModel(): Model {
  return {
    operations: [],
    types: [
      ...CASES.map((row, index) => objectType(caseName(index), [field('f', row.type)])),
      ...supportTypes(),
    ],
  };
}
