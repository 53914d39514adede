/**
 * Merging the pages' models (src/model/merge.ts): a type that several pages define is kept once
 * when the definitions are equal once positions and name provenance are set aside, and any
 * other difference in what reaches the generated code is a `name-conflict` error on the later
 * page. Table-driven: one property changed at a time.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { createMerge } from '../src/model/merge.js';
import type {
  DictionaryType,
  EnumType,
  Field,
  ModelType,
  ObjectType,
  Source,
} from '../src/model/model.js';

function at(file: string, line: number): Source {
  return {
    file,
    position: { start: { line, column: 1, offset: 0 }, end: { line, column: 9, offset: 8 } },
  };
}

function field(extra: Partial<Field> = {}): Field {
  return {
    name: 'Tags',
    wireName: 'tags',
    typeText: 'List<string>',
    type: { kind: 'list', items: { kind: 'primitive', name: 'string' } },
    required: false,
    in: 'body',
    description: 'The tags',
    source: at('a.txt', 3),
    ...extra,
  };
}

function object(extra: Partial<ObjectType> = {}): ObjectType {
  return {
    kind: 'object',
    name: 'Info',
    nameSource: 'reference',
    typeParameters: [],
    base: { kind: 'ref', name: 'EntityInfo', args: [] },
    fields: [field(), field({ name: 'Id', wireName: 'id', typeText: 'int', type: int })],
    source: at('a.txt', 2),
    ...extra,
  };
}

const int = { kind: 'primitive', name: 'int' } as const;

function enumType(extra: Partial<EnumType> = {}): EnumType {
  return {
    kind: 'enum',
    name: 'Info',
    nameSource: 'reference',
    valueKind: 'int',
    flags: false,
    members: [
      { name: 'A', value: 1, label: 'a', description: 'The A', source: at('a.txt', 5) },
      { name: 'B', value: 2, source: at('a.txt', 6) },
    ],
    source: at('a.txt', 4),
    ...extra,
  };
}

function dictionary(extra: Partial<DictionaryType> = {}): DictionaryType {
  return {
    kind: 'dictionary',
    name: 'Info',
    nameSource: 'config',
    key: { kind: 'primitive', name: 'string' },
    value: { kind: 'ref', name: 'Value', args: [] },
    ...extra,
  };
}

/** Merge `first` (page a.txt) and `second` (page b.txt): the types kept and b's messages. */
function merge(first: ModelType, second: ModelType): { kept: ModelType[]; messages: string[] } {
  const merged = createMerge();
  const a = new VFile({ path: 'a.txt' });
  const b = new VFile({ path: 'b.txt' });
  merged.add(a, { types: [first] });
  merged.add(b, { types: [second] });
  return { kept: merged.result().types, messages: b.messages.map((m) => m.ruleId ?? '') };
}

/** The same definition as written on another page: other positions, another name source. */
function elsewhere<T extends ModelType>(type: T): T {
  const copy = structuredClone(type);
  if (copy.source) copy.source = at('b.txt', 40);
  copy.nameSource = 'heading';
  if (copy.kind === 'object') for (const f of copy.fields) f.source = at('b.txt', 41);
  if (copy.kind === 'enum') for (const m of copy.members) m.source = at('b.txt', 42);
  return copy;
}

describe('merging the pages’ models', () => {
  it.each([
    ['an object', object()],
    ['an enum', enumType()],
    ['a dictionary', dictionary()],
  ])('keeps %s defined alike on two pages once, the first page’s', (_, type) => {
    const { kept, messages } = merge(type, elsewhere(type));
    expect(kept).toEqual([type]);
    expect(kept[0]).toBe(type);
    expect(messages).toEqual([]);
  });

  it('keeps equal definitions that write a value differently but read the same', () => {
    // Member values 1 and '1', a missing label and an empty one, are printed alike.
    const first = enumType();
    const second = elsewhere(enumType());
    second.members[0]!.value = '1';
    second.members[1]!.label = '';
    expect(merge(first, second).messages).toEqual([]);
    // `literals` types print as their C# type, `string`.
    const a = object({
      fields: [field({ type: { kind: 'literals', values: ['x', 'y'] }, typeText: 'string' })],
    });
    const b = object({
      fields: [field({ type: { kind: 'literals', values: ['z'] }, typeText: 'string' })],
    });
    expect(merge(a, b).messages).toEqual([]);
  });

  const objectChanges: [string, (type: ObjectType) => void][] = [
    ['a field’s name', (t) => (t.fields[0]!.name = 'Labels')],
    ['a field’s wire name', (t) => (t.fields[0]!.wireName = 'Tags')],
    ['a field’s Data Type text', (t) => (t.fields[0]!.typeText = 'string[]')],
    ['a field’s type', (t) => (t.fields[0]!.type = { kind: 'list', items: int })],
    ['a nested type', (t) => (t.fields[1]!.type = { kind: 'nullable', type: int })],
    ['Required', (t) => (t.fields[0]!.required = true)],
    ['the Parameter', (t) => (t.fields[0]!.in = 'query')],
    ['a description', (t) => (t.fields[0]!.description = 'Tags')],
    ['the allowable values', (t) => (t.fields[0]!.allowableValues = ['a'])],
    ['the field order', (t) => t.fields.reverse()],
    ['having a field less', (t) => t.fields.pop()],
    ['the base', (t) => (t.base = { kind: 'ref', name: 'Other', args: [] })],
    ['having no base', (t) => delete t.base],
    ['the base’s arguments', (t) => (t.base = { kind: 'ref', name: 'EntityInfo', args: [int] })],
    ['the type parameters', (t) => (t.typeParameters = ['T'])],
  ];
  it.each(objectChanges)('reports an object that differs in %s (name-conflict)', (_, change) => {
    const second = elsewhere(object());
    change(second);
    const { kept, messages } = merge(object(), second);
    expect(messages).toEqual(['name-conflict']);
    expect(kept).toHaveLength(1);
  });

  const enumChanges: [string, (type: EnumType) => void][] = [
    ['a member’s name', (t) => (t.members[0]!.name = 'C')],
    ['a member’s value', (t) => (t.members[0]!.value = 3)],
    ['a member’s label', (t) => (t.members[0]!.label = 'b')],
    ['a member’s description', (t) => delete t.members[0]!.description],
    ['the flags', (t) => (t.flags = true)],
    ['the value kind', (t) => (t.valueKind = 'string')],
    ['having a member less', (t) => t.members.pop()],
  ];
  it.each(enumChanges)('reports an enum that differs in %s (name-conflict)', (_, change) => {
    const second = elsewhere(enumType());
    change(second);
    expect(merge(enumType(), second).messages).toEqual(['name-conflict']);
  });

  it('reports a dictionary whose key or value differs, and types of other kinds', () => {
    const key = elsewhere(dictionary({ key: int }));
    const value = elsewhere(dictionary({ value: { kind: 'primitive', name: 'string' } }));
    expect(merge(dictionary(), key).messages).toEqual(['name-conflict']);
    expect(merge(dictionary(), value).messages).toEqual(['name-conflict']);
    expect(merge(object(), enumType()).messages).toEqual(['name-conflict']);
    expect(merge(enumType(), dictionary()).messages).toEqual(['name-conflict']);
  });
});
