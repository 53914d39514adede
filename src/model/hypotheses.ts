/**
 * Inference, step 2: hypotheses. A hypothesis is one reading of the page: which table is which
 * type. It is produced by replaying how ServiceStack orders a metadata page, with every choice
 * the page does not settle made explicit and tried.
 *
 * ServiceStack lists the request type, then (depth-first) the types it references, then the
 * response type and the types it references (`GetMetadataTypesForOperation`,
 * `AddReferencedTypes`): for each type, first its base class (and the base's own references),
 * then the generic arguments of its base, then the type of each property in order (and each
 * generic argument of the property's type). A type is listed once; a type with no properties of
 * its own gets no table (its base may); an enum is a member list or a `Name | Value` table.
 *
 * The decision points, each a fork of the walk:
 *
 * - the request: its own table, or none (no properties of its own, or all inherited);
 * - a referenced type: the next table, no table (no properties of its own, a type the page
 *   does not list), a dictionary or list subclass whose element type takes the next table, or
 *   the same type as an unnamed one met before (an `array` field's element);
 * - after an object's table: 0, 1 or more base-class tables;
 * - the generic arguments of a configured generic base: walked right after the base (current
 *   ServiceStack) or not (older versions);
 * - an `array` field (a Swagger word: the element type is not written): the next table, or
 *   scalars;
 * - the response: the next table, or none (void, or a response with no properties).
 *
 * The walk is a small state machine over immutable states (persistent maps and lists), so a
 * fork costs O(log n); the search keeps the best {@link BEAM_WIDTH} states per number of tables taken,
 * so a page's cost grows linearly with its tables.
 */
import { Map as IMap } from 'immutable';
import type { SampleNode } from '../parse/blocks.js';
import {
  sampleIndex,
  baseTerms,
  dictionaryTerms,
  fieldsAbsentTerms,
  genericTerms,
  enumValueTerms,
  lead,
  objectsOf,
  parameterTerms,
  sampleKeyTerms,
  sampleKindTerms,
  term,
  type Term,
} from './evidence.js';
import { lookupBuiltin, type PageFacts, type SampleObject, type TableFacts } from './facts.js';
import type { Field, NameSource, Position, TypeRef } from './model.js';
import { formatTypeRef, parseTypeExpression, type RefNode } from './type-expression.js';

/** How many hypotheses the search keeps per table position. */
export const BEAM_WIDTH = 3;
/**
 * How many rounds one table position may take: readings that decide without taking a table
 * (no base, no table of its own) stay at the position for the next round.
 */
const ROUNDS_PER_POSITION = 32;

/**
 * How far below the readings that already took the table a reading that has not may be and
 * still go on (the evidence still to come for it may make up for that much).
 */
const CATCH_UP = 3;

/**
 * How many types with no table, whose samples show no properties, a reading pays for: a page
 * that lists none of the many types its fields use (an API whose types live elsewhere) says it
 * a few times, not once per field; else leaving every table unbound would cost less than 150
 * such fields. (A type whose sample shows properties pays each time.)
 */
const NO_TABLE_COUNTED = 5;

/** .NET types that never get a table and carry no JSON shape a page could show. */
const OPAQUE_BUILTINS = new Set([
  'Stream',
  'MemoryStream',
  'FileStream',
  'IFormFile',
  'IHttpFile',
  'HttpWebResponse',
  'Type',
  'JsonObject',
  'JsonElement',
  'JsonNode',
  'JsonDocument',
  'JObject',
  'JToken',
  'IReturn',
  'IReturnVoid',
]);

/** An immutable singly linked list (a stack): pushing shares the tail. */
export interface Cons<T> {
  readonly head: T;
  readonly tail: Cons<T> | undefined;
}

function cons<T>(head: T, tail: Cons<T> | undefined): Cons<T> {
  return { head, tail };
}

/** The items of a list, head first. */
export function toArray<T>(list: Cons<T> | undefined): T[] {
  const items: T[] = [];
  for (let node = list; node; node = node.tail) items.push(node.head);
  return items;
}

/** A choice made at a decision point, for `--explain` and for `ambiguous-binding`. */
export interface Decision {
  /** What was decided, e.g. `base of EndpointInfo`. */
  point: string;
  /** The option taken, e.g. `table at line 89 (EntityInfo)`. */
  choice: string;
  place?: Position | undefined;
  /** The config entry that settles this point. */
  settle: string;
}

/** Why a field reaches a type: its owner and the field (for element names and config keys). */
interface FieldRef {
  owner: string;
  field: Field;
}

export type Role = 'request' | 'response' | 'base' | 'element' | 'value' | 'field';

/** What a type name is bound to in a hypothesis. */
export type Binding =
  | {
      kind: 'object';
      name: string;
      nameSource: NameSource;
      /** Its table; none when it has no properties of its own. */
      block?: number | undefined;
      /** The generic arguments it was first referenced with (its fields substitute them). */
      args: TypeRef[];
      base?: RefNode | undefined;
      role: Role;
      /** Where a derived name comes from (for the `guessed-name` message). */
      derived?: string | undefined;
      /** Set for a table-less type read as an opaque value (typed from its samples). */
      opaque?: 'no-table' | 'cut' | 'known' | undefined;
      via?: Position | undefined;
      /** For an `array` field's element type: the field (`Owner.Field`). */
      elementOf?: string | undefined;
    }
  | {
      kind: 'enum';
      name: string;
      nameSource: NameSource;
      block: number;
      role: Role;
      derived?: string | undefined;
      elementOf?: string | undefined;
    }
  | {
      kind: 'alias';
      name: string;
      nameSource: NameSource;
      type: TypeRef;
      /** `dictionary` / `list`: a collection subclass inferred from the page. */
      inferred?: 'dictionary' | 'list' | undefined;
      via: Position;
      derived?: string | undefined;
    }
  | { kind: 'builtin'; name: string }
  | { kind: 'same'; name: string; as: string };

/** Sample nodes met for a type (wire names and sample checks are taken from them later). */
export interface Seen {
  name: string;
  nodes: readonly SampleNode[];
}

type Work =
  | {
      kind: 'type';
      type: TypeRef;
      samples: readonly SampleNode[];
      via: Position;
      role: Role;
      from?: FieldRef | undefined;
      /** The owner's samples show its other fields but leave this one out. */
      absent?: boolean | undefined;
    }
  | { kind: 'bases'; name: string; samples: readonly SampleObject[] }
  | { kind: 'walk'; name: string; samples: readonly SampleObject[] }
  | { kind: 'argument'; name: string; owner: string }
  | { kind: 'request-done' }
  | { kind: 'response' };

/**
 * A `type` work item. Note: bindings and work items are made by these functions only, so that
 * each kind has one shape (absent parts undefined): the walk's hot functions then see few.
 */
function typeWork(
  type: TypeRef,
  samples: readonly SampleNode[],
  via: Position,
  role: Role,
  from?: FieldRef,
  absent?: boolean,
): Work {
  return { kind: 'type', type, samples, via, role, from, absent };
}

type ObjectBinding = Extract<Binding, { kind: 'object' }>;
type EnumBinding = Extract<Binding, { kind: 'enum' }>;
type AliasBinding = Extract<Binding, { kind: 'alias' }>;

/** An object binding (see {@link typeWork}). */
function objectBinding(parts: Omit<ObjectBinding, 'kind'>): ObjectBinding {
  return {
    kind: 'object',
    name: parts.name,
    nameSource: parts.nameSource,
    block: parts.block,
    args: parts.args,
    base: parts.base,
    role: parts.role,
    derived: parts.derived,
    opaque: parts.opaque,
    via: parts.via,
    elementOf: parts.elementOf,
  };
}

/** An enum binding (see {@link typeWork}). */
function enumBinding(parts: Omit<EnumBinding, 'kind'>): EnumBinding {
  return {
    kind: 'enum',
    name: parts.name,
    nameSource: parts.nameSource,
    block: parts.block,
    role: parts.role,
    derived: parts.derived,
    elementOf: parts.elementOf,
  };
}

/** An alias binding (see {@link typeWork}). */
function aliasBinding(parts: Omit<AliasBinding, 'kind'>): AliasBinding {
  return {
    kind: 'alias',
    name: parts.name,
    nameSource: parts.nameSource,
    type: parts.type,
    inferred: parts.inferred,
    via: parts.via,
    derived: parts.derived,
  };
}

/** One hypothesis, possibly unfinished. Every field is immutable and shared with its forks. */
/**
 * Its fields change in place while one walk owns it; forks {@link clone} it first. The lists
 * and maps are persistent and shared with the forks.
 */
export interface State {
  id: number;
  /** The first table (in page order) that no type has taken yet. */
  cursor: number;
  agenda: Cons<Work> | undefined;
  bound: IMap<string, Binding>;
  /** Table index → the name of the type that took it. */
  owners: Cons<readonly [index: number, name: string]> | undefined;
  /** Tables past the cursor taken out of order (by a heading), usually none. */
  ahead: Cons<number> | undefined;
  /**
   * How many tables are taken: the search compares states that took as many (on a page whose
   * headings name its tables, most are taken out of order and the cursor says little).
   */
  taken: number;
  score: number;
  /** The weight of the strongest term against the reading so far (0 when none). */
  worst: number;
  /** How many referenced types got no table on a page that shows all its tables. */
  tableless: number;
  /** Keep the terms (for `--explain`); otherwise only their sum is kept. */
  keepTerms: boolean;
  terms: Cons<Term> | undefined;
  decisions: Cons<() => Decision> | undefined;
  seen: Cons<Seen> | undefined;
  /** Element and value types with derived names that a later named reference may claim. */
  provisional: Cons<string> | undefined;
  /** The response type, as text (`EndpointInfo`, `QueryResponse<Poco>`), once known. */
  response: string | undefined;
}

let nextId = 0;

/**
 * Change a state in place. States are changed only by the walk that owns them: every option
 * of a fork starts from its own {@link clone}.
 */
function with_(state: State, patch: Partial<Omit<State, 'id'>>): State {
  return Object.assign(state, patch);
}

/** A copy to change for one option of a fork (the persistent parts are shared). */
function clone(state: State): State {
  // Field by field, in one order: every state has the same shape, which keeps this fast.
  return {
    id: nextId++,
    cursor: state.cursor,
    agenda: state.agenda,
    bound: state.bound,
    owners: state.owners,
    ahead: state.ahead,
    taken: state.taken,
    score: state.score,
    worst: state.worst,
    tableless: state.tableless,
    keepTerms: state.keepTerms,
    terms: state.terms,
    decisions: state.decisions,
    seen: state.seen,
    provisional: state.provisional,
    response: state.response,
  };
}

function addTerms(state: State, terms: readonly Term[]): State {
  if (terms.length === 0) return state;
  let list = state.terms;
  let score = state.score;
  let worst = state.worst;
  for (const t of terms) {
    if (state.keepTerms) list = cons(t, list);
    score += t.weight;
    if (t.weight < worst) worst = t.weight;
  }
  state.terms = list;
  state.score = score;
  state.worst = worst;
  return state;
}

/** Record a decision; its words are made only when read (`--explain`, ambiguity). */
function decide(state: State, decision: () => Decision): State {
  state.decisions = cons(decision, state.decisions);
  return state;
}

function push(state: State, ...works: Work[]): State {
  // The first work given runs first.
  let agenda = state.agenda;
  for (let i = works.length - 1; i >= 0; i--) agenda = cons(works[i]!, agenda);
  state.agenda = agenda;
  return state;
}

function see(state: State, name: string, nodes: readonly SampleNode[]): State {
  if (nodes.length === 0) return state;
  state.seen = cons({ name, nodes }, state.seen);
  return state;
}

/** The first table in page order that no type has taken, from the cursor on. */
function nextTable(facts: PageFacts, state: State): TableFacts | undefined {
  let index = state.cursor;
  while (index < facts.tables.length && isTaken(state, index)) index++;
  return facts.tables[index];
}

function take(facts: PageFacts, state: State, index: number, name: string): State {
  state.owners = cons([index, name] as const, state.owners);
  state.taken++;
  if (index === state.cursor) {
    let cursor = index + 1;
    while (cursor < facts.tables.length && contains(state.ahead, cursor)) cursor++;
    state.cursor = cursor;
  } else if (index > state.cursor) {
    state.ahead = cons(index, state.ahead);
  }
  return state;
}

function contains(list: Cons<number> | undefined, value: number): boolean {
  for (let node = list; node; node = node.tail) if (node.head === value) return true;
  return false;
}

/** Whether a table is taken: everything before the cursor is, and the few taken ahead of it. */
export function isTaken(state: State, index: number): boolean {
  return index < state.cursor || contains(state.ahead, index);
}

/** The tables taken and by whom, in page order. */
export function takenTables(state: State): (readonly [index: number, name: string])[] {
  return toArray(state.owners).sort((a, b) => a[0] - b[0]);
}

function bind(state: State, binding: Binding): State {
  state.bound = state.bound.set(binding.name, binding);
  return state;
}

function line(table: TableFacts): number {
  return table.position.start.line;
}

function describe(table: TableFacts): string {
  const first = table.kind === 'object' ? table.fields[0]?.name : table.enumShape?.members[0]?.name;
  return `${table.kind === 'object' ? 'table' : 'enum'} at line ${line(table)}${first ? ` (\`${first}\`…)` : ''}`;
}

/** The samples of one property across several sample objects (by wire name or name). */
export function propertySamples(nodes: readonly SampleNode[], field: Field): SampleNode[] {
  const result: SampleNode[] = [];
  if (nodes.length === 0) return result;
  const wire = field.wireName.toLowerCase();
  const name = field.name.toLowerCase();
  for (const node of nodes) {
    if (node.kind !== 'object') continue;
    const index = sampleIndex(node);
    const value = index.get(wire) ?? index.get(name);
    if (value) result.push(value);
  }
  return result;
}

/** The keys (lower-case names and wire names) of a bound object and of its bound bases. */
function chainKeys(facts: PageFacts, state: State, name: string): ReadonlySet<string> {
  // Most types have one table in their chain: its own keys serve (nobody changes them).
  const tables: ReadonlySet<string>[] = [];
  const visited: string[] = [];
  for (let current: string | undefined = name; current && !visited.includes(current);) {
    visited.push(current);
    const binding: Binding | undefined = state.bound.get(current);
    if (!binding || binding.kind !== 'object') break;
    const keys = binding.block === undefined ? undefined : facts.tables[binding.block]?.keys;
    if (keys) tables.push(keys);
    current = binding.base?.name;
  }
  if (tables.length === 1) return tables[0]!;
  const keys = new Set<string>();
  for (const table of tables) for (const key of table) keys.add(key);
  return keys;
}

/** A fresh name: `base` or, when taken, `base2`, `base3`… */
function freshName(state: State, base: string): string {
  if (!state.bound.has(base)) return base;
  for (let n = 2; ; n++) if (!state.bound.has(`${base}${n}`)) return `${base}${n}`;
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (/(?:ch|sh|x|ses)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Where the page is cut, or undefined when it shows all its tables. */
function pageCut(facts: PageFacts): boolean {
  return facts.page.end.kind !== 'complete';
}

/**
 * The first state: the request, then the check of its route placeholders, then the response.
 */
export function initialState(facts: PageFacts, keepTerms = false): State {
  const via = facts.tables[0]?.position ?? facts.page.end.position;
  const state: State = {
    id: nextId++,
    cursor: 0,
    agenda: undefined,
    bound: IMap(),
    owners: undefined,
    ahead: undefined,
    taken: 0,
    score: 0,
    worst: 0,
    tableless: 0,
    keepTerms,
    terms: undefined,
    decisions: undefined,
    seen: undefined,
    provisional: undefined,
    response: undefined,
  };
  const requestSamples = facts.requestSample ? [facts.requestSample] : [];
  return push(
    state,
    typeWork({ kind: 'ref', name: facts.names.request, args: [] }, requestSamples, via, 'request'),
    { kind: 'request-done' },
    { kind: 'response' },
  );
}

/** What one step of the walk produced. */
type Step =
  | { kind: 'continue'; state: State }
  | { kind: 'fork'; states: State[] }
  | { kind: 'done'; state: State };

/**
 * Run the walk until it forks or finishes.
 */
function advance(facts: PageFacts, start: State): Step {
  let state = start;
  for (;;) {
    const work = state.agenda?.head;
    if (!work) return { kind: 'done', state: finish(facts, state) };
    state.agenda = state.agenda?.tail;
    const step = perform(facts, state, work);
    if (step.kind !== 'continue') return step;
    state = step.state;
  }
}

function perform(facts: PageFacts, state: State, work: Work): Step {
  switch (work.kind) {
    case 'type':
      return walkType(facts, state, work);
    case 'bases':
      return decideBases(facts, state, work.name, work.samples);
    case 'walk':
      return walkFields(facts, state, work.name, work.samples);
    case 'argument':
      return bindArgument(facts, state, work.name, work.owner);
    case 'request-done':
      return { kind: 'continue', state: checkPlaceholders(facts, state) };
    case 'response':
      return decideResponse(facts, state);
  }
}

/** Walk a type expression: lists, dictionaries and nullables into their parts. */
function walkType(facts: PageFacts, state: State, work: Extract<Work, { kind: 'type' }>): Step {
  const { type, samples, via, from } = work;
  switch (type.kind) {
    case 'primitive':
    case 'typeParameter':
    case 'literals':
      return { kind: 'continue', state };
    case 'nullable':
      return {
        kind: 'continue',
        state: push(
          state,
          typeWork(
            type.type,
            samples.filter((n) => n.kind !== 'null'),
            via,
            work.role,
            from,
            work.absent,
          ),
        ),
      };
    case 'list': {
      const items = samples.flatMap((node) => (node.kind === 'array' ? node.items : []));
      if (from && facts.openArrays.has(from.field))
        return openArray(facts, state, from, items, via);
      return {
        kind: 'continue',
        state: push(state, typeWork(type.items, items, via, 'field', from, work.absent)),
      };
    }
    case 'dictionary':
    case 'keyValuePair': {
      const objects = objectsOf(samples);
      const values =
        type.kind === 'dictionary'
          ? objects.flatMap((node) => node.entries.map((entry) => entry.value))
          : objects.flatMap((node) =>
              node.entries.filter((e) => e.key.toLowerCase() === 'value').map((e) => e.value),
            );
      return {
        kind: 'continue',
        state: push(
          state,
          typeWork(type.key, [], via, 'field'),
          typeWork(type.value, values, via, 'field'),
        ),
      };
    }
    case 'ref':
      return resolveRef(facts, state, type, samples, via, work.role, from, work.absent === true);
  }
}

/**
 * An `array` field: a list whose element type the page does not write. Its elements are the
 * next table's type (named after the field) or scalars.
 */
function openArray(
  facts: PageFacts,
  state: State,
  from: FieldRef,
  items: readonly SampleNode[],
  via: Position,
): Step {
  const next = nextTable(facts, state);
  const point = (): string => `element type of \`${from.owner}.${from.field.name}\` (\`array\`)`;
  const settle = (): string => `"fields": { "${from.owner}.${from.field.name}": "List<…>" }`;
  const scalars = decide(see(clone(state), `${from.owner}.${from.field.name}[]`, items), () => ({
    point: point(),
    choice: 'scalars (no table)',
    place: via,
    settle: settle(),
  }));
  if (!next || next.heading) return { kind: 'fork', states: [scalars] };
  const name = freshName(
    state,
    singular(from.field.name.charAt(0).toUpperCase() + from.field.name.slice(1)),
  );
  let table = decide(clone(state), () => ({
    point: point(),
    choice: `${describe(next)} as \`${name}\``,
    place: next.position,
    settle: settle(),
  }));
  table = addTerms(table, [
    term(
      'guessed-name',
      () => `element type \`${name}\` of \`${from.owner}.${from.field.name}\``,
      next.position,
    ),
  ]);
  table = with_(table, { provisional: cons(name, table.provisional) });
  const bound = bindTable(
    facts,
    table,
    next,
    { kind: 'ref', name, args: [] },
    'derived',
    'element',
    items,
    `the element type of \`${from.owner}.${from.field.name}\``,
    `${from.owner}.${from.field.name}`,
  );
  // Scalars with sample objects, or a table with scalar samples, are penalised by the kinds.
  const scalarTerms =
    objectsOf(items).length > 0
      ? [
          term(
            'sample-kind',
            () =>
              `the samples of \`${from.owner}.${from.field.name}\` are objects, read as scalars`,
            via,
          ),
        ]
      : [];
  return { kind: 'fork', states: [bound, addTerms(scalars, scalarTerms)] };
}

/**
 * Bind a table to a type and queue what follows it: for an object, its bases (decided next)
 * and then its fields.
 */
function bindTable(
  facts: PageFacts,
  state: State,
  table: TableFacts,
  ref: RefNode,
  nameSource: NameSource,
  role: Role,
  samples: readonly SampleNode[],
  derived?: string,
  elementOf?: string,
): State {
  let next = take(facts, state, table.index, ref.name);
  next = addTerms(next, sampleKindTerms(ref.name, table.kind, samples));
  next = addTerms(next, parameterTerms(table, role === 'request' ? 'request' : 'other'));
  next = addTerms(
    next,
    genericTerms(
      ref.name,
      table,
      ref.args.map((arg) => formatTypeRef(arg)),
    ),
  );
  next = see(next, ref.name, samples);
  if (table.kind === 'enum') {
    next = bind(
      next,
      enumBinding({
        name: ref.name,
        nameSource,
        block: table.index,
        role,
        derived: derived || undefined,
        elementOf: elementOf || undefined,
      }),
    );
    return addTerms(next, enumValueTerms(ref.name, table, samples));
  }
  next = bind(
    next,
    objectBinding({
      name: ref.name,
      nameSource,
      block: table.index,
      args: ref.args,
      role,
      derived: derived || undefined,
      elementOf: elementOf || undefined,
    }),
  );
  return thenBasesAndFields(next, ref.name, samples);
}

/** After binding `name`: its base classes, then its fields, each seen in `samples`. */
function thenBasesAndFields(state: State, name: string, samples: readonly SampleNode[]): State {
  const objects = objectsOf(samples);
  return push(
    state,
    { kind: 'bases', name, samples: objects },
    { kind: 'walk', name, samples: objects },
  );
}

/** A type with no table of its own (no properties, or not listed): its base may have one. */
function bindEmpty(
  state: State,
  ref: RefNode,
  nameSource: NameSource,
  role: Role,
  samples: readonly SampleNode[],
  via: Position,
  opaque: 'no-table' | 'cut' | 'known' | undefined,
): State {
  let next = see(state, ref.name, samples);
  next = bind(
    next,
    objectBinding({ name: ref.name, nameSource, args: ref.args, role, opaque, via }),
  );
  // A .NET type (`Stream`) has no base on the page.
  if (opaque === 'known') return next;
  return thenBasesAndFields(next, ref.name, samples);
}

/** Resolve a named type: already bound, config, built-in, headed table, or a decision. */
function resolveRef(
  facts: PageFacts,
  state: State,
  ref: RefNode,
  samples: readonly SampleNode[],
  via: Position,
  role: Role,
  from: FieldRef | undefined,
  absent = false,
): Step {
  const { name } = ref;
  // The generic arguments are walked after the type and its fields (ServiceStack walks a
  // property's type, then its generic arguments): queued first, they run after what the
  // type queues on top of them.
  if (ref.args.length > 0) {
    state = push(state, ...ref.args.map((arg) => typeWork(arg, [], via, 'field')));
  }
  const existing = state.bound.get(name);
  if (existing) return { kind: 'continue', state: meet(facts, state, existing, samples) };

  const alias = facts.aliases.get(name);
  if (alias) {
    let next = bind(state, aliasBinding({ name, nameSource: 'config', type: alias, via }));
    next = push(next, typeWork(alias, samples, via, 'field'));
    return { kind: 'continue', state: next };
  }

  const headed = facts.headed.get(name);
  if (headed !== undefined && !isTaken(state, headed)) {
    const table = facts.tables[headed]!;
    return {
      kind: 'continue',
      state: bindTable(facts, state, table, ref, nameSource(facts, role, 'heading'), role, samples),
    };
  }

  const builtin = lookupBuiltin(facts.context, name);
  const next = nextTable(facts, state);
  const cut = pageCut(facts);
  const point = (): string => (role === 'request' ? `the request \`${name}\`` : `type \`${name}\``);
  const options: State[] = [];

  if (builtin) {
    // ServiceStack leaves its own types (ResponseStatus …) out of the page unless configured
    // to show them: a table for one has the built-in's fields.
    let plain = bind(see(clone(state), name, samples), { kind: 'builtin', name });
    if (builtin.kind === 'object') {
      const deps = builtin.fields.map((field) => typeWork(field.type, [], via, 'field'));
      plain = push(plain, ...deps);
    }
    options.push(
      decide(plain, () => ({
        point: point(),
        choice: 'built-in (no table)',
        place: via,
        settle: `"types": { "${name}": "…" }`,
      })),
    );
    if (next && !next.heading && builtin.kind === 'object' && next.kind === 'object') {
      const fields = new Set(builtin.fields.map((f) => f.name.toLowerCase()));
      if (next.fields.length > 0 && next.fields.every((f) => fields.has(f.name.toLowerCase()))) {
        options.push(
          decide(bindTable(facts, clone(state), next, ref, 'builtin', role, samples), () => ({
            point: point(),
            choice: `${describe(next)}`,
            place: next.position,
            settle: `"types": { "${name}": "…" }`,
          })),
        );
      }
    }
    return fork(options);
  }

  if (OPAQUE_BUILTINS.has(name)) {
    const opaque = decide(
      bindEmpty(clone(state), ref, 'builtin', role, samples, via, 'known'),
      () => ({
        point: point(),
        choice: 'a .NET type with no table',
        place: via,
        settle: `"types": { "${name}": "…" }`,
      }),
    );
    return fork([opaque]);
  }

  const settle = (): string =>
    role === 'request'
      ? `"bases": { "${name}": "…" }`
      : role === 'response'
        ? `"operations": { "${facts.names.configKey}": { "response": "…" } }`
        : `"types": { "${name}": "…" }`;

  // 1. The next table is this type's.
  if (next && !next.heading) {
    let taken = decide(clone(state), () => ({
      point: point(),
      choice: `${describe(next)} as \`${name}\``,
      place: next.position,
      settle: settle(),
    }));
    if (absent && from) {
      taken = addTerms(taken, [
        term(
          'sample-absent',
          () => `the sample of \`${from.owner}\` leaves \`${from.field.name}\` out`,
          via,
        ),
      ]);
    }
    if (role === 'response' && next.kind === 'enum')
      taken = addTerms(taken, [
        term(
          'response-enum',
          () => `the response \`${name}\` read from ${describe(next)}`,
          next.position,
        ),
      ]);
    options.push(
      bindTable(facts, taken, next, ref, nameSource(facts, role, 'reference'), role, samples),
    );
  }

  // Samples that fit the next table (most of their keys are its fields, or every value is one
  // of its members) leave nothing to choose.
  // (Not for the request: its samples show its base's fields too, and AutoQuery requests often
  // have no table of their own.)
  if (next && !next.heading && options.length === 1 && role !== 'request' && fits(next, samples)) {
    return fork(options);
  }

  // 2. No table of its own: no properties (its base may have a table), or not listed.
  {
    const empty =
      role === 'request' || role === 'response'
        ? undefined
        : next
          ? 'no-table'
          : cut
            ? 'cut'
            : 'no-table';
    let none = decide(clone(state), () => ({
      point: point(),
      choice:
        role === 'request' ? 'no table of its own (no properties, or all inherited)' : 'no table',
      place: via,
      settle: settle(),
    }));
    if (role !== 'request' && role !== 'response') {
      const tableless = next || !cut;
      // Samples that show properties contradict "no properties" every time; types whose samples
      // show none only count up to NO_TABLE_COUNTED.
      const quiet = !objectsOf(samples).some((sample) => sample.entries.length > 0);
      if (tableless && quiet) none.tableless++;
      none = addTerms(none, [
        tableless
          ? term(
              'no-table',
              () => `\`${name}\` gets no table`,
              via,
              quiet && none.tableless > NO_TABLE_COUNTED ? 0 : 1,
            )
          : facts.page.end.kind === 'cut'
            ? term('no-table-cut', () => `\`${name}\` gets no table: the page stops before it`, via)
            : term('no-table-end', () => `\`${name}\` gets no table: the page ends before it`, via),
      ]);
    }
    options.push(
      bindEmpty(none, ref, nameSource(facts, role, 'reference'), role, samples, via, empty),
    );
  }

  // 3. A dictionary (or list) subclass: the next table is its element type's (on a headed
  // page, the element table its heading names). Samples that show the type as an object of the
  // table's fields rule it out (no fork for them).
  const element = elementTable(facts, state, next);
  const elementHeading = element?.heading?.name;
  if (
    element &&
    role !== 'request' &&
    role !== 'response' &&
    (samples.length === 0 || samples.some((node) => collectionShaped(node, element)))
  ) {
    const objects = objectsOf(samples);
    const arrays = samples.filter((n) => n.kind === 'array');
    const shape: 'dictionary' | 'list' =
      arrays.length > 0 && objects.length === 0 ? 'list' : 'dictionary';
    const valueName =
      elementHeading ?? freshName(state, `${name}${shape === 'dictionary' ? 'Value' : 'Item'}`);
    const valueRef: RefNode = { kind: 'ref', name: valueName, args: [] };
    const type: TypeRef =
      shape === 'dictionary'
        ? { kind: 'dictionary', key: { kind: 'primitive', name: 'string' }, value: valueRef }
        : { kind: 'list', items: valueRef };
    let sub = decide(clone(state), () => ({
      point: point(),
      choice: `a ${shape} subclass of \`${valueName}\`, ${describe(element)}`,
      place: element.position,
      settle: `"types": { "${name}": "${shape === 'dictionary' ? 'Dictionary<string, …>' : 'List<…>'}" }`,
    }));
    sub = bind(
      sub,
      aliasBinding({
        name,
        nameSource: nameSource(facts, role, 'reference'),
        type,
        inferred: shape,
        via,
        derived: elementHeading === undefined ? valueName : undefined,
      }),
    );
    sub = see(sub, name, samples);
    sub = addTerms(sub, [
      ...(shape === 'dictionary'
        ? dictionaryTerms(name, element, samples)
        : arrays.length > 0
          ? []
          : [
              term(
                'dictionary-prior',
                () => `no sample shows \`${name}\` as a list`,
                element.position,
              ),
            ]),
      ...(elementHeading === undefined
        ? [
            term(
              'guessed-name',
              () => `value type \`${valueName}\` of \`${name}\``,
              element.position,
            ),
          ]
        : []),
    ]);
    if (elementHeading === undefined) {
      sub = with_(sub, { provisional: cons(valueName, sub.provisional) });
    }
    const values =
      shape === 'dictionary'
        ? objects.flatMap((o) => o.entries.map((e) => e.value))
        : arrays.flatMap((a) => (a.kind === 'array' ? a.items : []));
    options.push(
      bindTable(
        facts,
        sub,
        element,
        valueRef,
        elementHeading === undefined ? 'derived' : 'heading',
        'value',
        values,
        elementHeading === undefined ? `the value type of \`${name}\`` : undefined,
      ),
    );
  }

  // 4. The same type as an element type met before, named now.
  for (let list = state.provisional; list; list = list.tail) {
    const target = state.bound.get(list.head);
    if (
      !target ||
      (target.kind !== 'object' && target.kind !== 'enum') ||
      target.block === undefined
    )
      continue;
    const table = facts.tables[target.block];
    if (!table) continue;
    const evidence =
      table.kind === 'enum'
        ? enumValueTerms(name, table, samples)
        : sampleKeyTerms(name, table.keys, objectsOf(samples));
    if (!evidence.some((t) => t.weight > 0)) continue;
    let same = decide(clone(state), () => ({
      point: point(),
      choice: `the type of ${describe(table)} (\`${list.head}\`)`,
      place: table.position,
      settle: settle(),
    }));
    same = bind(same, { kind: 'same', name, as: list.head });
    same = addTerms(same, [...evidence, ...sampleKindTerms(name, table.kind, samples)]);
    options.push(see(same, list.head, samples));
  }
  return fork(options);
}

function nameSource(facts: PageFacts, role: Role, fallback: NameSource): NameSource {
  if (role === 'response' && facts.names.response) return 'config';
  return role === 'request' ? 'reference' : fallback;
}

/**
 * Whether samples settle that a table is their type's: objects whose keys are mostly the
 * table's fields, or scalars that are all members of the enum.
 */
function fits(table: TableFacts, samples: readonly SampleNode[]): boolean {
  let seen = 0;
  for (const node of samples) {
    if (node.kind === 'null') continue;
    if (table.kind === 'object') {
      if (node.kind !== 'object' || node.entries.length === 0) return false;
      let known = 0;
      for (const key of sampleIndex(node).keys()) if (table.keys.has(key)) known++;
      if (known * 2 < sampleIndex(node).size) return false;
    } else {
      if (node.kind !== 'string' && node.kind !== 'number') return false;
      if (!table.keys.has(String(node.value).toLowerCase())) return false;
    }
    seen++;
  }
  return seen > 0;
}

/**
 * The table a collection subclass's elements are read from: the next table. On a page whose
 * headings name its tables (an HTML page's captions), a type with no table of its own
 * (`Struct : Dictionary<string, Value>`) has no heading, and the next table is its element
 * type's when no Data Type cell names that table's heading (ServiceStack lists it only for the
 * subclass) and no binding took the name.
 */
function elementTable(
  facts: PageFacts,
  state: State,
  next: TableFacts | undefined,
): TableFacts | undefined {
  if (next?.kind !== 'object') return undefined;
  const name = next.heading?.name;
  if (name === undefined) return next;
  // A generic table (`Page<T>`) is no collection's element without its argument.
  if (name.includes('<') || facts.referenced.has(name) || state.bound.has(name)) return undefined;
  return next;
}

/**
 * Whether a sample node can show a collection subclass whose elements are `table`'s: an array,
 * or an object whose keys are not the table's fields.
 */
function collectionShaped(node: SampleNode, table: TableFacts): boolean {
  if (node.kind === 'array') return true;
  if (node.kind !== 'object') return false;
  for (const key of sampleIndex(node).keys()) if (table.keys.has(key)) return false;
  return true;
}

/** Fork into the options (or continue when there is only one). */
function fork(options: State[]): Step {
  if (options.length === 1) return { kind: 'continue', state: options[0]! };
  return { kind: 'fork', states: options };
}

/** The terms that count against a reading. */
function against(terms: readonly Term[]): Term[] {
  return terms.filter((t) => t.weight < 0);
}

/** A reference to a type already bound: weigh the new samples against it. */
function meet(
  facts: PageFacts,
  state: State,
  binding: Binding,
  samples: readonly SampleNode[],
): State {
  if (samples.length === 0) return state;
  if (binding.kind === 'same') {
    const target = state.bound.get(binding.as);
    return target ? meet(facts, state, target, samples) : state;
  }
  let next = see(state, binding.name, samples);
  // Only disagreement counts here: rewards come with binding a table, so that a reading that
  // has walked further without taking more tables does not look better for it (the beam
  // compares readings that have taken the same tables).
  if (binding.kind === 'enum') {
    const table = facts.tables[binding.block];
    return table
      ? addTerms(
          next,
          against([
            ...sampleKindTerms(binding.name, 'enum', samples),
            ...enumValueTerms(binding.name, table, samples),
          ]),
        )
      : next;
  }
  if (binding.kind === 'object' && binding.block !== undefined) {
    next = addTerms(next, sampleKindTerms(binding.name, 'object', samples));
    return addTerms(
      next,
      against(
        sampleKeyTerms(binding.name, chainKeys(facts, next, binding.name), objectsOf(samples)),
      ),
    );
  }
  if (binding.kind === 'alias') {
    return push(next, typeWork(binding.type, samples, binding.via, 'field'));
  }
  return next;
}

/**
 * The base classes of `name`: the config's, or a decision between no base and the next table.
 * A base's table follows its subclass's (ServiceStack adds the base right after the type).
 */
function decideBases(
  facts: PageFacts,
  state: State,
  name: string,
  samples: readonly SampleObject[],
): Step {
  const binding = state.bound.get(name);
  if (!binding || binding.kind !== 'object') return { kind: 'continue', state };
  const point = (): string => `base class of \`${name}\``;
  const configured = facts.bases.get(name);
  if (configured === null) return { kind: 'continue', state };
  const next = nextTable(facts, state);
  const ownKeys =
    binding.block === undefined
      ? new Set<string>()
      : (facts.tables[binding.block]?.keys ?? new Set<string>());
  const setBase = (s: State, base: RefNode): State => bind(s, { ...binding, base });

  if (configured) {
    const settle = (): string => `"bases": { "${name}": "${configured.name}" }`;
    const withBase = setBase(clone(state), configured);
    const existing = withBase.bound.get(configured.name);
    const via = binding.via ?? facts.page.end.position;
    if (existing) return { kind: 'continue', state: meet(facts, withBase, existing, samples) };
    const headed = facts.headed.get(configured.name);
    const table =
      headed !== undefined && !isTaken(withBase, headed)
        ? facts.tables[headed]
        : next && !next.heading
          ? next
          : undefined;
    const options: State[] = [];
    for (const argsToo of baseArgOptions(withBase, configured, via)) {
      if (table && table.kind === 'object') {
        let taken = decide(clone(argsToo), () => ({
          point: point(),
          choice: `${describe(table)} as \`${configured.name}\``,
          place: table.position,
          settle: settle(),
        }));
        taken = addTerms(taken, [
          ...baseTerms(name, table, ownKeys, samples, true),
          ...emptyWithBase(binding, table, true),
        ]);
        options.push(
          bindTable(
            facts,
            taken,
            table,
            configured,
            headed !== undefined ? 'heading' : 'config',
            'base',
            samples,
          ),
        );
      }
      // AutoQuery's generic bases (`QueryDb<T>`) have no properties of their own; another
      // base with a table after its subclass's is unlikely to have none.
      let none = decide(clone(argsToo), () => ({
        point: point(),
        choice: `\`${configured.name}\` with no table of its own`,
        place: via,
        settle: settle(),
      }));
      if (table && table.kind === 'object' && configured.args.length === 0) {
        none = addTerms(none, [
          term('no-table', () => `base \`${configured.name}\` gets no table`, via),
        ]);
      }
      options.push(bindEmpty(none, configured, 'config', 'base', samples, via, undefined));
    }
    return fork(options);
  }

  const settle = (): string => `"bases": { "${name}": "…" }`;
  const none = decide(clone(state), () => ({
    point: point(),
    choice: 'none',
    place: binding.via ?? next?.position,
    settle: settle(),
  }));
  if (!next || next.kind !== 'object' || (next.heading && state.bound.has(next.heading.name))) {
    // Nothing to decide: no table that could be a base follows.
    return { kind: 'continue', state };
  }
  // A base the config names has the bases the config gives it, no others.
  if (binding.role === 'base' && binding.nameSource === 'config')
    return { kind: 'continue', state };
  // Samples that show the type but none of the next table's fields rule a base out
  // (ServiceStack's samples show inherited fields too).
  if (samples.some((sample) => sample.entries.length > 0) && !shownIn(next, samples)) {
    return { kind: 'continue', state };
  }
  // A headed table may be a base: the heading names it.
  const baseName = next.heading?.name ?? freshName(state, `${name}Base`);
  const base: RefNode = { kind: 'ref', name: baseName, args: [] };
  let withBase = decide(setBase(clone(state), base), () => ({
    point: point(),
    choice: `${describe(next)} as \`${baseName}\``,
    place: next.position,
    settle: settle(),
  }));
  withBase = addTerms(withBase, [
    ...baseTerms(name, next, ownKeys, samples),
    ...(next.heading
      ? []
      : [term('guessed-name', () => `base class \`${baseName}\` of \`${name}\``, next.position)]),
    ...emptyWithBase(binding, next),
  ]);
  const beforeBinding = clone(withBase);
  const bound = bindTable(
    facts,
    withBase,
    next,
    base,
    next.heading ? 'heading' : 'derived',
    'base',
    samples,
    `the base class of \`${name}\``,
  );
  const options = [none, bound];
  // A generic base the config does not name (AutoQuery's `QueryDb<T>`): its argument's table
  // follows the base's walk, under a provisional name a later reference may claim.
  // Only a request's base is read so (AutoQuery `QueryDb<T>`, `ListRequest<T>`).
  const after = facts.tables[next.index + 1];
  if (binding.role === 'request' && after && !after.heading && after.kind === 'object') {
    const argName = freshName(beforeBinding, `${baseName}Argument`);
    let generic = with_(beforeBinding, { provisional: cons(argName, beforeBinding.provisional) });
    generic = addTerms(generic, [
      term(
        'base-argument',
        () => `table after the base of \`${name}\` read as its generic argument \`${argName}\``,
        after.position,
      ),
    ]);
    generic = push(generic, { kind: 'argument', name: argName, owner: baseName });
    options.push(
      bindTable(
        facts,
        generic,
        next,
        base,
        next.heading ? 'heading' : 'derived',
        'base',
        samples,
        `the base class of \`${name}\``,
      ),
    );
  }
  return { kind: 'fork', states: options };
}

/** Whether any field of a table is a key of the samples. */
function shownIn(table: TableFacts, samples: readonly SampleObject[]): boolean {
  for (const sample of samples) {
    for (const key of sampleIndex(sample).keys()) if (table.keys.has(key)) return true;
  }
  return false;
}

/** The penalty for a type (not the request) with no table of its own whose base has one. */
function emptyWithBase(
  binding: Binding & { kind: 'object' },
  base: TableFacts,
  configured = false,
): Term[] {
  // AutoQuery's generic bases (`QueryDb<T> : QueryBase`, as configured) have no properties of
  // their own.
  if (binding.block !== undefined || binding.role === 'request') return [];
  if (configured && binding.args.length > 0) return [];
  return [
    term(
      'empty-with-base',
      () => `\`${binding.name}\` has no table of its own, its base has`,
      base.position,
    ),
  ];
}

/** The generic argument of an unnamed base: the next table, under a provisional name. */
function bindArgument(facts: PageFacts, state: State, name: string, owner: string): Step {
  const next = nextTable(facts, state);
  if (!next || next.heading) return { kind: 'continue', state };
  const taken = decide(state, () => ({
    point: `generic argument of \`${owner}\``,
    choice: `${describe(next)} as \`${name}\``,
    place: next.position,
    settle: `"bases": { … }`,
  }));
  return {
    kind: 'continue',
    state: bindTable(
      facts,
      taken,
      next,
      { kind: 'ref', name, args: [] },
      'derived',
      'field',
      [],
      `the generic argument of \`${owner}\``,
    ),
  };
}

/**
 * The generic arguments of a configured generic base (`QueryDb<Poco>`): walked right after
 * the base (current ServiceStack), or not at all (older versions: they come later, through
 * the response's fields). Queued before the base is bound, they run after its walk.
 */
function baseArgOptions(state: State, base: RefNode, via: Position): State[] {
  if (base.args.length === 0) return [state];
  const point = `generic arguments of base \`${base.name}\``;
  const settle = `"bases": { … }`;
  const args = base.args.map((arg) => typeWork(arg, [], via, 'field'));
  return [
    decide(push(clone(state), ...args), () => ({ point, choice: 'walked after the base', settle })),
    decide(clone(state), () => ({ point, choice: 'walked later (older ServiceStack)', settle })),
  ];
}

/** Walk the fields of a bound object (as the page writes them), then weigh its samples. */
function walkFields(
  facts: PageFacts,
  state: State,
  name: string,
  samples: readonly SampleObject[],
): Step {
  const binding = state.bound.get(name);
  if (!binding || binding.kind !== 'object') return { kind: 'continue', state };
  const table = binding.block === undefined ? undefined : facts.tables[binding.block];
  // A base's samples are its subclass's (they show the subclass's own fields too): only the
  // subclass weighs them. A type with no table and no base has no fields to weigh them
  // against (it is typed from them), except the request and the response.
  const shapeless =
    table === undefined &&
    !binding.base &&
    binding.role !== 'request' &&
    binding.role !== 'response';
  let next =
    binding.role === 'base' || shapeless
      ? state
      : addTerms(state, sampleKeyTerms(name, chainKeys(facts, state, name), samples));
  if (!table) return { kind: 'continue', state: next };
  // ServiceStack's samples fill every property they can: when a sample shows most fields, the
  // ones it leaves out say something about their types. (The walkable fields' samples are
  // kept for their walk: `walkable` is in field order.)
  let shown = 0;
  const walkSamples: SampleNode[][] = [];
  for (const field of samples.length > 0 ? table.fields : table.walkable) {
    const fieldSamples = propertySamples(samples, field);
    if (fieldSamples.length > 0) shown++;
    if (table.walkable[walkSamples.length] === field) walkSamples.push(fieldSamples);
  }
  // Only samples ServiceStack fills whole (not too deep) tell what they leave out.
  const shallow = samples.filter((sample) => facts.shallowSamples.has(sample));
  const telling = shallow.length > 0 && shown * 2 >= table.fields.length;
  if (binding.role !== 'base') {
    next = addTerms(next, fieldsAbsentTerms(name, table, chainKeys(facts, next, name), shallow));
  }
  // Only fields whose types name other types have anything to walk.
  const works: Work[] = [];
  table.walkable.forEach((field, index) => {
    const configured =
      facts.fieldTypes.size > 0 ? facts.fieldTypes.get(`${name}.${field.name}`) : undefined;
    const fieldSamples = walkSamples[index]!;
    const via = facts.typeCells.get(field) ?? field.source.position;
    const absent = telling && fieldSamples.length === 0 ? true : undefined;
    const from = { owner: name, field };
    works.push(typeWork(configured ?? field.type, fieldSamples, via, 'field', from, absent));
  });
  next = push(next, ...works);
  return { kind: 'continue', state: next };
}

/** The route's placeholders should be fields of the request (own or inherited). */
function checkPlaceholders(facts: PageFacts, state: State): State {
  if (facts.placeholders.size === 0) return state;
  const keys = chainKeys(facts, state, facts.names.request);
  const terms: Term[] = [];
  for (const placeholder of facts.placeholders) {
    if (keys.has(placeholder)) {
      terms.push(
        term(
          'route-placeholder',
          () => `route placeholder \`{${placeholder}}\` is a field of the request`,
        ),
      );
    } else if (facts.tables.some((t) => t.kind === 'object' && t.keys.has(placeholder))) {
      terms.push(
        term(
          'route-placeholder-missing',
          () =>
            `route placeholder \`{${placeholder}}\` is a field of another table, not of the request`,
        ),
      );
    }
  }
  return addTerms(state, terms);
}

/** The response: configured, the next table, or none. */
function decideResponse(facts: PageFacts, state: State): Step {
  const samples = facts.responseSample ? [facts.responseSample] : [];
  const request = facts.names.request;
  const point = `the response of \`${request}\``;
  const settle = `"operations": { "${facts.names.configKey}": { "response": "…" } }`;
  const via = facts.page.samples.response?.position ?? facts.page.end.position;
  const configured = facts.names.response;
  if (configured) {
    const parsed = parseResponse(configured);
    const next = with_(state, { response: configured });
    return {
      kind: 'continue',
      state: push(
        next,
        typeWork(parsed, samples, via, parsed.kind === 'ref' ? 'response' : 'field'),
      ),
    };
  }
  const next = nextTable(facts, state);
  const options: State[] = [];
  if (next) {
    const name = next.heading?.name ?? freshName(state, `${request}Response`);
    let taken = decide(with_(clone(state), { response: name }), () => ({
      point,
      choice: `${describe(next)} as \`${name}\``,
      place: next.position,
      settle,
    }));
    if (!next.heading)
      taken = addTerms(taken, [term('guessed-name', () => `response \`${name}\``, next.position)]);
    if (next.kind === 'enum')
      taken = addTerms(taken, [
        term('response-enum', () => `the response read from ${describe(next)}`, next.position),
      ]);
    options.push(
      bindTable(
        facts,
        taken,
        next,
        { kind: 'ref', name, args: [] },
        next.heading ? 'heading' : 'derived',
        'response',
        samples,
        'the response',
      ),
    );
    const none = addTerms(
      decide(clone(state), () => ({
        point,
        choice: 'none (void, or no properties)',
        place: via,
        settle,
      })),
      [term('no-response', () => 'the response gets no table', via)],
    );
    options.push(none);
    return { kind: 'fork', states: options };
  }
  if (objectsOf(samples).length > 0) {
    // A response with no properties of its own has no table, but its sample shows it.
    const name = freshName(state, `${request}Response`);
    const empty = decide(with_(state, { response: name }), () => ({
      point,
      choice: `\`${name}\` with no table`,
      place: via,
      settle,
    }));
    return {
      kind: 'continue',
      state: addTerms(
        bindEmpty(
          empty,
          { kind: 'ref', name, args: [] },
          'derived',
          'response',
          samples,
          via,
          undefined,
        ),
        [term('guessed-name', () => `response \`${name}\``, via)],
      ),
    };
  }
  // No table left and no sample: on a page that stops early, the response was likely cut off.
  if (pageCut(facts)) {
    return {
      kind: 'continue',
      state: addTerms(state, [term('response-missing', () => 'the page shows no response', via)]),
    };
  }
  return { kind: 'continue', state };
}

function parseResponse(text: string): TypeRef {
  const parsed = parseTypeExpression(text);
  return parsed.ok ? parsed.type : { kind: 'ref', name: text.trim(), args: [] };
}

/** The end of the walk: tables no type took count against the hypothesis. */
function finish(facts: PageFacts, state: State): State {
  const terms: Term[] = [];
  for (const table of facts.tables) {
    if (isTaken(state, table.index)) continue;
    terms.push(term('unbound-table', () => `${describe(table)} is no type's`, table.position));
  }
  return addTerms(state, terms);
}

/**
 * A term this strong against a reading (or worse) sends the page from the quick reading to the
 * full search.
 */
const DOUBT = -3;

/**
 * The quick reading: at each fork the option with the best score so far, as long as no other
 * option comes within {@link AMBIGUITY_GAP} of it. Returns the reading when it is sure: no
 * close choice on the way and no term of {@link DOUBT} or worse against it; else `undefined`
 * (the page needs {@link searchHypotheses}). Most pages whose samples show their types are
 * read so, at the cost of one walk.
 */
export function quickReading(facts: PageFacts, work?: SearchWork): State | undefined {
  let state = initialState(facts, false);
  for (let steps = 0; steps < 1_000_000; steps++) {
    if (work) work.steps++;
    const step = advance(facts, state);
    if (step.kind === 'done') {
      return step.state.worst > DOUBT ? step.state : undefined;
    }
    if (step.kind === 'continue') {
      state = step.state;
      continue;
    }
    const [best, second] = [...step.states].sort(byScore);
    if (!best || (second && lead(best.score, second.score) < AMBIGUITY_GAP)) return undefined;
    state = best;
  }
  return undefined;
}

/**
 * Options of one fork closer than this make the quick reading unsure. A base-class table that
 * no sample shows is 2 points behind the next type's table: the quick reading takes the next
 * type's, and the rest of the page tells (a wrong guess leaves terms of {@link DOUBT} or worse).
 */
const AMBIGUITY_GAP = 2;

/** A counter of the search's work, for tests that guard against slowness by counting. */
export interface SearchWork {
  /** Readings advanced by one step. */
  steps: number;
}

/**
 * Search the hypotheses of a page: a beam over table positions. Returns the finished
 * hypotheses, best first.
 */
export function searchHypotheses(
  facts: PageFacts,
  options: { keepTerms?: boolean; work?: SearchWork } = {},
): State[] {
  const buckets: State[][] = Array.from({ length: facts.tables.length + 1 }, () => []);
  const finished: State[] = [];
  buckets[0]!.push(initialState(facts, options.keepTerms === true));
  for (let position = 0; position < buckets.length; position++) {
    let rounds = 0;
    let queue = buckets[position]!;
    buckets[position] = [];
    // The scores of readings that went past this position from it, best first: a reading that
    // is still here (it decided without taking the table) goes on only while it could still
    // catch up with them.
    const ahead: number[] = [];
    while (queue.length > 0 && rounds++ < ROUNDS_PER_POSITION) {
      queue.sort(byScore);
      const bar = ahead.length >= BEAM_WIDTH ? ahead[BEAM_WIDTH - 1]! - CATCH_UP : -Infinity;
      const round = queue.slice(0, BEAM_WIDTH).filter((state) => state.score >= bar);
      queue = [];
      for (const state of round) {
        if (options.work) options.work.steps++;
        const step = advance(facts, state);
        if (step.kind === 'done') {
          finished.push(step.state);
          continue;
        }
        const children = step.kind === 'fork' ? step.states : [step.state];
        for (const child of children) {
          if (child.taken === position) {
            queue.push(child);
          } else {
            buckets[Math.min(child.taken, facts.tables.length)]!.push(child);
            insertDescending(ahead, child.score);
          }
        }
      }
    }
  }
  return finished.sort(byScore);
}

/** Insert into a list sorted best first, keeping only the best {@link BEAM_WIDTH}. */
function insertDescending(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! < value) i--;
  if (i >= BEAM_WIDTH) return;
  list.splice(i, 0, value);
  if (list.length > BEAM_WIDTH) list.pop();
}

function byScore(a: State, b: State): number {
  return b.score - a.score || a.id - b.id;
}
