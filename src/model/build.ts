/**
 * Inference, step 5: build the page's types and operation from the chosen hypothesis. No
 * scoring here: names, fields, wire names (from the samples each type met), substitutions
 * (config aliases, collection subclasses, table-less types typed from their samples) and the
 * diagnostics a reader needs (guessed names, unbound tables, samples that disagree).
 */
import type { HttpSampleBody, SampleNode } from '../parse/blocks.js';
import type { RuleId } from '../diagnostics.js';
import { baseChain } from './bases.js';
import { builtinType } from './builtins.js';
import { typeParameterNames } from './generics.js';
import { enumWireValues } from './enums.js';
import { kindOf } from './evidence.js';
import type { PageFacts, TableFacts } from './facts.js';
import {
  isTaken,
  propertySamples,
  takenTables,
  toArray,
  type Binding,
  type State,
} from './hypotheses.js';
import type {
  DictionaryType,
  EnumType,
  Field,
  ModelType,
  NameSource,
  ObjectType,
  Operation,
  Position,
  Route,
  SampleBody,
  Source,
  TypeRef,
} from './model.js';
import { formatTypeRef, mapRefs } from './type-expression.js';
import { sampleToValue } from '../parse/sample-body.js';

/** A diagnostic to report once the page is built. */
export interface Finding {
  rule: RuleId;
  reason: string;
  place?: Position | undefined;
}

/** One page's share of the model. */
export interface PageModel {
  operation?: Operation;
  types: ModelType[];
}

/** Unbound tables reported one by one; the rest are summed up in one message. */
const MAX_UNBOUND_REPORTS = 20;

function sourceOf(facts: PageFacts, position: Position): Source {
  return { file: facts.page.file, position };
}

/** Replace the generic arguments in a field type by the type's parameters (`List<Poco>` → `List<T>`). */
export function substituteArguments(
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
 * The rule of `Allowable Values`, the one place: a field whose page lists the values it accepts
 * has its `string` leaves (also inside `T?` and `List<T>`) restricted to those values
 * (`literals`); every other type is kept as it is (an `int` field's values are documented by
 * the emitters, an enum's members already say them, a dictionary's values could be its keys' or
 * its values'). Values are kept in page order, each once.
 *
 * @param type
 *   The field's type (after substitution).
 * @param values
 *   The field's Allowable Values (none: the type is returned as is).
 */
export function restrictToAllowableValues(
  type: TypeRef,
  values: readonly string[] | undefined,
): TypeRef {
  if (values === undefined || values.length === 0) return type;
  const unique = [...new Set(values)];
  const restrict = (node: TypeRef): TypeRef => {
    switch (node.kind) {
      case 'primitive':
        return node.name === 'string' ? { kind: 'literals', values: unique } : node;
      case 'nullable':
        return { kind: 'nullable', type: restrict(node.type) };
      case 'list':
        return { kind: 'list', items: restrict(node.items) };
      default:
        return node;
    }
  };
  return restrict(type);
}

/** The JSON type a table-less type's samples show (`unknown` when they show none or several). */
function typeFromSamples(nodes: readonly SampleNode[]): TypeRef {
  const kinds = new Set(nodes.filter((n) => n.kind !== 'null').map((n) => n.kind));
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  switch (only) {
    case 'string':
      return { kind: 'primitive', name: 'string' };
    case 'number':
      return {
        kind: 'primitive',
        name: nodes.every((n) => n.kind !== 'number' || Number.isInteger(n.value))
          ? 'long'
          : 'double',
      };
    case 'boolean':
      return { kind: 'primitive', name: 'bool' };
    default:
      return { kind: 'primitive', name: 'object' };
  }
}

function describeType(type: TypeRef): string {
  if (type.kind === 'primitive') return type.name === 'object' ? 'unknown' : type.name;
  return formatTypeRef(type);
}

/**
 * Build one page's types and operation from the hypothesis `state`.
 *
 * @returns
 *   The page model and the findings to report.
 */
export function buildPage(facts: PageFacts, state: State): PageModel & { findings: Finding[] } {
  const findings: Finding[] = [];
  const { page } = facts;
  // The samples each type met, in the order met.
  const samples = new Map<string, SampleNode[]>();
  for (const seen of toArray(state.seen).reverse()) {
    const list = samples.get(seen.name) ?? [];
    list.push(...seen.nodes);
    samples.set(seen.name, list);
  }
  const bindings = [...state.bound.values()];
  // Names: a type unified with an element type gives that type its name.
  const renames = new Map<string, string>();
  for (const binding of bindings)
    if (binding.kind === 'same') renames.set(binding.as, binding.name);
  const finalName = (name: string): string => renames.get(name) ?? name;
  for (const [from, to] of renames) {
    const list = samples.get(from) ?? [];
    samples.set(to, [...(samples.get(to) ?? []), ...list]);
  }
  // Substitutions: refs that become other types (aliases, collection subclasses, table-less
  // types typed from their samples, `array` fields' scalar elements).
  const substitutions = new Map<string, TypeRef>();
  const dictionaries: DictionaryType[] = [];
  for (const binding of bindings) {
    if (binding.kind === 'alias') {
      const type = mapRefs(binding.type, (ref) => ({ ...ref, name: finalName(ref.name) }));
      if (
        type.kind === 'dictionary' &&
        type.key.kind === 'primitive' &&
        type.key.name === 'string'
      ) {
        dictionaries.push({
          kind: 'dictionary',
          name: binding.name,
          nameSource: binding.inferred ? 'derived' : 'config',
          key: type.key,
          value: type.value,
          source: sourceOf(facts, objectsPosition(samples.get(binding.name)) ?? binding.via),
        });
        // A heading named the value type (binding.derived unset): nothing was guessed.
        if (binding.inferred && binding.derived !== undefined) {
          findings.push({
            rule: 'guessed-name',
            reason: `Unexpected unnamed value type of dictionary \`${binding.name}\` (${(samples.get(binding.name) ?? []).some((n) => n.kind === 'object') ? 'its sample is a map' : 'read as a dictionary subclass'}), named it \`${binding.derived ?? ''}\`; expected a config entry \`"types": { "${binding.name}": "Dictionary<string, …>" }\``,
            place: tableOf(facts, state, binding.derived)?.position ?? binding.via,
          });
        }
      } else {
        substitutions.set(binding.name, type);
        if (binding.inferred && binding.derived !== undefined) {
          findings.push({
            rule: 'guessed-name',
            reason: `Unexpected unnamed element type of list \`${binding.name}\`, named it \`${binding.derived ?? ''}\`; expected a config entry \`"types": { "${binding.name}": "List<…>" }\``,
            place: tableOf(facts, state, binding.derived)?.position ?? binding.via,
          });
        }
      }
    } else if (
      binding.kind === 'object' &&
      binding.opaque &&
      !binding.base &&
      binding.role !== 'request' &&
      binding.role !== 'response'
    ) {
      const type = typeFromSamples(samples.get(binding.name) ?? []);
      substitutions.set(binding.name, type);
      if (binding.opaque === 'no-table') {
        findings.push({
          rule: 'unknown-type',
          reason: `Unexpected type \`${binding.name}\` with no table on the page, typed it as \`${describeType(type)}\`${type.kind === 'primitive' && type.name !== 'object' ? ' from its sample' : ''}; expected its table, or a config entry \`"types": { "${binding.name}": "…" }\``,
          ...(binding.via ? { place: binding.via } : {}),
        });
      }
    }
  }
  // `array` fields: their element type (bound) or the scalars their samples show.
  const elements = new Map<string, TypeRef>();
  for (const binding of bindings) {
    if ((binding.kind === 'object' || binding.kind === 'enum') && binding.elementOf) {
      elements.set(binding.elementOf, { kind: 'ref', name: finalName(binding.name), args: [] });
      // A later reference (or a Data Type cell) named it: nothing was guessed.
      if (renames.has(binding.name) || facts.referenced.has(binding.name)) continue;
      findings.push({
        rule: 'guessed-name',
        reason: `Unexpected \`array\` Data Type of \`${binding.elementOf}\` with a table for its elements, named their type \`${finalName(binding.name)}\`; expected a config entry \`"fields": { "${binding.elementOf}": "List<…>" }\``,
        place: tableOf(facts, state, binding.name)?.position,
      });
    }
  }
  const resolve = (type: TypeRef): TypeRef =>
    mapRefs(type, (ref) => {
      const name = finalName(ref.name);
      return substitutions.get(name) ?? (name === ref.name ? ref : { ...ref, name });
    });

  const types = new Map<string, ModelType>();
  const objectFields = new Map<string, Field[]>();
  for (const binding of bindings) {
    const name = finalName(binding.name);
    if (binding.kind === 'enum') {
      const table = facts.tables[binding.block];
      if (!table?.enumShape) continue;
      const shape = copyShape(table.enumShape);
      const type: EnumType = {
        kind: 'enum',
        name,
        nameSource: renames.has(binding.name) ? 'reference' : binding.nameSource,
        valueKind: shape.valueKind,
        flags: shape.flags,
        members: shape.members,
      };
      if (shape.source) type.source = shape.source;
      types.set(name, type);
    } else if (binding.kind === 'object' && !substitutions.has(binding.name)) {
      const table = binding.block === undefined ? undefined : facts.tables[binding.block];
      const typeParameters = typeParameterNames(binding.args.length);
      const fields = (table?.fields ?? []).map((field) => {
        // Note: most pages configure no field and have no `array` field (no key to build).
        const key =
          facts.fieldTypes.size + elements.size > 0 ? `${binding.name}.${field.name}` : '';
        const configured = key === '' ? undefined : facts.fieldTypes.get(key);
        const element = key === '' ? undefined : elements.get(key);
        let type = configured ?? field.type;
        if (element && facts.openArrays.has(field)) type = { kind: 'list', items: element };
        else if (!configured && facts.openArrays.has(field)) {
          const items = typeFromSamples(
            scalarItems(samples.get(`${binding.name}.${field.name}[]`)),
          );
          type = { kind: 'list', items };
          if (items.kind === 'primitive' && items.name === 'object') {
            findings.push({
              rule: 'unknown-type',
              reason: `Unexpected \`array\` Data Type of \`${binding.name}.${field.name}\` with no sample and no table for its elements, typed them as unknown; expected a config entry \`"fields": { "${binding.name}.${field.name}": "List<…>" }\``,
              place: facts.typeCells.get(field) ?? field.source.position,
            });
          }
        }
        return {
          ...field,
          type: restrictToAllowableValues(
            substituteArguments(resolve(type), binding.args.map(resolve), typeParameters),
            field.allowableValues,
          ),
        };
      });
      const type: ObjectType = {
        kind: 'object',
        name,
        nameSource:
          binding.role === 'request'
            ? facts.names.requestSource
            : renames.has(binding.name)
              ? 'reference'
              : binding.nameSource,
        typeParameters: binding.args.length > 0 ? typeParameters : [],
        fields,
      };
      // Note: added in this order (source, then base), as the model prints them.
      if (table) type.source = sourceOf(facts, table.position);
      else if (binding.role === 'request' || binding.role === 'response')
        type.source = sourceOf(facts, requestPlace(facts, binding));
      if (binding.base) type.base = resolve(binding.base);
      if (binding.role === 'base' && binding.args.length > 0 && !table)
        type.typeParameters = typeParameters;
      types.set(name, type);
      objectFields.set(name, fields);
    } else if (binding.kind === 'builtin') {
      const builtin = builtinType(binding.name);
      if (builtin) types.set(name, builtin);
    }
  }
  for (const dictionary of dictionaries) {
    types.set(dictionary.name, {
      ...dictionary,
      value: resolve(dictionary.value),
      key: resolve(dictionary.key),
    });
  }
  applyWireNames(types, samples, finalName);
  findings.push(...checkSamples(facts, types, samples, finalName));
  findings.push(...namingFindings(facts, state, bindings, finalName));
  findings.push(...unboundFindings(facts, state, types));

  // Order: the request, then the tables in page order, then the rest as bound.
  const ordered: ModelType[] = [];
  const placed = new Set<string>();
  const place = (type: ModelType | undefined): void => {
    if (type && !placed.has(type.name)) {
      placed.add(type.name);
      ordered.push(type);
    }
  };
  place(types.get(facts.names.request));
  for (const [index, owner] of takenTables(state)) {
    void index;
    place(types.get(finalName(owner)));
  }
  const rest = [...types.values()];
  for (const type of rest) if (type.kind === 'object' && type.nameSource !== 'builtin') place(type);
  for (const type of rest) if (type.kind === 'dictionary') place(type);
  for (const type of rest) place(type);

  return { ...buildOperation(facts, state, finalName), types: ordered, findings };
}

function scalarItems(nodes: readonly SampleNode[] | undefined): SampleNode[] {
  return (nodes ?? []).filter((n) => n.kind !== 'object' && n.kind !== 'array');
}

/** A copy of an enum's members (the model owns its objects; facts are shared by readings). */
function copyShape(
  shape: NonNullable<TableFacts['enumShape']>,
): NonNullable<TableFacts['enumShape']> {
  return { ...shape, members: shape.members.map((member) => ({ ...member })) };
}

function objectsPosition(nodes: readonly SampleNode[] | undefined): Position | undefined {
  return nodes?.find((n) => n.kind === 'object')?.position;
}

function tableOf(facts: PageFacts, state: State, name: string | undefined): TableFacts | undefined {
  const binding = name === undefined ? undefined : state.bound.get(name);
  if (!binding || (binding.kind !== 'object' && binding.kind !== 'enum')) return undefined;
  return binding.block === undefined ? undefined : facts.tables[binding.block];
}

function requestPlace(facts: PageFacts, binding: Binding): Position {
  const { page } = facts;
  if (binding.kind === 'object' && binding.role === 'response') {
    return page.samples.response?.position ?? page.end.position;
  }
  return page.header.routes[0]?.position ?? facts.tables[0]?.position ?? page.end.position;
}

/** Take each field's wire name from the samples that show it (a subclass's show its bases'). */
function applyWireNames(
  types: Map<string, ModelType>,
  samples: Map<string, SampleNode[]>,
  finalName: (name: string) => string,
): void {
  // A sample object shows its type and the type's bases: its keys are read once.
  const objectKeys = new Map<SampleNode, Map<string, string>>();
  for (const [name, nodes] of samples) {
    const type = types.get(finalName(name));
    if (!type || type.kind !== 'object') continue;
    // By lower-case key, the key as written: the last that shows it wins.
    let keys: Map<string, string> | undefined;
    let own = false;
    for (const node of nodes) {
      if (node.kind !== 'object') continue;
      let shown = objectKeys.get(node);
      if (!shown) {
        shown = new Map();
        for (const entry of node.entries) shown.set(entry.key.toLowerCase(), entry.key);
        objectKeys.set(node, shown);
      }
      if (!keys) {
        keys = shown;
        continue;
      }
      if (!own) {
        keys = new Map(keys);
        own = true;
      }
      for (const [lower, key] of shown) keys.set(lower, key);
    }
    if (!keys || keys.size === 0) continue;
    for (const owner of chainOf(types, type)) {
      for (const field of owner.fields) {
        const shown = keys.get(field.name.toLowerCase());
        if (shown !== undefined) field.wireName = shown;
      }
    }
  }
}

/** An object type and its bases that are on the page, nearest first (cycles cut). */
function chainOf(types: ReadonlyMap<string, ModelType>, type: ObjectType): ObjectType[] {
  return [type, ...baseChain(type, (name) => types.get(name)).bases.map((link) => link.type)];
}

/** Samples that disagree with the types they were read for: `sample-mismatch` warnings. */
function checkSamples(
  facts: PageFacts,
  types: Map<string, ModelType>,
  samples: Map<string, SampleNode[]>,
  finalName: (name: string) => string,
): Finding[] {
  const findings: Finding[] = [];
  const bases = new Set<string>();
  for (const type of types.values()) {
    if (type.kind === 'object' && type.base?.kind === 'ref') bases.add(type.base.name);
  }
  for (const [name, nodes] of samples) {
    const type = types.get(finalName(name));
    if (!type) continue;
    if (type.kind === 'enum') {
      const wire = enumWireValues(type).map(String);
      for (const node of nodes) {
        if (node.kind === 'null') continue;
        if (node.kind === 'object' || node.kind === 'array') {
          findings.push({
            rule: 'sample-mismatch',
            reason: `Unexpected ${kindOf(node)} in the sample for enum \`${type.name}\`, expected a member`,
            place: node.position,
          });
          continue;
        }
        if (type.flags) {
          if (node.kind !== 'number')
            findings.push({
              rule: 'sample-mismatch',
              reason: `Unexpected ${kindOf(node)} in the sample for flags enum \`${type.name}\`, expected a number`,
              place: node.position,
            });
          continue;
        }
        if (!wire.includes(String(node.value))) {
          findings.push({
            rule: 'sample-mismatch',
            reason: `Unexpected \`${String(node.value)}\` in the sample for enum \`${type.name}\`, expected one of ${wire
              .slice(0, 5)
              .map((v) => `\`${v}\``)
              .join(', ')}${wire.length > 5 ? ', …' : ''}`,
            place: node.position,
          });
        }
      }
    } else if (type.kind === 'object' && type.source && type.nameSource !== 'builtin') {
      // The fields' names and wire names, lower-case, once a key is to be checked.
      let known: Set<string> | undefined;
      const subclassOnly = bases.has(type.name);
      for (const node of nodes) {
        if (node.kind === 'null') continue;
        if (node.kind !== 'object') {
          findings.push({
            rule: 'sample-mismatch',
            reason: `Unexpected ${kindOf(node)} in the sample for \`${type.name}\`, expected an object (its table is at line ${type.source.position.start.line})`,
            place: node.position,
          });
          continue;
        }
        // A base class sees its subclass's samples; only the subclass checks their keys.
        if (subclassOnly) continue;
        if (node.entries.length === 0) continue;
        known ??= fieldKeys(chainOf(types, type));
        for (const entry of node.entries) {
          if (!known.has(entry.key.toLowerCase())) {
            findings.push({
              rule: 'sample-mismatch',
              reason: `Unexpected key \`${entry.key}\` in the sample for \`${type.name}\`, expected one of its fields (table at line ${type.source.position.start.line})`,
              place: entry.keyPosition,
            });
          }
        }
      }
    }
  }
  void facts;
  return findings;
}

/** The lower-case names and wire names of the fields of a chain of types. */
function fieldKeys(chain: readonly ObjectType[]): Set<string> {
  const keys = new Set<string>();
  for (const type of chain) {
    for (const field of type.fields) {
      keys.add(field.wireName.toLowerCase());
      keys.add(field.name.toLowerCase());
    }
  }
  return keys;
}

/** `guessed-name` warnings for the names the page did not give. */
function namingFindings(
  facts: PageFacts,
  state: State,
  bindings: Binding[],
  finalName: (name: string) => string,
): Finding[] {
  const findings: Finding[] = [];
  for (const binding of bindings) {
    if (binding.kind !== 'object' && binding.kind !== 'enum') continue;
    if (binding.nameSource !== 'derived' || finalName(binding.name) !== binding.name) continue;
    if (binding.elementOf) continue;
    const table = binding.block === undefined ? undefined : facts.tables[binding.block];
    const place = table?.position ?? (binding.kind === 'object' ? binding.via : undefined);
    if (binding.role === 'response') {
      findings.push({
        rule: 'guessed-name',
        reason: `Unexpected unnamed response ${table ? 'table' : '(its sample shows it, no table)'}, named it \`${binding.name}\`; expected a config entry \`"operations": { "${facts.names.configKey}": { "response": "…" } }\``,
        ...(place ? { place } : {}),
      });
    } else if (binding.role === 'base') {
      const subclass =
        bindings.find((b) => b.kind === 'object' && b.base?.name === binding.name)?.name ?? '?';
      findings.push({
        rule: 'guessed-name',
        reason: `Unexpected unnamed base class of \`${subclass}\` (${describeBaseEvidence(facts, state, subclass, binding.name)}), named it \`${binding.name}\`; expected a config entry \`"bases": { "${subclass}": "…" }\``,
        ...(place ? { place } : {}),
      });
    }
  }
  return findings;
}

function describeBaseEvidence(
  facts: PageFacts,
  state: State,
  subclass: string,
  base: string,
): string {
  const keys = new Set<string>();
  for (const seen of toArray(state.seen)) {
    if (seen.name !== subclass) continue;
    for (const node of seen.nodes)
      if (node.kind === 'object') for (const e of node.entries) keys.add(e.key.toLowerCase());
  }
  const table = tableOf(facts, state, base);
  if (
    table &&
    keys.size > 0 &&
    table.fields.every((f) => keys.has(f.wireName.toLowerCase()) || keys.has(f.name.toLowerCase()))
  ) {
    return "the table's fields are in its sample";
  }
  return 'the table follows its table';
}

/** `unbound-block` errors for tables no type took; headed ones keep their heading's name. */
function unboundFindings(facts: PageFacts, state: State, types: Map<string, ModelType>): Finding[] {
  const findings: Finding[] = [];
  let unbound = 0;
  for (const table of facts.tables) {
    if (isTaken(state, table.index)) continue;
    if (table.heading) {
      const name = table.heading.name;
      findings.push({
        rule: 'unbound-block',
        reason: `Unexpected table \`${name}\` that no field references, expected a reference to it`,
        place: table.position,
      });
      if (!types.has(name)) types.set(name, headedType(facts, table, name));
      continue;
    }
    unbound++;
    if (unbound > MAX_UNBOUND_REPORTS) continue;
    findings.push({
      rule: 'unbound-block',
      reason: `Unexpected ${table.kind === 'object' ? 'table' : 'enum'} that no type references (${firstItem(table)}), expected every table to belong to the request, the response or a type they reference`,
      place: table.position,
    });
  }
  if (unbound > MAX_UNBOUND_REPORTS) {
    findings.push({
      rule: 'unbound-block',
      reason: `Unexpected ${unbound - MAX_UNBOUND_REPORTS} more tables that no type references, expected none`,
    });
  }
  return findings;
}

function headedType(facts: PageFacts, table: TableFacts, name: string): ModelType {
  const nameSource: NameSource = 'heading';
  if (table.enumShape) {
    const shape = copyShape(table.enumShape);
    return {
      kind: 'enum',
      name,
      nameSource,
      valueKind: shape.valueKind,
      flags: shape.flags,
      members: shape.members,
      ...(shape.source ? { source: shape.source } : {}),
    };
  }
  return {
    kind: 'object',
    name,
    nameSource,
    typeParameters: [],
    fields: table.fields.map((field) => ({
      ...field,
      type: restrictToAllowableValues(field.type, field.allowableValues),
    })),
    source: sourceOf(facts, table.position),
  };
}

function firstItem(table: TableFacts): string {
  if (table.kind === 'object') return `first field \`${table.fields[0]?.name ?? ''}\``;
  return `first member \`${table.enumShape?.members[0]?.name ?? ''}\``;
}

function sampleBody(facts: PageFacts, which: 'request' | 'response'): SampleBody | undefined {
  const body = facts.page.samples[which]?.body;
  if (!body) return undefined;
  return {
    format: body.format,
    text: body.text,
    value: bodyValue(body),
    source: sourceOf(facts, body.position),
  };
}

/**
 * A body's plain JSON value. A JSON body read into a tree is valid JSON, whose value
 * `JSON.parse` builds natively, as {@link sampleToValue} would (own keys, `__proto__` too, the
 * last of repeated keys winning); a JSV body is read from its tree.
 */
function bodyValue(body: HttpSampleBody): unknown {
  if (body.format === 'json') {
    try {
      return JSON.parse(body.text) as unknown;
    } catch {
      // Note: never expected (the tree was read from the same text); the tree still says it.
    }
  }
  return sampleToValue(body.tree);
}

function buildOperation(
  facts: PageFacts,
  state: State,
  finalName: (name: string) => string,
): { operation: Operation } {
  const { page } = facts;
  const routes: Route[] = page.header.routes.map((route) => ({
    verbs: route.verbs.text
      .split(/\s*,\s*/)
      .map((verb) => (/^all verbs$/i.test(verb) ? 'ANY' : verb.toUpperCase())),
    path: route.path.text,
    source: sourceOf(facts, route.position),
  }));
  const request = sampleBody(facts, 'request');
  const response = sampleBody(facts, 'response');
  const method = routes[0]?.verbs[0] ?? page.samples.request?.method ?? 'POST';
  const paths =
    routes.length > 0
      ? routes.map((r) => r.path)
      : page.samples.request?.path
        ? [page.samples.request.path]
        : [];
  const responseName = state.response === undefined ? undefined : finalName(state.response);
  const start = facts.tables[0]?.position ?? page.end.position;
  return {
    operation: {
      name: facts.names.request,
      nameSource: facts.names.requestSource,
      method,
      paths,
      routes,
      roles: page.header.roles?.names.map((cell) => cell.text) ?? [],
      request: facts.names.request,
      ...(responseName ? { response: responseName } : {}),
      samples: { ...(request ? { request } : {}), ...(response ? { response } : {}) },
      source: sourceOf(
        facts,
        page.header.roles?.position ?? page.header.routes[0]?.position ?? start,
      ),
    },
  };
}

/** Field samples of one property, for callers that walk a built type with its samples. */
export { propertySamples };
