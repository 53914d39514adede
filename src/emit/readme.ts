/**
 * The generated package's README: the skeleton is `templates/README.md`; this module only
 * computes the text of its `{{slots}}` (operations, types, enums, the null/optional policy) with
 * every name and description escaped for Markdown, as prettier prints Markdown (tables aligned,
 * escapes and code spans as prettier keeps them), so that the README needs no prettier pass.
 */
import type { DtoforgeConfig } from '../config/config.js';
import type { EnumType, Model, ModelType } from '../model/model.js';
import type { NamePlan } from './names.js';
import { enumWireKind } from '../model/enums.js';
import { markdownTable as table } from './print-markdown.js';
import { CodeBlock } from './readme-code.js';
import { hasValueMaps, planEnumMembers, valueMapNames } from './types.js';

/** Text made inert in Markdown (no emphasis, links, HTML, table cells or line breaks). */
export function mdText(text: string): string {
  return text
    .replace(/[\t\r\n\u2028\u2029 ]+/g, ' ')
    .replace(/[\\`*_[\]{}<>()#+!|~&$-]/g, (char) => `\\${char}`)
    .trim();
}

/**
 * A code span holding `text` (safe in a table cell too), as prettier prints it: the shortest
 * fence that no run of backticks inside matches, and a space inside the fence where the text
 * starts or ends with a backtick, or starts and ends with a space (which the fence would strip).
 * A backslash before a pipe cannot be written in a table cell's code span (GFM reads `\|` as an
 * escaped pipe whatever precedes it): such text is written as escaped plain text instead.
 */
export function mdCode(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  if (flat.includes('\\|')) return mdText(text);
  const code = flat.replace(/\|/g, '\\|');
  const runs = new Set((code.match(/`+/g) ?? []).map((run) => run.length));
  let size = 1;
  while (runs.has(size)) size++;
  const fence = '`'.repeat(size);
  const pad = code.startsWith('`') || code.endsWith('`') || /^ .*[^ ].* $/s.test(code) ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/** The identifier of a model type, as exported. */
function idOf(plan: NamePlan, name: string): string {
  return plan.types.get(name) ?? name;
}

/** The runtime's limits (`MAX_DEPTH`, `MAX_VALUES`, `MAX_ISSUES` of templates/runtime.ts). */
function runtimeLimits(runtime: string): Record<'maxDepth' | 'maxValues' | 'maxIssues', string> {
  const limit = (name: string): string => {
    const found = new RegExp(`^export const ${name} = ([\\d_]+);$`, 'm').exec(runtime);
    if (found === null) throw new Error(`templates/runtime.ts declares no ${name}`);
    return Number(found[1]!.replaceAll('_', '')).toLocaleString('en-US');
  };
  return {
    maxDepth: limit('MAX_DEPTH'),
    maxValues: limit('MAX_VALUES'),
    maxIssues: limit('MAX_ISSUES'),
  };
}

/**
 * The slots of the README's "Strictness, options and limits" section: the package's strictness,
 * what a per-call strict check costs, and the runtime's limits.
 *
 * @param config
 *   The package's `strict` setting.
 * @param runtime
 *   The runtime template (`templates/runtime.ts`), whose constants are the limits.
 */
export function describeGuardOptions(
  config: Pick<DtoforgeConfig, 'strict'>,
  runtime: string,
): Record<'strictDefault' | 'strictCost' | 'maxDepth' | 'maxValues' | 'maxIssues', string> {
  return {
    strictDefault: config.strict
      ? 'This package rejects properties its types do not declare (generated with `strict: true`).'
      : 'This package accepts properties its types do not declare and leaves them alone ' +
        '(generated with `strict: false`, the default: servers add fields).',
    strictCost: config.strict
      ? 'The checks of this package look up the declared properties of each object.'
      : 'The checks of this package know no property lists: a strict call (`{ strict: true }`) is decided by ' +
        "that walk, which knows each type's fields (slower than the check, still linear).",
    ...runtimeLimits(runtime),
  };
}

/** The null / optional policy paragraph for the package README. */
export function describePolicy(
  config: Pick<DtoforgeConfig, 'optional' | 'strict'> & Partial<Pick<DtoforgeConfig, 'enums'>>,
): string {
  const optional =
    config.optional === 'optional-or-null'
      ? 'A field marked _Required: No_ on the metadata page is an optional property that also ' +
        'admits `null` (`name?: T | null`), since some servers send `null` for unset fields: the ' +
        'guards accept it absent, or `null`.'
      : 'A field marked _Required: No_ on the metadata page is an optional property ' +
        '(`name?: T`): the guards accept it absent, but not `null`. (A property holding ' +
        '`undefined`, which JSON cannot carry, counts as absent, as in JSON Schema validators.)';
  const unknown = config.strict
    ? 'Properties the page does not list are rejected (strict mode).'
    : 'Properties the page does not list are accepted and left alone (servers add fields).';
  return [
    optional,
    'A field whose .NET type is nullable (`int?`, `Nullable<T>`) admits `null`: `T | null`.',
    'A field marked _Required: Yes_ must be present.',
    unknown,
    ...(config.enums === 'open'
      ? [
          'Enums are open: where an enum `E` is expected, any other string is accepted too (the ' +
            'server may add members), typed `E | (string & {})`; a flags enum accepts any 32-bit integer. ' +
            "So are the Allowable Values of a string field (`'A' | 'B' | (string & {})`).",
        ]
      : []),
    'Dates, times, durations and GUIDs (`DateTime`, `TimeSpan`, `Guid`, …) are strings as ' +
      'sent on the wire; integer types are numbers checked with `Number.isInteger`, ' +
      'floating-point types finite numbers, and `object` is `unknown`.',
  ].join(' ');
}

/** The operations table: method, paths, roles, request → response. */
export function describeOperations(model: Model, plan: NamePlan): string {
  if (model.operations.length === 0) return 'No operation was found on the pages.';
  const rows = model.operations.map((operation) => [
    mdCode(operation.name),
    operation.routes.length > 0
      ? [...new Set(operation.routes.flatMap((route) => route.verbs))].map(mdCode).join(', ')
      : mdCode(operation.method),
    operation.paths.map(mdCode).join(', ') || '—',
    operation.roles.map(mdText).join(', ') || '—',
    `${mdCode(idOf(plan, operation.request))} → ${
      operation.response === undefined ? '—' : mdCode(idOf(plan, operation.response))
    }`,
  ]);
  return table(['Operation', 'Method', 'Paths', 'Roles', 'Request → Response'], rows);
}

/** What a type is, in a few words. */
function describeKind(type: Exclude<ModelType, EnumType>, plan: NamePlan): string {
  if (type.kind === 'dictionary') return 'dictionary (string keys)';
  const parts = [type.typeParameters.length > 0 ? 'generic interface' : 'interface'];
  if (type.base?.kind === 'ref') parts.push(`extends ${mdCode(idOf(plan, type.base.name))}`);
  if (type.nameSource === 'builtin') parts.push('(.NET built-in)');
  return parts.join(' ');
}

/** The types table (interfaces and dictionary aliases) with their guards. */
export function describeTypes(model: Model, plan: NamePlan): string {
  const rows = model.types
    .filter((type): type is Exclude<ModelType, EnumType> => type.kind !== 'enum')
    .map((type) => {
      const names = plan.names.get(type.name);
      const id = idOf(plan, type.name);
      const generic =
        type.kind === 'object' && type.typeParameters.length > 0
          ? `${id}<${type.typeParameters.join(', ')}>`
          : id;
      return [
        mdCode(generic),
        describeKind(type, plan),
        names ? [names.is, names.validate, names.assert, names.schema].map(mdCode).join(', ') : '—',
      ];
    });
  if (rows.length === 0) return 'No type was found on the pages.';
  return table(['Type', 'Kind', 'Guards'], rows);
}

/** The enums table: wire form and members. */
export function describeEnums(model: Model, plan: NamePlan): string {
  const enums = model.types.filter((type): type is EnumType => type.kind === 'enum');
  if (enums.length === 0) return 'No enum was found on the pages.';
  const rows = enums.map((type) => {
    const kind = enumWireKind(type);
    const wire =
      kind === 'number'
        ? 'number (flags)'
        : kind === 'string'
          ? 'string (Value column)'
          : type.valueKind === 'int'
            ? `member name (numbers in ${mdCode(valueMapNames(idOf(plan, type.name)).values)})`
            : 'member name';
    const members = planEnumMembers(type).map(({ member }) =>
      member.value === undefined
        ? mdCode(member.name)
        : `${mdCode(member.name)} = ${mdCode(JSON.stringify(member.value))}`,
    );
    return [mdCode(idOf(plan, type.name)), wire, members.join(', ') || '—'];
  });
  return table(['Enum', 'Sent as', 'Members'], rows);
}

/**
 * The paragraph on the `…Values` / `…ByValue` maps of int-valued enums, with an example printed
 * as prettier prints it (`unsure` when it may not be, see readme-code.ts); empty without such
 * enums.
 */
export function describeValueMaps(
  model: Model,
  plan: NamePlan,
  packageName: string,
): { text: string; unsure: boolean } {
  const valued = model.types.filter(hasValueMaps);
  const first = valued[0];
  const member = first?.members.find((m) => typeof m.value === 'number');
  if (first === undefined || member === undefined || typeof member.value !== 'number') {
    return { text: '', unsure: false };
  }
  const id = idOf(plan, first.name);
  const { values, byValue } = valueMapNames(id);
  const example = new CodeBlock()
    .import([values, byValue], packageName)
    .text('')
    .lookup(values, member.name, String(member.value))
    .lookup(
      byValue,
      member.value,
      `${JSON.stringify(member.name)}, or undefined for an unknown number`,
    );
  const text = [
    'For each int-valued enum `E`, the C# numbers are exported both ways: `EValues` maps each ' +
      'member name (its wire value) to its number, and `EByValue` maps each number to the ' +
      `member. Here: ${valued.map((type) => mdCode(idOf(plan, type.name))).join(', ')}.`,
    example.toString(),
  ].join('\n\n');
  return { text, unsure: example.unsure };
}
