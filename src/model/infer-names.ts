/**
 * Name the headless blocks of one page and build that page's part of the model.
 *
 * A scraped page lost its type-name headings, so names come from how ServiceStack orders a
 * page, checked against the page's sample bodies and completed by the config:
 *
 * 1. The request table comes first (missing when the request has no properties).
 * 2. Then, depth-first in field order, each type the request references that has a table,
 *    each type once; enums are lists or `Name | Value` tables, DTOs are tables.
 * 3. Then the response table and its types the same way.
 * 4. A base class's table directly follows its subclass's table (configured in `bases`, or
 *    inferred when all its fields are keys of the subclass's sample and none is its own).
 * 5. A type that subclasses a dictionary (`Struct`) has no table; its value type does
 *    (configured in `types`, or inferred when the sample shows a map: `{"String": {…}}`).
 *
 * The walk is tried with and without a request table and the alignment that disagrees least
 * with the samples wins. Guessed names get one `guessed-name` warning each.
 */
import type { VFile } from 'vfile';
import type { DtoforgeConfig } from '../config/config.js';
import { report, type RuleId } from '../diagnostics.js';
import type {
  Block,
  Cell,
  DtoTable,
  EnumList,
  EnumTable,
  HttpSample,
  PageBlocks,
  SampleNode,
} from '../parse/blocks.js';
import { sampleToValue } from '../parse/sample-body.js';
import { builtinType, toCamelCase } from './builtins.js';
import type {
  DictionaryType,
  EnumMember,
  EnumType,
  Field,
  ModelType,
  NameSource,
  ObjectType,
  Operation,
  ParameterIn,
  Position,
  Route,
  SampleBody,
  Source,
  TypeRef,
} from './model.js';
import { formatTypeRef, mapRefs, parseTypeExpression } from './type-expression.js';

/** A diagnostic waiting for the winning alignment to be chosen. */
interface Pending {
  rule: RuleId;
  reason: string;
  place?: Position;
}

/** One page's share of the model. */
export interface PageModel {
  operation?: Operation;
  types: ModelType[];
}

type SampleObject = Extract<SampleNode, { kind: 'object' }>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Unbound blocks reported one by one; the rest are summed up in one message. */
const MAX_UNBOUND_REPORTS = 20;
const TYPE_NAME = /^[A-Z][A-Za-z0-9_]*$/;

/** Everything the walk needs about a page, computed once per page. */
interface PageInput {
  file: VFile;
  page: PageBlocks;
  config: DtoforgeConfig;
  /** Config `types` entries that parse to dictionaries, by name. */
  aliases: Map<string, Extract<TypeRef, { kind: 'dictionary' }>>;
  /** Config `bases`, parsed. */
  bases: Map<string, Extract<TypeRef, { kind: 'ref' }>>;
  /** Blocks the page kept a heading for, by heading name. */
  headed: Map<string, number>;
  /** Parsed fields of each DTO block (by block index). */
  fields: Map<number, Field[]>;
  /** The Data Type cell of each field, where type problems are reported. */
  typeCells: WeakMap<Field, Position>;
  pending: Pending[];
}

/** The mutable state of one alignment attempt. */
interface Walk {
  input: PageInput;
  /** Next unheaded block to hand out. */
  cursor: number;
  /** Blocks bound so far: block index → type name. */
  used: Map<number, string>;
  /** Types defined so far, by name, in definition order. */
  types: Map<string, ModelType>;
  /** Dictionaries (config or inferred), by name. */
  dictionaries: Map<string, DictionaryType>;
  /** Built-ins referenced, by name. */
  builtins: Map<string, ModelType>;
  /** The fields of each bound object type as the page wrote them. */
  pageFields: Map<string, Field[]>;
  /** Sample objects seen for each object type (to choose wire names). */
  samples: Map<string, SampleObject[]>;
  pending: Pending[];
  /** How much this alignment disagrees with the page: lower is better. */
  cost: number;
}

function nodeKind(node: SampleNode): string {
  return node.kind === 'object'
    ? 'an object'
    : node.kind === 'array'
      ? 'an array'
      : `a ${node.kind}`;
}

function sampleKeys(samples: readonly SampleObject[]): Set<string> {
  const keys = new Set<string>();
  for (const sample of samples)
    for (const entry of sample.entries) keys.add(entry.key.toLowerCase());
  return keys;
}

function objectsOf(nodes: readonly SampleNode[]): SampleObject[] {
  return nodes.filter((node): node is SampleObject => node.kind === 'object');
}

/** The sample values of one property across several sample objects. */
function property(nodes: readonly SampleNode[], field: Field): SampleNode[] {
  const result: SampleNode[] = [];
  const wire = field.wireName.toLowerCase();
  const name = field.name.toLowerCase();
  for (const node of objectsOf(nodes)) {
    for (const entry of node.entries) {
      const key = entry.key.toLowerCase();
      if (key === wire || key === name) result.push(entry.value);
    }
  }
  return result;
}

function fail(
  walk: Walk,
  rule: RuleId,
  reason: string,
  place: Position | undefined,
  cost: number,
): void {
  walk.pending.push({ rule, reason, ...(place ? { place } : {}) });
  walk.cost += cost;
}

function sourceOf(input: PageInput, position: Position): Source {
  return { file: input.page.file, position };
}

/**
 * Read the rows of a DTO table into fields (types parsed, Parameter/Required checked).
 * Reports row problems once, whatever alignment wins.
 */
function readFields(input: PageInput, block: DtoTable): Field[] {
  const fields: Field[] = [];
  const seen = new Set<string>();
  for (const row of block.rows) {
    const name = row.name.text;
    if (name === '') {
      input.pending.push({
        rule: 'malformed-row',
        reason: 'Unexpected empty Name cell, expected a property name',
        place: row.name.position,
      });
      continue;
    }
    if (seen.has(name.toLowerCase())) {
      input.pending.push({
        rule: 'duplicate-field',
        reason: `Unexpected second field \`${name}\`, expected each field once`,
        place: row.name.position,
      });
      continue;
    }
    seen.add(name.toLowerCase());
    const parameter = row.in.text.toLowerCase();
    if (!['body', 'form', 'query', 'path', 'header'].includes(parameter)) {
      input.pending.push({
        rule: 'bad-parameter',
        reason: `Unexpected Parameter \`${row.in.text}\`, expected body, form, query, path or header`,
        place: row.in.position,
      });
    }
    const required = row.required.text.toLowerCase();
    if (required !== 'yes' && required !== 'no') {
      input.pending.push({
        rule: 'bad-required',
        reason: `Unexpected Required \`${row.required.text}\`, expected Yes or No`,
        place: row.required.position,
      });
    }
    const type = parseCellType(input, row.type);
    const field: Field = {
      name,
      wireName: toCamelCase(name),
      typeText: row.type.text,
      type,
      required: required === 'yes',
      in: (['body', 'form', 'query', 'path', 'header'].includes(parameter)
        ? parameter
        : 'body') as ParameterIn,
      description: row.description.text,
      source: sourceOf(input, row.position),
    };
    input.typeCells.set(field, row.type.position);
    fields.push(field);
  }
  return fields;
}

/** Parse a Data Type cell; a malformed one is reported and read as `object` (unknown). */
function parseCellType(input: PageInput, cell: Cell): TypeRef {
  const result = parseTypeExpression(cell.text);
  if (result.ok) return result.type;
  const start = cell.position.start;
  const column = start.column + result.offset;
  input.pending.push({
    rule: 'malformed-type',
    reason: result.reason,
    place: {
      start: {
        line: start.line,
        column,
        ...(start.offset === undefined ? {} : { offset: start.offset + result.offset }),
      },
      end: cell.position.end,
    },
  });
  return { kind: 'primitive', name: 'object' };
}

/** The next unheaded, unused block, without taking it. */
function peek(walk: Walk): number | undefined {
  const { blocks } = walk.input.page;
  while (
    walk.cursor < blocks.length &&
    (walk.used.has(walk.cursor) || blocks[walk.cursor]?.heading)
  ) {
    walk.cursor++;
  }
  return walk.cursor < blocks.length ? walk.cursor : undefined;
}

/** The first block in page order that nothing has taken yet, headed or not. */
function nextUnused(walk: Walk): number | undefined {
  const { blocks } = walk.input.page;
  for (let index = 0; index < blocks.length; index++) if (!walk.used.has(index)) return index;
  return undefined;
}

/** The block that `name` should take: its heading's block, else the next unheaded one. */
function blockFor(walk: Walk, name: string): number | undefined {
  const headed = walk.input.headed.get(name);
  if (headed !== undefined) return walk.used.has(headed) ? undefined : headed;
  return peek(walk);
}

/** True when a sample object shows a map of the block's type rather than the type itself. */
function looksLikeMap(samples: readonly SampleObject[], fields: readonly Field[]): boolean {
  if (samples.length === 0) return false;
  const names = new Set(
    fields.flatMap((field) => [field.wireName.toLowerCase(), field.name.toLowerCase()]),
  );
  const keys = [...sampleKeys(samples)];
  if (keys.length === 0 || keys.some((key) => names.has(key))) return false;
  // Every entry's value is an object whose keys are fields of the table.
  return samples.every((sample) =>
    sample.entries.every(
      (entry) =>
        entry.value.kind === 'object' &&
        entry.value.entries.every((inner) => names.has(inner.key.toLowerCase())),
    ),
  );
}

/** Walk a type expression, binding every named type it references that has no binding yet. */
function walkType(walk: Walk, type: TypeRef, samples: readonly SampleNode[], via: Position): void {
  switch (type.kind) {
    case 'primitive':
    case 'typeParameter':
      return;
    case 'nullable':
      walkType(
        walk,
        type.type,
        samples.filter((node) => node.kind !== 'null'),
        via,
      );
      return;
    case 'list':
      walkType(
        walk,
        type.items,
        samples.flatMap((node) => (node.kind === 'array' ? node.items : [])),
        via,
      );
      return;
    case 'dictionary':
    case 'keyValuePair': {
      const objects = objectsOf(samples);
      walkType(walk, type.key, [], via);
      const values =
        type.kind === 'dictionary'
          ? objects.flatMap((node) => node.entries.map((entry) => entry.value))
          : objects.flatMap((node) =>
              node.entries.filter((e) => e.key.toLowerCase() === 'value').map((e) => e.value),
            );
      walkType(walk, type.value, values, via);
      return;
    }
    case 'ref':
      bindRef(walk, type, samples, via);
      for (const arg of type.args) walkType(walk, arg, [], via);
      return;
  }
}

/** Bind a named type: built-in, config alias, already bound, or the next block. */
function bindRef(
  walk: Walk,
  ref: Extract<TypeRef, { kind: 'ref' }>,
  samples: readonly SampleNode[],
  via: Position,
): void {
  const { name } = ref;
  const existing = walk.types.get(name) ?? walk.dictionaries.get(name) ?? walk.builtins.get(name);
  if (existing) {
    if (existing.kind === 'object') {
      walk.samples.get(name)?.push(...objectsOf(samples));
    } else if (existing.kind === 'enum') {
      checkEnumSamples(walk, existing, samples);
    } else {
      walkType(
        walk,
        existing.value,
        objectsOf(samples).flatMap((o) => o.entries.map((e) => e.value)),
        via,
      );
    }
    return;
  }
  const alias = walk.input.aliases.get(name);
  if (alias) {
    walk.dictionaries.set(name, {
      kind: 'dictionary',
      name,
      nameSource: 'config',
      key: alias.key,
      value: alias.value,
      source: sourceOf(walk.input, via),
    });
    walkType(walk, alias, samples, via);
    return;
  }
  const builtin = builtinType(name);
  if (builtin && walk.input.headed.get(name) === undefined) {
    walk.builtins.set(name, builtin);
    if (builtin.kind === 'enum') checkEnumSamples(walk, builtin, samples);
    for (const dependency of builtinDependencies(builtin)) bindRef(walk, dependency, [], via);
    return;
  }
  const index = blockFor(walk, name);
  const block = index === undefined ? undefined : walk.input.page.blocks[index];
  if (index === undefined || !block) {
    fail(
      walk,
      'unknown-type',
      `Unexpected type \`${name}\` with no table, expected a table for it on the page, a \`types\` entry in the config or a built-in`,
      via,
      100,
    );
    return;
  }
  const objects = objectsOf(samples);
  if (
    block.kind === 'dto' &&
    !block.heading &&
    looksLikeMap(objects, walk.input.fields.get(index) ?? [])
  ) {
    // A dictionary subclass (`EntityIntegrationData : Dictionary<string, IntegrationData>`):
    // the sample is a map, and the table is its value type's, whose name the page never shows.
    const valueName = `${name}Value`;
    fail(
      walk,
      'guessed-name',
      `Unexpected unnamed value type of dictionary \`${name}\` (its sample is a map), named it \`${valueName}\`; expected a config entry \`"types": { "${name}": "Dictionary<string, …>" }\``,
      block.position,
      1,
    );
    const value: TypeRef = { kind: 'ref', name: valueName, args: [] };
    walk.dictionaries.set(name, {
      kind: 'dictionary',
      name,
      nameSource: 'derived',
      key: { kind: 'primitive', name: 'string' },
      value,
      source: sourceOf(walk.input, objects[0]?.position ?? via),
    });
    bindBlock(
      walk,
      index,
      valueName,
      'derived',
      [],
      objects.flatMap((o) => o.entries.map((e) => e.value)),
    );
    return;
  }
  bindBlock(
    walk,
    index,
    name,
    walk.input.headed.has(name) ? 'heading' : 'reference',
    ref.args,
    samples,
  );
}

/** Types a built-in references (ResponseStatus → ResponseError). */
function builtinDependencies(type: ModelType): Extract<TypeRef, { kind: 'ref' }>[] {
  if (type.kind !== 'object') return [];
  const refs: Extract<TypeRef, { kind: 'ref' }>[] = [];
  for (const field of type.fields) {
    mapRefs(field.type, (ref) => {
      refs.push(ref);
      return ref;
    });
  }
  return refs;
}

/** Bind block `index` to `name` and walk what it references. */
function bindBlock(
  walk: Walk,
  index: number,
  name: string,
  nameSource: NameSource,
  args: readonly TypeRef[],
  samples: readonly SampleNode[],
): void {
  const block = walk.input.page.blocks[index];
  if (!block) return;
  walk.used.set(index, name);
  if (block.heading && block.heading.name !== name && nameSource !== 'heading') {
    fail(
      walk,
      'sample-mismatch',
      `Unexpected heading \`${block.heading.name}\` for the table of \`${name}\`, expected \`${name}\``,
      block.heading.position,
      5,
    );
  }
  if (block.kind !== 'dto') {
    const type = enumFromBlock(walk.input, block, name, nameSource);
    walk.types.set(name, type);
    for (const node of samples) {
      if (node.kind === 'object' || node.kind === 'array') {
        fail(
          walk,
          'sample-mismatch',
          `Unexpected ${nodeKind(node)} in the sample for enum \`${name}\`, expected a member`,
          node.position,
          10,
        );
      }
    }
    checkEnumSamples(walk, type, samples);
    return;
  }
  const objects = objectsOf(samples);
  for (const node of samples) {
    if (node.kind !== 'object' && node.kind !== 'null') {
      fail(
        walk,
        'sample-mismatch',
        `Unexpected ${nodeKind(node)} in the sample for \`${name}\`, expected an object (its table is at line ${block.position.start.line})`,
        node.position,
        10,
      );
    }
  }
  const typeParameters = args.length === 1 ? ['T'] : args.map((_, i) => `T${i + 1}`);
  const fields = walk.input.fields.get(index) ?? [];
  const type: ObjectType = {
    kind: 'object',
    name,
    nameSource,
    typeParameters,
    fields: fields.map((field) => ({
      ...field,
      type: substitute(field.type, args, typeParameters),
    })),
    source: sourceOf(walk.input, block.position),
  };
  walk.types.set(name, type);
  walk.pageFields.set(name, fields);
  walk.samples.set(name, [...objects]);
  // The base classes' tables come right after this one.
  const chain = bindBases(walk, type, objects);
  // Walk the fields as the page wrote them (concrete generic arguments, not `T`).
  const cell = (field: Field): Position => walk.input.typeCells.get(field) ?? field.source.position;
  for (const owner of [type, ...chain]) {
    for (const field of walk.pageFields.get(owner.name) ?? []) {
      walkType(walk, field.type, property(objects, field), cell(field));
    }
  }
}

/** Replace the generic arguments in a field type by the type's parameters (`List<Poco>` → `List<T>`). */
function substitute(
  type: TypeRef,
  args: readonly TypeRef[],
  parameters: readonly string[],
): TypeRef {
  if (args.length === 0) return type;
  const keys = args.map((arg) => formatTypeRef(arg));
  const replace = (node: TypeRef): TypeRef => {
    const at = keys.indexOf(formatTypeRef(node));
    const parameter = parameters[at];
    if (at !== -1 && parameter !== undefined) return { kind: 'typeParameter', name: parameter };
    switch (node.kind) {
      case 'nullable':
        return { kind: 'nullable', type: replace(node.type) };
      case 'list':
        return { kind: 'list', items: replace(node.items) };
      case 'dictionary':
      case 'keyValuePair':
        return { kind: node.kind, key: replace(node.key), value: replace(node.value) };
      case 'ref':
        return { kind: 'ref', name: node.name, args: node.args.map(replace) };
      default:
        return node;
    }
  };
  return replace(type);
}

/**
 * Bind the base-class tables that follow `type`'s table: from the config's `bases`, else when
 * the next table's fields are all keys of the subclass's samples and none is its own.
 * Returns the bound bases, nearest first.
 */
function bindBases(walk: Walk, type: ObjectType, samples: readonly SampleObject[]): ObjectType[] {
  const chain: ObjectType[] = [];
  let current = type;
  const known = new Set(type.fields.map((field) => field.name.toLowerCase()));
  for (let depth = 0; depth < 16; depth++) {
    const configured = walk.input.bases.get(current.name);
    if (configured) {
      current.base = configured;
      const existing = walk.types.get(configured.name);
      if (existing || walk.input.aliases.has(configured.name) || builtinType(configured.name)) {
        if (!existing)
          walkType(walk, configured, samples, current.source?.position ?? blockStart(walk));
        return chain;
      }
      const index = blockFor(walk, configured.name);
      const block = index === undefined ? undefined : walk.input.page.blocks[index];
      // A generic base that has a configured base of its own (`QueryDb<T> : QueryBase`) is
      // taken as empty, as AutoQuery's are: it has no table, its base's table follows.
      const emptyGeneric =
        configured.args.length > 0 &&
        walk.input.bases.has(configured.name) &&
        !walk.input.headed.has(configured.name);
      if (emptyGeneric || index === undefined || !block || block.kind !== 'dto') {
        if (configured.args.length > 0 && walk.input.bases.has(configured.name)) {
          // An empty generic base (`QueryDb<T>`) has no table; its own base does.
          const empty: ObjectType = {
            kind: 'object',
            name: configured.name,
            nameSource: 'config',
            typeParameters:
              configured.args.length === 1 ? ['T'] : configured.args.map((_, i) => `T${i + 1}`),
            fields: [],
          };
          walk.types.set(configured.name, empty);
          chain.push(empty);
          current = empty;
          continue;
        }
        fail(
          walk,
          'missing-block',
          `Unexpected ${block ? `${block.kind === 'dto' ? 'table' : 'enum'} at line ${block.position.start.line}` : 'end of tables'} after \`${current.name}\`, expected the table of its base class \`${configured.name}\` (config \`bases\`)`,
          block?.position ?? current.source?.position,
          100,
        );
        return chain;
      }
      bindBaseBlock(walk, index, configured, 'config', chain, known);
      current = chain[chain.length - 1] ?? current;
      continue;
    }
    // No configured base: the samples may show one.
    if (samples.length === 0) return chain;
    const index = peek(walk);
    const block = index === undefined ? undefined : walk.input.page.blocks[index];
    if (index === undefined || !block || block.kind !== 'dto') return chain;
    const fields = walk.input.fields.get(index) ?? [];
    const keys = sampleKeys(samples);
    const inherited =
      fields.length > 0 &&
      fields.every(
        (field) =>
          !known.has(field.name.toLowerCase()) &&
          (keys.has(field.wireName.toLowerCase()) || keys.has(field.name.toLowerCase())),
      );
    if (!inherited) return chain;
    const name = `${current.name}Base`;
    fail(
      walk,
      'guessed-name',
      `Unexpected unnamed base class of \`${current.name}\` (the table's fields are in its sample), named it \`${name}\`; expected a config entry \`"bases": { "${current.name}": "…" }\``,
      block.position,
      1,
    );
    const ref: Extract<TypeRef, { kind: 'ref' }> = { kind: 'ref', name, args: [] };
    current.base = ref;
    bindBaseBlock(walk, index, ref, 'derived', chain, known);
    current = chain[chain.length - 1] ?? current;
  }
  return chain;
}

function blockStart(walk: Walk): Position {
  const first = walk.input.page.blocks[0];
  return first?.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

function bindBaseBlock(
  walk: Walk,
  index: number,
  ref: Extract<TypeRef, { kind: 'ref' }>,
  nameSource: NameSource,
  chain: ObjectType[],
  known: Set<string>,
): void {
  const block = walk.input.page.blocks[index];
  if (!block) return;
  walk.used.set(index, ref.name);
  const fields = walk.input.fields.get(index) ?? [];
  const typeParameters = ref.args.length === 1 ? ['T'] : ref.args.map((_, i) => `T${i + 1}`);
  const base: ObjectType = {
    kind: 'object',
    name: ref.name,
    nameSource,
    typeParameters,
    fields: fields.map((field) => ({
      ...field,
      type: substitute(field.type, ref.args, typeParameters),
    })),
    source: sourceOf(walk.input, block.position),
  };
  for (const field of fields) known.add(field.name.toLowerCase());
  walk.types.set(ref.name, base);
  walk.pageFields.set(ref.name, fields);
  walk.samples.set(ref.name, []);
  chain.push(base);
}

/** Build an enum from a member list or a `Name | Value` table. */
function enumFromBlock(
  input: PageInput,
  block: EnumList | EnumTable,
  name: string,
  nameSource: NameSource,
): EnumType {
  const members: EnumMember[] = [];
  const seen = new Set<string>();
  const add = (member: EnumMember, cell: Cell): void => {
    if (seen.has(member.name)) {
      input.pending.push({
        rule: 'duplicate-member',
        reason: `Unexpected second member \`${member.name}\` in enum \`${name}\`, expected each member once`,
        place: cell.position,
      });
      return;
    }
    seen.add(member.name);
    members.push(member);
  };
  if (block.kind === 'enum-list') {
    for (const member of block.members)
      add(
        {
          name: member.name.text,
          ...(member.description ? { description: member.description.text } : {}),
          source: sourceOf(input, member.name.position),
        },
        member.name,
      );
    return {
      kind: 'enum',
      name,
      nameSource,
      valueKind: 'none',
      flags: false,
      members,
      source: sourceOf(input, block.position),
    };
  }
  const integers = block.rows.every((row) => /^-?\d+$/.test(row.value.text));
  for (const row of block.rows) {
    const value = integers ? Number(row.value.text) : row.value.text;
    add(
      {
        name: row.name.text,
        value,
        ...(row.label ? { label: row.label.text } : {}),
        source: sourceOf(input, row.position),
      },
      row.name,
    );
  }
  const valueKind = integers ? 'int' : 'string';
  const flags = integers && isFlags(members.map((member) => Number(member.value)));
  return {
    kind: 'enum',
    name,
    nameSource,
    valueKind,
    flags,
    members,
    source: sourceOf(input, block.position),
  };
}

/**
 * A [Flags] enum: non-negative values, at least three single bits, every other value an OR of
 * declared bits, and not simply the sequence 0..n (or 1..n).
 */
export function isFlags(values: readonly number[]): boolean {
  if (values.some((value) => value < 0 || !Number.isSafeInteger(value))) return false;
  const bits = values.filter((value) => value > 0 && (value & (value - 1)) === 0);
  if (new Set(bits).size < 3) return false;
  const mask = bits.reduce((all, bit) => all | bit, 0);
  if (values.some((value) => (value & ~mask) !== 0)) return false;
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const contiguous = sorted.every((value, i) => value === first + i);
  return !contiguous;
}

/** The wire value of each member: names, Value strings, or numbers for flags. */
export function enumWireValues(type: EnumType): (string | number)[] {
  if (type.flags) return type.members.map((member) => Number(member.value));
  if (type.valueKind === 'string') return type.members.map((member) => String(member.value));
  return type.members.map((member) => member.name);
}

function checkEnumSamples(walk: Walk, type: EnumType, samples: readonly SampleNode[]): void {
  const wire = enumWireValues(type);
  for (const node of samples) {
    if (node.kind === 'null' || node.kind === 'object' || node.kind === 'array') continue;
    if (type.flags) {
      if (node.kind !== 'number') {
        fail(
          walk,
          'sample-mismatch',
          `Unexpected ${nodeKind(node)} in the sample for flags enum \`${type.name}\`, expected a number`,
          node.position,
          10,
        );
      }
      continue;
    }
    const value =
      node.kind === 'string' || node.kind === 'number' ? node.value : String(node.value);
    if (!wire.includes(value) && !wire.map(String).includes(String(value))) {
      fail(
        walk,
        'sample-mismatch',
        `Unexpected \`${String(value)}\` in the sample for enum \`${type.name}\`, expected one of ${wire
          .slice(0, 5)
          .map((v) => `\`${v}\``)
          .join(', ')}${wire.length > 5 ? ', …' : ''}`,
        node.position,
        10,
      );
    }
  }
}

/** Check each sample object against its type's fields (and its bases'); choose wire names. */
function checkObjectSamples(walk: Walk): void {
  for (const [name, samples] of walk.samples) {
    const type = walk.types.get(name);
    if (!type || type.kind !== 'object') continue;
    const chain: ObjectType[] = [type];
    for (let base = type.base; base;) {
      const next = walk.types.get(base.kind === 'ref' ? base.name : '');
      if (!next || next.kind !== 'object' || chain.includes(next)) break;
      chain.push(next);
      base = next.base;
    }
    const known = new Set(
      chain.flatMap((t) =>
        t.fields.flatMap((f) => [f.wireName.toLowerCase(), f.name.toLowerCase()]),
      ),
    );
    for (const sample of samples) {
      for (const entry of sample.entries) {
        if (!known.has(entry.key.toLowerCase())) {
          fail(
            walk,
            'sample-mismatch',
            `Unexpected key \`${entry.key}\` in the sample for \`${name}\`, expected one of its fields (table at line ${type.source?.position.start.line ?? '?'})`,
            entry.keyPosition,
            10,
          );
        }
      }
    }
  }
}

/** Take the wire name of each field from the samples that show it. */
function applyWireNames(walk: Walk): void {
  for (const [name, samples] of walk.samples) {
    const type = walk.types.get(name);
    if (!type || type.kind !== 'object') continue;
    const chain: ObjectType[] = [type];
    let base = type.base;
    while (base && base.kind === 'ref') {
      const next = walk.types.get(base.name);
      if (!next || next.kind !== 'object' || chain.includes(next)) break;
      chain.push(next);
      base = next.base;
    }
    const keys = new Map<string, string>();
    for (const sample of samples)
      for (const entry of sample.entries) keys.set(entry.key.toLowerCase(), entry.key);
    for (const owner of chain) {
      for (const field of owner.fields) {
        const shown = keys.get(field.name.toLowerCase());
        if (shown !== undefined) field.wireName = shown;
      }
    }
  }
}

/** What the page says about its operation before any walk. */
interface OperationNames {
  request: string;
  requestSource: NameSource;
  response?: string;
  responseSource?: NameSource;
}

function fileStem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]*$/, '');
}

/** PascalCase of a route, for a request that nothing names: `POST /a/b-c` → `PostABC`. */
function nameFromRoute(verb: string, path: string): string {
  const words = [verb, ...path.split(/[^A-Za-z0-9]+/)].filter((w) => w !== '' && !/^\d/.test(w));
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
  return TYPE_NAME.test(name) ? name : 'Operation';
}

function operationConfig(
  input: PageInput,
  keys: readonly string[],
): { request?: string; response?: string } {
  for (const key of keys) {
    const entry = input.config.operations[key];
    if (entry) return entry;
  }
  return {};
}

function nameOperation(input: PageInput): OperationNames & { guessedRequest?: string } {
  const { page } = input;
  const stem = fileStem(page.file);
  const samplePath = page.samples.request?.path ?? '';
  const replyMatch = /^\/(?:json|jsv|xml|csv)\/(?:reply|oneway)\/([A-Za-z_][A-Za-z0-9_]*)/.exec(
    samplePath,
  );
  const fromFile = TYPE_NAME.test(stem) ? stem : undefined;
  const fromSample = replyMatch?.[1];
  const byKey = operationConfig(input, [
    stem,
    ...(fromSample ? [fromSample] : []),
    ...(fromFile ? [fromFile] : []),
  ]);
  let request: string;
  let requestSource: NameSource;
  let guessedRequest: string | undefined;
  if (byKey.request) {
    request = byKey.request;
    requestSource = 'config';
  } else if (fromSample) {
    request = fromSample;
    requestSource = 'sample-path';
  } else if (fromFile) {
    request = fromFile;
    requestSource = 'file';
  } else if (page.blocks[0]?.heading) {
    request = page.blocks[0].heading.name;
    requestSource = 'heading';
  } else {
    const route = page.header.routes[0];
    const verb =
      route?.verbs.text.split(/[\s,]+/)[0] ?? page.samples.request?.method ?? 'Operation';
    request = nameFromRoute(verb === 'All' ? 'Any' : verb, route?.path.text ?? samplePath);
    requestSource = 'derived';
    guessedRequest = request;
  }
  const named = operationConfig(input, [request, stem]);
  const response = named.response ?? byKey.response;
  return {
    request,
    requestSource,
    ...(response ? { response, responseSource: 'config' as const } : {}),
    ...(guessedRequest ? { guessedRequest } : {}),
  };
}

function sampleTree(sample: HttpSample | undefined): SampleNode[] {
  const tree = sample?.body?.tree;
  return tree ? [tree] : [];
}

/**
 * One alignment: walk the request (with or without a table), then the response.
 */
function align(
  input: PageInput,
  names: OperationNames,
  requestTable: boolean,
): Walk & { response?: string } {
  const walk: Walk = {
    input,
    cursor: 0,
    used: new Map(),
    types: new Map(),
    dictionaries: new Map(),
    builtins: new Map(),
    pageFields: new Map(),
    samples: new Map(),
    pending: [],
    cost: 0,
  };
  const { page } = input;
  const requestSamples = sampleTree(page.samples.request);
  const start = blockStart(walk);
  const requestRef: Extract<TypeRef, { kind: 'ref' }> = {
    kind: 'ref',
    name: names.request,
    args: [],
  };
  if (requestTable) {
    bindRef(walk, requestRef, requestSamples, start);
  } else {
    walk.types.set(names.request, {
      kind: 'object',
      name: names.request,
      nameSource: names.requestSource,
      typeParameters: [],
      fields: [],
      source: sourceOf(input, page.header.routes[0]?.position ?? start),
    });
    walk.samples.set(names.request, objectsOf(requestSamples));
  }
  const requestType = walk.types.get(names.request);
  if (requestType && requestType.nameSource === 'reference')
    requestType.nameSource = names.requestSource;
  // The response: whatever tables are left, or a configured name.
  const responseSamples = sampleTree(page.samples.response);
  const remaining = nextUnused(walk);
  // A configured response may be generic (`QueryResponse<Customer>`): its table is the
  // generic type's, with the arguments in its fields.
  const configured = names.response ? parseTypeExpression(names.response) : undefined;
  const responseArgs = configured?.ok && configured.type.kind === 'ref' ? configured.type.args : [];
  let response =
    configured?.ok && configured.type.kind === 'ref' ? configured.type.name : names.response;
  if (!response && remaining !== undefined) {
    const heading = page.blocks[remaining]?.heading?.name;
    response = heading ?? `${names.request}Response`;
    if (!heading) {
      const block = page.blocks[remaining];
      fail(
        walk,
        'guessed-name',
        `Unexpected unnamed response table, named it \`${response}\`; expected a config entry \`"operations": { "${names.request}": { "response": "…" } }\``,
        block?.position,
        1,
      );
    }
  }
  if (response) {
    const responseSource = names.response
      ? 'config'
      : page.blocks[remaining ?? -1]?.heading
        ? 'heading'
        : 'derived';
    if (remaining !== undefined || input.headed.has(response) || walk.types.has(response)) {
      bindRef(
        walk,
        { kind: 'ref', name: response, args: responseArgs },
        responseSamples,
        page.blocks[remaining ?? 0]?.position ?? start,
      );
    } else if (!builtinType(response) && !input.aliases.has(response)) {
      // A response with no properties has no table.
      walk.types.set(response, {
        kind: 'object',
        name: response,
        nameSource: responseSource,
        typeParameters: [],
        fields: [],
        source: sourceOf(input, page.samples.response?.position ?? start),
      });
      walk.samples.set(response, objectsOf(responseSamples));
    } else {
      bindRef(walk, { kind: 'ref', name: response, args: [] }, responseSamples, start);
    }
    const responseType = walk.types.get(response);
    if (responseType && responseType.nameSource === 'reference')
      responseType.nameSource = responseSource;
  }
  // Headed blocks nothing referenced, and unheaded leftovers (the first few reported one by
  // one, the rest counted: a broken 10 MB page must not print 40,000 lines).
  let unbound = 0;
  page.blocks.forEach((block, index) => {
    if (walk.used.has(index)) return;
    if (block.heading) {
      const name = block.heading.name;
      if (!walk.types.has(name)) {
        walk.pending.push({
          rule: 'unbound-block',
          reason: `Unexpected table \`${name}\` that no field references, expected a reference to it`,
          place: block.position,
        });
        walk.cost += 1;
        bindBlock(walk, index, name, 'heading', [], []);
      }
      return;
    }
    unbound++;
    if (unbound > MAX_UNBOUND_REPORTS) {
      walk.cost += 50;
      return;
    }
    fail(
      walk,
      'unbound-block',
      `Unexpected ${block.kind === 'dto' ? 'table' : 'enum'} that no type references (${describeBlock(block)}), expected every table to belong to the request, the response or a type they reference`,
      block.position,
      50,
    );
  });
  if (unbound > MAX_UNBOUND_REPORTS) {
    walk.pending.push({
      rule: 'unbound-block',
      reason: `Unexpected ${unbound - MAX_UNBOUND_REPORTS} more tables that no type references, expected none`,
    });
  }
  applyWireNames(walk);
  checkObjectSamples(walk);
  const responseText =
    response && responseArgs.length > 0
      ? formatTypeRef({ kind: 'ref', name: response, args: responseArgs })
      : response;
  return responseText ? { ...walk, response: responseText } : walk;
}

function describeBlock(block: Block): string {
  if (block.kind === 'dto') return `first field \`${block.rows[0]?.name.text ?? ''}\``;
  if (block.kind === 'enum-list') return `first member \`${block.members[0]?.name.text ?? ''}\``;
  return `first member \`${block.rows[0]?.name.text ?? ''}\``;
}

function sampleBody(input: PageInput, sample: HttpSample | undefined): SampleBody | undefined {
  const body = sample?.body;
  if (!body) return undefined;
  return {
    format: body.format,
    text: body.text,
    value: sampleToValue(body.tree),
    source: sourceOf(input, body.position),
  };
}

/**
 * Infer one page's operation and types.
 *
 * @param file
 *   The page's vfile (diagnostics go there).
 * @param page
 *   The page's blocks from the parse stage.
 * @param config
 *   The resolved config (names the page cannot carry).
 */
export function inferPage(file: VFile, page: PageBlocks, config: DtoforgeConfig): PageModel {
  const input: PageInput = {
    file,
    page,
    config,
    aliases: new Map(),
    bases: new Map(),
    headed: new Map(),
    fields: new Map(),
    typeCells: new WeakMap(),
    pending: [],
  };
  for (const [name, text] of Object.entries(config.types)) {
    const parsed = parseTypeExpression(text);
    if (parsed.ok && parsed.type.kind === 'dictionary') input.aliases.set(name, parsed.type);
  }
  for (const [name, text] of Object.entries(config.bases)) {
    const parsed = parseTypeExpression(text);
    if (parsed.ok && parsed.type.kind === 'ref') input.bases.set(name, parsed.type);
  }
  page.blocks.forEach((block, index) => {
    if (block.heading) {
      if (!IDENTIFIER.test(block.heading.name.replace(/<.*>$/, ''))) {
        input.pending.push({
          rule: 'bad-identifier',
          reason: `Unexpected heading \`${block.heading.name}\`, expected a type name`,
          place: block.heading.position,
        });
      } else if (input.headed.has(block.heading.name)) {
        input.pending.push({
          rule: 'name-conflict',
          reason: `Unexpected second table headed \`${block.heading.name}\`, expected each type once`,
          place: block.heading.position,
        });
      } else {
        input.headed.set(block.heading.name, index);
      }
    }
    if (block.kind === 'dto') input.fields.set(index, readFields(input, block));
  });
  for (const pending of input.pending) report(file, pending.rule, pending.reason, pending.place);
  if (
    page.blocks.length === 0 &&
    !page.samples.request &&
    !page.samples.response &&
    page.header.routes.length === 0
  ) {
    report(
      file,
      'empty-page',
      'Unexpected page with no table, enum or sample, expected a ServiceStack metadata page',
    );
    return { types: [] };
  }
  const names = nameOperation(input);
  if (names.guessedRequest) {
    report(
      file,
      'guessed-name',
      `Unexpected page with no request name (no config entry, no \`/json/reply/X\` sample path, file name not a type name), named it \`${names.request}\` from its route; expected a config entry \`"operations": { "${fileStem(page.file)}": { "request": "…" } }\``,
      page.header.routes[0]?.position ?? page.blocks[0]?.position,
    );
  }
  // Try the page with and without a request table; the one that disagrees least wins.
  const first = page.blocks[0];
  const headedRequest = first?.heading !== undefined && first.heading.name !== names.request;
  const candidates = [align(input, names, !headedRequest)];
  if (!headedRequest && first) candidates.push(align(input, names, false));
  let best = candidates[0]!;
  for (const candidate of candidates) if (candidate.cost < best.cost) best = candidate;
  for (const pending of best.pending) report(file, pending.rule, pending.reason, pending.place);

  const blockOrder = [...best.used.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
  const types: ModelType[] = [];
  const placed = new Set<string>();
  const place = (type: ModelType | undefined): void => {
    if (type && !placed.has(type.name)) {
      placed.add(type.name);
      types.push(type);
    }
  };
  place(best.types.get(names.request));
  for (const name of blockOrder) place(best.types.get(name));
  for (const type of best.types.values()) place(type);
  for (const type of best.dictionaries.values()) place(type);
  for (const type of best.builtins.values()) place(type);

  const routes: Route[] = page.header.routes.map((route) => ({
    verbs: route.verbs.text
      .split(/\s*,\s*/)
      .map((verb) => (/^all verbs$/i.test(verb) ? 'ANY' : verb.toUpperCase())),
    path: route.path.text,
    source: sourceOf(input, route.position),
  }));
  const requestSample = sampleBody(input, page.samples.request);
  const responseSample = sampleBody(input, page.samples.response);
  const method = routes[0]?.verbs[0] ?? page.samples.request?.method ?? 'POST';
  const paths =
    routes.length > 0
      ? routes.map((route) => route.path)
      : page.samples.request?.path
        ? [page.samples.request.path]
        : [];
  const operation: Operation = {
    name: names.request,
    nameSource: names.requestSource,
    method,
    paths,
    routes,
    roles: page.header.roles?.names.map((cell) => cell.text) ?? [],
    request: names.request,
    ...(best.response ? { response: best.response } : {}),
    samples: {
      ...(requestSample ? { request: requestSample } : {}),
      ...(responseSample ? { response: responseSample } : {}),
    },
    source: sourceOf(
      input,
      page.header.roles?.position ?? page.header.routes[0]?.position ?? blockStart(best),
    ),
  };
  return { operation, types };
}
