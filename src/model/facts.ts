/**
 * Inference, step 1: the facts of one page, computed once before any hypothesis.
 *
 * Everything later steps weigh comes from here: per table its kind, fields (rows → fields, in
 * one place), Parameter values and heading; per sample its tree; the route's verbs and
 * placeholders; the names the page or the config gives the operation; the config's hints
 * (bases, aliases, field types). Facts hold no decision: which table is which type is for the
 * hypotheses (src/model/hypotheses.ts) to propose and the evidence (src/model/evidence.ts) to
 * weigh.
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
  Heading,
  HttpSample,
  PageBlocks,
  SampleNode,
} from '../parse/blocks.js';
import { builtinType, toCamelCase } from './builtins.js';
import type {
  EnumMember,
  EnumType,
  Field,
  ModelType,
  NameSource,
  Position,
  Source,
  TypeRef,
} from './model.js';
import { enumWireValues, isFlags } from './enums.js';
import { isParameterKind, PARAMETER_KINDS_TEXT } from './parameters.js';
import { parseTypeExpression, type RefNode } from './type-expression.js';

/** A sample object (a JSON object read from a sample body). */
export type SampleObject = Extract<SampleNode, { kind: 'object' }>;

/** What one table says. */
export interface TableFacts {
  /** The block's index on the page. */
  index: number;
  block: Block;
  /** `object` for DTO tables, `enum` for enum lists and `Name | Value` tables. */
  kind: 'object' | 'enum';
  heading: Heading | undefined;
  /** Object tables: the fields as the page writes them (Data Types parsed). */
  fields: Field[];
  /** Lower-case field names and wire names (objects); lower-case wire values (enums). */
  keys: Set<string>;
  /**
   * Rows whose Parameter is `body`, `query`, `path` or `header`: ServiceStack writes those
   * only in the request DTO's own table (every other table says `form`).
   */
  requestRows: number;
  /** Enums: members, value kind and flags, named later. */
  enumShape: Omit<EnumType, 'name' | 'nameSource'> | undefined;
  /**
   * The fields a walk must visit, in order: those whose Data Type names a type, `array`
   * fields, and fields the config gives a type (the others reference nothing).
   */
  walkable: Field[];
  position: Position;
}

/** What the page and the config say about the operation's names. */
export interface OperationNames {
  request: string;
  requestSource: NameSource;
  /** The configured response: a type expression (`EndpointInfo`, `QueryResponse<Customer>`). */
  response?: string;
  /** Set when nothing names the request and a name was derived from the route. */
  guessedRequest?: string;
  /**
   * The key of the page's `operations` config entry in hints: the request's name, or the file
   * name when the request's name is derived (so a hint stays right once the name is configured).
   */
  configKey: string;
}

/** Everything inference knows about one page before it decides anything. */
export interface PageFacts {
  file: VFile;
  page: PageBlocks;
  config: DtoforgeConfig;
  tables: TableFacts[];
  /** Tables the page kept a heading for, by the heading's name (without generic arguments). */
  headed: Map<string, number>;
  /** The Data Type cell of each field, where type problems are reported. */
  typeCells: Map<Field, Position>;
  /** Fields whose Data Type is the Swagger word `array`: a list whose element type is unknown. */
  openArrays: Set<Field>;
  /** The route's `{placeholders}`, lower-case, from every route. */
  placeholders: Set<string>;
  /** The first route's verbs (`GET`), or the sample request's method. */
  verbs: string[];
  requestSample: SampleNode | undefined;
  responseSample: SampleNode | undefined;
  names: OperationNames;
  /** Config `types`: alias name → the type it stands for. */
  aliases: Map<string, TypeRef>;
  /** Config `bases`: subclass → base (`null`: it has none). */
  bases: Map<string, RefNode | null>;
  /** Config `fields`: `Type.Field` → the Data Type the page should have said. */
  fieldTypes: Map<string, TypeRef>;
  /** Every type name the page's Data Type cells write (names the page can know). */
  referenced: Set<string>;
  /** What the pages of this run share. */
  context: InferContext;
  /**
   * The sample objects at most {@link TELLING_DEPTH} objects deep (the body is 0). ServiceStack
   * fills sample objects only so deep: a field left out of a deeper object says nothing about
   * its type.
   */
  shallowSamples: Set<SampleNode>;
}

/** Sample objects deeper than this may leave fields out because they are deep. */
export const TELLING_DEPTH = 3;

/** Swagger words that ServiceStack's `[ApiMember(DataType = …)]` puts in the Data Type cell. */
const SWAGGER_WORDS: ReadonlyMap<string, TypeRef> = new Map<string, TypeRef>([
  ['integer', { kind: 'primitive', name: 'int' }],
  ['int32', { kind: 'primitive', name: 'int' }],
  ['int64', { kind: 'primitive', name: 'long' }],
  ['boolean', { kind: 'primitive', name: 'bool' }],
  ['number', { kind: 'primitive', name: 'double' }],
  ['date-time', { kind: 'primitive', name: 'DateTime' }],
  ['date', { kind: 'primitive', name: 'DateTime' }],
  ['file', { kind: 'primitive', name: 'object' }],
]);

const TYPE_NAME = /^[A-Z][A-Za-z0-9_]*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function sourceOf(page: PageBlocks, position: Position): Source {
  return { file: page.file, position };
}

/**
 * Read a Data Type cell: a .NET type expression, or a Swagger word (`integer`, `boolean`,
 * `number`, `array`) that an API's annotations wrote instead.
 */
export function readDataType(text: string, cache?: Map<string, DataType>): DataType {
  if (!cache) return parseDataType(text);
  // Data Type cells repeat (`string`, `List<string>`): each text is parsed once per run. The
  // trees are shared, so nothing may change them.
  let read = cache.get(text);
  if (!read) {
    read = parseDataType(text);
    cache.set(text, read);
  }
  return read;
}

/** A Data Type cell read: its type (and whether it is the Swagger word `array`), or why not. */
export type DataType =
  { ok: true; type: TypeRef; openArray: boolean } | { ok: false; reason: string; offset: number };

/** What inference keeps across the pages of one run. */
export interface InferContext {
  /** Data Type cells read so far, by text. */
  dataTypes: Map<string, DataType>;
  /** Built-in types looked up so far, by name (`undefined`: not a built-in); never changed. */
  builtins: Map<string, ModelType | undefined>;
  /** Wire names ({@link toCamelCase}) of the field names met so far. */
  wireNames: Map<string, string>;
  /** What the config says, read once per config (every page of a run has the same). */
  hints?: ConfigHints;
}

/** The config's hints, parsed: shared by every page of a run, so never changed. */
export interface ConfigHints {
  config: DtoforgeConfig;
  aliases: Map<string, TypeRef>;
  bases: Map<string, RefNode | null>;
  fieldTypes: Map<string, TypeRef>;
  /** The field names (after `Type.`) that config `fields` gives a type. */
  configuredFields: Set<string>;
}

/** A new context for one run. */
export function createContext(): InferContext {
  return { dataTypes: new Map(), builtins: new Map(), wireNames: new Map() };
}

/** The config's hints, parsed once per run (per config object). */
function configHints(context: InferContext, config: DtoforgeConfig): ConfigHints {
  if (context.hints?.config === config) return context.hints;
  const hints: ConfigHints = {
    config,
    aliases: new Map(),
    bases: new Map(),
    fieldTypes: new Map(),
    configuredFields: new Set(),
  };
  for (const [name, text] of Object.entries(config.types)) {
    const parsed = parseTypeExpression(text);
    if (parsed.ok) hints.aliases.set(name, parsed.type);
  }
  for (const [name, text] of Object.entries(config.bases)) {
    if (text === null) {
      hints.bases.set(name, null);
      continue;
    }
    const parsed = parseTypeExpression(text);
    if (parsed.ok && parsed.type.kind === 'ref') hints.bases.set(name, parsed.type);
  }
  for (const [key, text] of Object.entries(config.fields)) {
    const parsed = readDataType(text);
    if (parsed.ok) hints.fieldTypes.set(key, parsed.type);
    hints.configuredFields.add(key.slice(key.indexOf('.') + 1));
  }
  context.hints = hints;
  return hints;
}

/** A field name's wire name, computed once per run. */
function wireNameOf(context: InferContext, name: string): string {
  let wire = context.wireNames.get(name);
  if (wire === undefined) {
    wire = toCamelCase(name);
    context.wireNames.set(name, wire);
  }
  return wire;
}

/** The built-in type of that name, looked up once per run (shared: never change it). */
export function lookupBuiltin(context: InferContext, name: string): ModelType | undefined {
  if (context.builtins.has(name)) return context.builtins.get(name);
  const type = builtinType(name);
  context.builtins.set(name, type);
  return type;
}

function parseDataType(text: string): DataType {
  const word = text.trim();
  const swagger = SWAGGER_WORDS.get(word);
  if (swagger) return { ok: true, type: swagger, openArray: false };
  if (word === 'array') {
    return {
      ok: true,
      type: { kind: 'list', items: { kind: 'primitive', name: 'object' } },
      openArray: true,
    };
  }
  const parsed = parseTypeExpression(text);
  return parsed.ok ? { ok: true, type: parsed.type, openArray: false } : parsed;
}

/** Pending diagnostics from reading the rows (reported once, whatever reading wins). */
type Report = (rule: RuleId, reason: string, place: Position) => void;

/**
 * Rows → fields, the one place a DTO table's rows become {@link Field}s: Data Types parsed,
 * Parameter and Required checked, duplicates dropped, allowable values kept.
 */
function readFields(
  facts: Pick<PageFacts, 'page' | 'typeCells' | 'openArrays'>,
  block: DtoTable,
  problem: Report,
  context: InferContext,
): Field[] {
  const fields: Field[] = [];
  const seen = new Set<string>();
  for (const row of block.rows) {
    const name = row.name.text;
    if (name === '') {
      problem(
        'malformed-row',
        'Unexpected empty Name cell, expected a property name',
        row.name.position,
      );
      continue;
    }
    const lower = name.toLowerCase();
    if (seen.has(lower)) {
      problem(
        'duplicate-field',
        `Unexpected second field \`${name}\`, expected each field once`,
        row.name.position,
      );
      continue;
    }
    seen.add(lower);
    const parameter = row.in.text.toLowerCase();
    const known = isParameterKind(parameter);
    if (!known) {
      problem(
        'bad-parameter',
        `Unexpected Parameter \`${row.in.text}\`, expected ${PARAMETER_KINDS_TEXT}`,
        row.in.position,
      );
    }
    const required = row.required.text.toLowerCase();
    if (required !== 'yes' && required !== 'no') {
      problem(
        'bad-required',
        `Unexpected Required \`${row.required.text}\`, expected Yes or No`,
        row.required.position,
      );
    }
    const read = readDataType(row.type.text, context.dataTypes);
    let type: TypeRef = { kind: 'primitive', name: 'object' };
    if (read.ok) {
      type = read.type;
    } else {
      const start = row.type.position.start;
      problem('malformed-type', read.reason, {
        start: {
          line: start.line,
          column: start.column + read.offset,
          ...(start.offset === undefined ? {} : { offset: start.offset + read.offset }),
        },
        end: row.type.position.end,
      });
    }
    const allowable = row.allowableValues?.map((cell) => cell.text).filter((t) => t !== '');
    // Note: two literals, not a spread of an optional part (five times slower, for every row).
    const wireName = wireNameOf(context, name);
    const typeText = row.type.text;
    const isRequired = required === 'yes';
    const where = known ? parameter : 'body';
    const description = row.description.text;
    const source = sourceOf(facts.page, row.position);
    const field: Field =
      allowable && allowable.length > 0
        ? {
            name,
            wireName,
            typeText,
            type,
            required: isRequired,
            in: where,
            description,
            allowableValues: allowable,
            source,
          }
        : { name, wireName, typeText, type, required: isRequired, in: where, description, source };
    facts.typeCells.set(field, row.type.position);
    if (read.ok && read.openArray) facts.openArrays.add(field);
    fields.push(field);
  }
  return fields;
}

/**
 * Enum building, the one place: members from a member list (`Member | |`, with descriptions)
 * or a `Name | Value |` table (int or string values, [Flags] detected). Duplicates are
 * reported through `problem` and dropped.
 */
function readEnum(
  page: PageBlocks,
  block: EnumList | EnumTable,
  problem: Report,
): Omit<EnumType, 'name' | 'nameSource'> {
  const members: EnumMember[] = [];
  const seen = new Set<string>();
  const add = (member: EnumMember, cell: Cell): void => {
    if (seen.has(member.name)) {
      problem(
        'duplicate-member',
        `Unexpected second member \`${member.name}\`, expected each member once`,
        cell.position,
      );
      return;
    }
    seen.add(member.name);
    members.push(member);
  };
  if (block.kind === 'enum-list') {
    for (const member of block.members) {
      const source = sourceOf(page, member.name.position);
      const name = member.name.text;
      add(
        member.description
          ? { name, description: member.description.text, source }
          : { name, source },
        member.name,
      );
    }
    return {
      kind: 'enum',
      valueKind: 'none',
      flags: false,
      members,
      source: sourceOf(page, block.position),
    };
  }
  const integers = block.rows.every((row) => /^-?\d+$/.test(row.value.text));
  for (const row of block.rows) {
    const name = row.name.text;
    const value = integers ? Number(row.value.text) : row.value.text;
    const source = sourceOf(page, row.position);
    add(
      row.label ? { name, value, label: row.label.text, source } : { name, value, source },
      row.name,
    );
  }
  const flags = integers && isFlags(members.map((member) => Number(member.value)));
  return {
    kind: 'enum',
    valueKind: integers ? 'int' : 'string',
    flags,
    members,
    source: sourceOf(page, block.position),
  };
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

/** The config entry for an operation, by the first key that has one. */
function operationConfig(
  config: DtoforgeConfig,
  keys: readonly string[],
): { request?: string; response?: string } {
  for (const key of keys) {
    const entry = config.operations[key];
    if (entry) return entry;
  }
  return {};
}

/**
 * The operation's names: config `operations.<file stem>.request`, the sample path
 * (`/json/reply/X`), the file name when it is a type name, the first table's heading, else a
 * name derived from the route. The response only ever comes from the config (or later, from a
 * heading or a derived name).
 */
function nameOperation(page: PageBlocks, config: DtoforgeConfig): OperationNames {
  const stem = fileStem(page.file);
  const samplePath = page.samples.request?.path ?? '';
  const reply = /^\/(?:json|jsv|xml|csv)\/(?:reply|oneway)\/([A-Za-z_][A-Za-z0-9_]*)/.exec(
    samplePath,
  );
  const fromFile = TYPE_NAME.test(stem) ? stem : undefined;
  const fromSample = reply?.[1];
  const byKey = operationConfig(config, [
    stem,
    ...(fromSample ? [fromSample] : []),
    ...(fromFile ? [fromFile] : []),
  ]);
  let request: string;
  let requestSource: NameSource;
  let guessed: string | undefined;
  const firstHeading = page.blocks[0]?.heading?.name;
  if (byKey.request) {
    request = byKey.request;
    requestSource = 'config';
  } else if (fromSample) {
    request = fromSample;
    requestSource = 'sample-path';
  } else if (fromFile) {
    request = fromFile;
    requestSource = 'file';
  } else if (firstHeading && IDENTIFIER.test(firstHeading)) {
    request = firstHeading;
    requestSource = 'heading';
  } else {
    const route = page.header.routes[0];
    const verb =
      route?.verbs.text.split(/[\s,]+/)[0] ?? page.samples.request?.method ?? 'Operation';
    request = nameFromRoute(verb === 'All' ? 'Any' : verb, route?.path.text ?? samplePath);
    requestSource = 'derived';
    guessed = request;
  }
  const response = operationConfig(config, [request, stem]).response ?? byKey.response;
  return {
    request,
    requestSource,
    configKey: requestSource === 'derived' ? stem : request,
    ...(response ? { response } : {}),
    ...(guessed ? { guessedRequest: guessed } : {}),
  };
}

function sampleTree(sample: HttpSample | undefined): SampleNode | undefined {
  return sample?.body?.tree;
}

/** The `{placeholders}` of a route path, lower-case (`{Id*}` and `{Path*}` too). */
function placeholdersOf(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\*?\}/g)].map((m) =>
    (m[1] ?? '').toLowerCase(),
  );
}

/**
 * Compute a page's facts. Row problems (bad cells, malformed types, duplicates) and config
 * hints that do not parse are reported on `file` here, once.
 */
export function readFacts(
  file: VFile,
  page: PageBlocks,
  config: DtoforgeConfig,
  context: InferContext = createContext(),
): PageFacts {
  const problem: Report = (rule, reason, place) => report(file, rule, reason, place);
  const hints = configHints(context, config);
  const configuredFields = hints.configuredFields;
  const facts: PageFacts = {
    file,
    page,
    config,
    tables: [],
    headed: new Map(),
    typeCells: new Map(),
    openArrays: new Set(),
    placeholders: new Set(),
    verbs: [],
    names: nameOperation(page, config),
    aliases: hints.aliases,
    bases: hints.bases,
    fieldTypes: hints.fieldTypes,
    referenced: new Set(),
    context,
    shallowSamples: new Set(),
    requestSample: sampleTree(page.samples.request),
    responseSample: sampleTree(page.samples.response),
  };
  page.blocks.forEach((block, index) => {
    const heading = block.heading;
    if (heading) {
      const bare = heading.name.replace(/<.*>$/, '');
      if (!IDENTIFIER.test(bare)) {
        problem(
          'bad-identifier',
          `Unexpected heading \`${heading.name}\`, expected a type name`,
          heading.position,
        );
      } else if (facts.headed.has(bare)) {
        problem(
          'name-conflict',
          `Unexpected second table headed \`${heading.name}\`, expected each type once`,
          heading.position,
        );
      } else {
        facts.headed.set(bare, index);
      }
    }
    const table: TableFacts = {
      index,
      block,
      kind: block.kind === 'dto' ? 'object' : 'enum',
      heading,
      fields: [],
      keys: new Set(),
      requestRows: 0,
      walkable: [],
      enumShape: undefined,
      position: block.position,
    };
    if (block.kind === 'dto') {
      table.fields = readFields(facts, block, problem, context);
      for (const field of table.fields) {
        table.keys.add(field.name.toLowerCase());
        table.keys.add(field.wireName.toLowerCase());
        if (field.in !== 'form') table.requestRows++;
        const names = collectNames(field.type, facts.referenced);
        if (names || facts.openArrays.has(field) || configuredFields.has(field.name)) {
          table.walkable.push(field);
        }
      }
    } else {
      table.enumShape = readEnum(page, block, problem);
      for (const value of enumWireValues(table.enumShape))
        table.keys.add(String(value).toLowerCase());
    }
    facts.tables.push(table);
  });
  for (const route of page.header.routes) {
    for (const name of placeholdersOf(route.path.text)) facts.placeholders.add(name);
  }
  const firstRoute = page.header.routes[0];
  facts.verbs = firstRoute
    ? firstRoute.verbs.text.split(/\s*,\s*/).map((verb) => verb.toUpperCase())
    : page.samples.request?.method
      ? [page.samples.request.method.toUpperCase()]
      : [];
  for (const tree of [facts.requestSample, facts.responseSample])
    if (tree) shallowObjects(tree, facts.shallowSamples);
  return facts;
}

/**
 * Collect the objects of a sample tree at most {@link TELLING_DEPTH} objects deep (iteratively:
 * arrays may nest deep; the walk stops below that depth).
 */
function shallowObjects(root: SampleNode, into: Set<SampleNode>): void {
  const nodes: SampleNode[] = [root];
  const levels: number[] = [0];
  for (let node = nodes.pop(); node; node = nodes.pop()) {
    const level = levels.pop()!;
    if (node.kind === 'object') {
      into.add(node);
      if (level === TELLING_DEPTH) continue;
      for (const entry of node.entries) {
        nodes.push(entry.value);
        levels.push(level + 1);
      }
    } else if (node.kind === 'array') {
      for (const child of node.items) {
        nodes.push(child);
        levels.push(level);
      }
    }
  }
}

/** Add the names a type expression refers to; whether it refers to any. */
function collectNames(type: TypeRef, into: Set<string>): boolean {
  switch (type.kind) {
    case 'nullable':
      return collectNames(type.type, into);
    case 'list':
      return collectNames(type.items, into);
    case 'dictionary':
    case 'keyValuePair': {
      const key = collectNames(type.key, into);
      return collectNames(type.value, into) || key;
    }
    case 'ref':
      into.add(type.name);
      for (const arg of type.args) collectNames(arg, into);
      return true;
    default:
      return false;
  }
}
