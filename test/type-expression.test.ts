import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PrimitiveName, TypeRef } from '../src/model/model.js';
import {
  collectRefNames,
  formatTypeRef,
  mapRefs,
  parseTypeExpression,
} from '../src/model/type-expression.js';

const p = (name: PrimitiveName): TypeRef => ({ kind: 'primitive', name });
const n = (type: TypeRef): TypeRef => ({ kind: 'nullable', type });
const list = (items: TypeRef): TypeRef => ({ kind: 'list', items });
const dict = (key: TypeRef, value: TypeRef): TypeRef => ({ kind: 'dictionary', key, value });
const kvp = (key: TypeRef, value: TypeRef): TypeRef => ({ kind: 'keyValuePair', key, value });
const ref = (name: string, ...args: TypeRef[]): TypeRef => ({ kind: 'ref', name, args });

function parsed(text: string): TypeRef {
  const result = parseTypeExpression(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason} at ${result.offset}`);
  return result.type;
}

describe('parseTypeExpression: valid cells', () => {
  const cases: [string, TypeRef][] = [
    // The Data Type cells of input/BuyPhoneNumber.txt.
    ['string', p('string')],
    ['bool', p('bool')],
    ['int', p('int')],
    ['bool?', n(p('bool'))],
    ['double?', n(p('double'))],
    ['Struct', ref('Struct')],
    ['List<string>', list(p('string'))],
    ['List<int>', list(p('int'))],
    ['List<Struct>', list(ref('Struct'))],
    ['List<AudioCodecTypes>', list(ref('AudioCodecTypes'))],
    ['DayOfWeek', ref('DayOfWeek')],
    // C# keywords.
    ['long', p('long')],
    ['short', p('short')],
    ['byte', p('byte')],
    ['sbyte', p('sbyte')],
    ['ushort', p('ushort')],
    ['uint', p('uint')],
    ['ulong', p('ulong')],
    ['float', p('float')],
    ['decimal', p('decimal')],
    ['char', p('char')],
    ['object', p('object')],
    ['Object', p('object')],
    ['DateTime', p('DateTime')],
    ['DateTimeOffset', p('DateTimeOffset')],
    ['DateOnly', p('DateOnly')],
    ['TimeOnly', p('TimeOnly')],
    ['TimeSpan', p('TimeSpan')],
    ['Guid', p('Guid')],
    ['Uri', p('Uri')],
    // CLR spellings and System. prefixes.
    ['String', p('string')],
    ['Boolean', p('bool')],
    ['Int16', p('short')],
    ['Int32', p('int')],
    ['Int64', p('long')],
    ['UInt64', p('ulong')],
    ['Single', p('float')],
    ['Double', p('double')],
    ['Decimal', p('decimal')],
    ['Byte', p('byte')],
    ['Char', p('char')],
    ['System.String', p('string')],
    ['System.Int32', p('int')],
    ['System.DateTime?', n(p('DateTime'))],
    ['System.Guid', p('Guid')],
    ['System.Collections.Generic.List<System.String>', list(p('string'))],
    // Strings on the wire.
    ['byte[]', p('byte[]')],
    ['Byte[]', p('byte[]')],
    ['char[]', p('char[]')],
    ['Char[]', p('char[]')],
    ['byte[]?', n(p('byte[]'))],
    ['byte?[]', list(n(p('byte')))],
    ['byte[][]', list(p('byte[]'))],
    // Nullables.
    ['int?', n(p('int'))],
    ['Nullable<int>', n(p('int'))],
    ['Nullable<DateTime>', n(p('DateTime'))],
    ['AgentStates?', n(ref('AgentStates'))],
    ['List<int>?', n(list(p('int')))],
    // Lists.
    ['IList<int>', list(p('int'))],
    ['ICollection<string>', list(p('string'))],
    ['IEnumerable<Tag>', list(ref('Tag'))],
    ['IReadOnlyList<long>', list(p('long'))],
    ['HashSet<string>', list(p('string'))],
    ['ISet<Guid>', list(p('Guid'))],
    ['string[]', list(p('string'))],
    ['int?[]', list(n(p('int')))],
    ['List<int>[]', list(list(p('int')))],
    ['Tag[][]', list(list(ref('Tag')))],
    ['List<int?>', list(n(p('int')))],
    // Dictionaries.
    ['Dictionary<string, string>', dict(p('string'), p('string'))],
    ['Dictionary<String, Object>', dict(p('string'), p('object'))],
    ['Dictionary<string,List<int>>', dict(p('string'), list(p('int')))],
    ['Dictionary<string, List<int?>>', dict(p('string'), list(n(p('int'))))],
    ['IDictionary<int, Tag>', dict(p('int'), ref('Tag'))],
    ['IReadOnlyDictionary<string, int>', dict(p('string'), p('int'))],
    ['SortedDictionary<long, string>', dict(p('long'), p('string'))],
    ['ConcurrentDictionary<string, bool>', dict(p('string'), p('bool'))],
    ['Dictionary<DayOfWeek, List<string>>', dict(ref('DayOfWeek'), list(p('string')))],
    ['Dictionary<AgentStates?, int>', dict(n(ref('AgentStates')), p('int'))],
    [
      'Dictionary<string, Dictionary<string, Value>>',
      dict(p('string'), dict(p('string'), ref('Value'))),
    ],
    ['KeyValuePair<string, int>', kvp(p('string'), p('int'))],
    ['List<KeyValuePair<string,string>>', list(kvp(p('string'), p('string')))],
    // Generic DTOs and other names.
    ['QueryDb<Customer>', ref('QueryDb', ref('Customer'))],
    ['ListRequest<Tag>', ref('ListRequest', ref('Tag'))],
    ['QueryResponse<Poco>', ref('QueryResponse', ref('Poco'))],
    ['QueryDb<Customer, CustomerView>', ref('QueryDb', ref('Customer'), ref('CustomerView'))],
    ['QueryResponse<List<Tag>>', ref('QueryResponse', list(ref('Tag')))],
    ['T', ref('T')],
    ['Outer.Inner', ref('Outer.Inner')],
    ['My_Type2', ref('My_Type2')],
    // Whitespace around tokens.
    ['  List < int ? > [ ] ', list(list(n(p('int'))))],
    ['\tDictionary<\n string ,int >', dict(p('string'), p('int'))],
  ];
  it.each(cases)('reads %j', (text, want) => {
    expect(parseTypeExpression(text)).toEqual({ ok: true, type: want });
  });
});

describe('parseTypeExpression: malformed cells', () => {
  const cases: [string, number, string][] = [
    ['', 0, 'Unexpected end of type, expected a type name'],
    ['   ', 3, 'Unexpected end of type, expected a type name'],
    ['List<>', 5, 'Unexpected `>`, expected a type name'],
    ['List', 4, 'Unexpected end of type, expected `<` (`List` takes 1 type argument)'],
    ['Nullable', 8, 'Unexpected end of type, expected `<` (`Nullable` takes 1 type argument)'],
    [
      'Dictionary<string>',
      17,
      'Unexpected `>`, expected `,` (`Dictionary` takes 2 type arguments)',
    ],
    [
      'KeyValuePair<string, int, int>',
      24,
      'Unexpected `,`, expected `>` (`KeyValuePair` takes 2 type arguments)',
    ],
    ['List<int, string>', 8, 'Unexpected `,`, expected `>` (`List` takes 1 type argument)'],
    ['List<int>>', 9, 'Unexpected `>`, expected `?`, `[]` or end of type'],
    ['List<int', 8, 'Unexpected end of type, expected `>` (`List` takes 1 type argument)'],
    ['QueryDb<A', 9, 'Unexpected end of type, expected `,` or `>`'],
    ['QueryDb<A,>', 10, 'Unexpected `>`, expected a type name'],
    ['<int>', 0, 'Unexpected `<`, expected a type name'],
    [',int', 0, 'Unexpected `,`, expected a type name'],
    ['int,', 3, 'Unexpected `,`, expected `?`, `[]` or end of type'],
    ['Dictionary<,string>', 11, 'Unexpected `,`, expected a type name'],
    ['Dictionary<string,>', 18, 'Unexpected `>`, expected a type name'],
    ['int??', 4, 'Unexpected `?`, expected `[]` or end of type'],
    ['List<int??>', 9, 'Unexpected `?`, expected `[]`, `,` or `>`'],
    [
      'Nullable<int?>',
      9,
      'Unexpected nullable type argument, expected a type that is not nullable',
    ],
    ['a b', 2, 'Unexpected `b`, expected `?`, `[]` or end of type'],
    ['int!', 3, 'Unexpected `!`, expected `?`, `[]` or end of type'],
    ['string<int>', 6, 'Unexpected `<`, expected `?`, `[]` or end of type'],
    ['int[', 4, 'Unexpected end of type, expected `]`'],
    ['int[3]', 4, 'Unexpected `3`, expected `]`'],
    ['Outer.', 6, 'Unexpected end of type, expected a type name after `.`'],
    ['.Inner', 0, 'Unexpected `.`, expected a type name'],
    ['List<int> trailing', 10, 'Unexpected `trailing`, expected `?`, `[]` or end of type'],
    ['?', 0, 'Unexpected `?`, expected a type name'],
    ['1abc', 0, 'Unexpected `1`, expected a type name'],
  ];
  it.each(cases)('rejects %j at %i', (text, offset, reason) => {
    expect(parseTypeExpression(text)).toEqual({ ok: false, reason, offset });
  });
});

describe('formatTypeRef', () => {
  const cases: [string, string][] = [
    ['Dictionary<string,List<int?>>', 'Dictionary<string, List<int?>>'],
    ['int?[]', 'List<int?>'],
    ['Nullable<System.Int64>', 'long?'],
    ['byte[]', 'byte[]'],
    ['byte[]?', 'byte[]?'],
    ['KeyValuePair<String,Int32>', 'KeyValuePair<string, int>'],
    ['QueryDb<Customer,CustomerView>', 'QueryDb<Customer, CustomerView>'],
    ['IEnumerable<Outer.Inner>', 'List<Outer.Inner>'],
  ];
  it.each(cases)('prints %j as %j, which reads back the same', (text, want) => {
    const type = parsed(text);
    expect(formatTypeRef(type)).toBe(want);
    expect(parsed(want)).toEqual(type);
  });

  it('prints a type parameter as its name', () => {
    expect(formatTypeRef(list({ kind: 'typeParameter', name: 'T' }))).toBe('List<T>');
  });
});

/** Trees the parser can produce (no type parameters, no nullable of nullable). */
const typeRefArbitrary: fc.Arbitrary<TypeRef> = fc.letrec<{ type: TypeRef; nonNull: TypeRef }>(
  (tie) => ({
    type: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('nonNull'),
      tie('nonNull').map(n),
    ),
    nonNull: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .constantFrom<PrimitiveName>(
          'string',
          'bool',
          'int',
          'long',
          'double',
          'decimal',
          'DateTime',
          'Guid',
          'object',
          'byte[]',
          'char[]',
        )
        .map(p),
      fc
        .stringMatching(/^[A-Z][A-Za-z0-9_]{0,8}(\.[A-Z][A-Za-z0-9]{0,4})?$/)
        .filter(
          (name) => parseTypeExpression(name).ok && collectRefNames(parsed(name)).length === 1,
        )
        .map((name) => ref(name)),
      tie('type').map(list),
      fc.tuple(tie('type'), tie('type')).map(([key, value]) => dict(key, value)),
      fc.tuple(tie('type'), tie('type')).map(([key, value]) => kvp(key, value)),
      fc
        .tuple(
          fc.constantFrom('QueryDb', 'QueryResponse', 'Page'),
          fc.array(tie('type'), {
            minLength: 1,
            maxLength: 3,
          }),
        )
        .map(([name, args]) => ref(name, ...args)),
    ),
  }),
).type;

describe('round trip', () => {
  it('parseTypeExpression(formatTypeRef(t)) gives t back', () => {
    fc.assert(
      fc.property(typeRefArbitrary, (type) => {
        expect(parseTypeExpression(formatTypeRef(type))).toEqual({ ok: true, type });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'List<int?>[], Ab.1 !'.split('')) }),
        (text) => {
          const result = parseTypeExpression(text);
          if (!result.ok) {
            expect(result.offset).toBeGreaterThanOrEqual(0);
            expect(result.offset).toBeLessThanOrEqual(text.length);
            expect(result.reason).toMatch(/^Unexpected .+, expected .+/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('collectRefNames', () => {
  it('lists refs depth-first, left to right, duplicates kept', () => {
    const type = parsed('Dictionary<Key, QueryResponse<List<Tag>, Dictionary<string, Tag?>>>');
    expect(collectRefNames(type)).toEqual(['Key', 'QueryResponse', 'Tag', 'Tag']);
  });

  it('finds none in primitives and type parameters', () => {
    expect(collectRefNames(parsed('Dictionary<string, List<int?>>'))).toEqual([]);
    expect(collectRefNames({ kind: 'typeParameter', name: 'T' })).toEqual([]);
  });
});

describe('mapRefs', () => {
  it('replaces refs, arguments first, without mapping the replacement again', () => {
    const type = parsed('Dictionary<string, QueryResponse<T>>');
    const seen: string[] = [];
    const mapped = mapRefs(type, (node) => {
      seen.push(formatTypeRef(node));
      if (node.name === 'T') return list({ kind: 'ref', name: 'T', args: [] });
      return node;
    });
    expect(seen).toEqual(['T', 'QueryResponse<List<T>>']);
    expect(formatTypeRef(mapped)).toBe('Dictionary<string, QueryResponse<List<T>>>');
  });

  it('turns refs into type parameters and aliases into their definition', () => {
    const type = parsed('List<Struct>?');
    const mapped = mapRefs(type, (node) =>
      node.name === 'Struct' ? dict(p('string'), ref('Value')) : node,
    );
    expect(mapped).toEqual(n(list(dict(p('string'), ref('Value')))));
    const generic = mapRefs(parsed('QueryResponse<T>'), (node) =>
      node.name === 'T' ? { kind: 'typeParameter', name: 'T' } : node,
    );
    expect(generic).toEqual(ref('QueryResponse', { kind: 'typeParameter', name: 'T' }));
  });

  it('does not change the input', () => {
    const type = parsed('QueryDb<A, B>');
    const copy = structuredClone(type);
    mapRefs(type, () => p('int'));
    expect(type).toEqual(copy);
  });
});
