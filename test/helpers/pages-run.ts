/**
 * Run the parse and model stages over the page fixtures in `test/fixtures/pages/<case>/`.
 *
 * A case folder holds one or more pages (`*.txt` / `*.md`, except the `diagnostics.txt`
 * snapshot), an optional `config.json` (a partial config merged over the defaults) and the
 * snapshots the tests write: `model.txt` (the reviewable projection of the model,
 * {@link modelProjection}), `diagnostics.txt`, and for the one case that pins the JSON that
 * `dtoforge inspect` prints, `model.json`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { resolveConfig, type DtoforgeConfig } from '../../src/config/config.js';
import { buildModel, type ReadPage } from '../../src/model/index.js';
import type { Field, Model, ModelType, TypeRef } from '../../src/model/model.js';
import { readPage } from '../../src/parse/index.js';

/** The repository root: page paths in messages are relative to it. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the page cases live, relative to {@link ROOT}. */
export const CASES_DIR = 'test/fixtures/pages';

/** The snapshot files a case folder holds besides its pages. */
const SNAPSHOTS = new Set(['diagnostics.txt', 'model.txt', 'model.json', 'config.json']);

/** The names of every case folder, sorted. */
export function listPageCases(): string[] {
  return readdirSync(path.join(ROOT, CASES_DIR), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The page files of a case, relative to {@link ROOT}, sorted by file name. */
export function casePages(name: string): string[] {
  const dir = path.join(CASES_DIR, name);
  return readdirSync(path.join(ROOT, dir))
    .filter((file) => /\.(?:txt|md)$/.test(file) && !SNAPSHOTS.has(file))
    .sort()
    .map((file) => `${dir}/${file}`);
}

/** The case's config (its `config.json` over the defaults, or the defaults). */
export function caseConfig(name: string): DtoforgeConfig {
  const file = path.join(ROOT, CASES_DIR, name, 'config.json');
  if (!existsSync(file)) return resolveConfig({});
  return resolveConfig(JSON.parse(readFileSync(file, 'utf8')) as Partial<DtoforgeConfig>);
}

export interface StageRun {
  model: Model;
  pages: ReadPage[];
  /** One vfile per page, in input order (paths relative to {@link ROOT}). */
  files: VFile[];
}

/**
 * Read pages and build their model, as `dtoforge inspect` does.
 *
 * @param pagePaths
 *   Page files relative to {@link ROOT} (`/`-separated); they name the pages in messages.
 * @param config
 *   The resolved config.
 */
export function runStages(pagePaths: readonly string[], config: DtoforgeConfig): StageRun {
  const pages = pagePaths.map((pagePath) => {
    const file = new VFile({
      path: pagePath,
      cwd: ROOT,
      value: readFileSync(path.join(ROOT, pagePath), 'utf8'),
    });
    return { page: readPage(file), file };
  });
  const model = buildModel(pages, config);
  return { model, pages, files: pages.map(({ file }) => file) };
}

/** Run one case folder. */
export function runPageCase(name: string): StageRun {
  return runStages(casePages(name), caseConfig(name));
}

/** The `model.json` snapshot text: the model as `dtoforge inspect` prints it. */
export function modelSnapshot(model: Model): string {
  return JSON.stringify(model, null, 2) + '\n';
}

/** Wrap words into lines of at most `width` characters, each starting with `indent`. */
function wrap(words: readonly string[], indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/**
 * The model as a short text a reviewer can read in a diff (the `model.txt` snapshot): for each
 * table, where it starts (`page.txt:12`, `-` for built-ins and config-only types) → the type's
 * name, kind, how it was named, its base, its field count and wire names (`?`: not required;
 * enum members with values, dictionary key → value); then each operation with its routes,
 * response and samples.
 * Positions, descriptions and sample texts are left to the tests that check them.
 *
 * @param model
 *   The model.
 * @param note
 *   A first line (`# KNOWN WRONG …`), for a case whose output is known to be wrong.
 */
export function modelProjection(model: Model, note?: string): string {
  const lines: string[] = note === undefined ? [] : [`# ${note}`];
  lines.push(`types: ${model.types.length}`);
  for (const type of model.types) {
    const where = type.source
      ? `${type.source.file.split('/').pop()}:${type.source.position.start.line}`
      : '-';
    const parameters =
      type.kind === 'object' && type.typeParameters.length > 0
        ? `<${type.typeParameters.join(', ')}>`
        : '';
    const name = `${type.name}${parameters} (${type.kind}, ${type.nameSource})`;
    switch (type.kind) {
      case 'object': {
        const base = type.base ? ` : ${showType(type.base)}` : '';
        lines.push(`${where} → ${name}${base}, ${type.fields.length} fields`);
        lines.push(
          ...wrap(
            type.fields.map((field) => `${field.wireName}${field.required ? '' : '?'}`),
            '    ',
          ),
        );
        break;
      }
      case 'enum': {
        const flags = type.flags ? ' flags' : '';
        lines.push(`${where} → ${name} ${type.valueKind}${flags}, ${type.members.length} members`);
        lines.push(
          ...wrap(
            type.members.map((member) =>
              member.value === undefined ? member.name : `${member.name}=${String(member.value)}`,
            ),
            '    ',
          ),
        );
        break;
      }
      case 'dictionary':
        lines.push(`${where} → ${name} ${showType(type.key)} → ${showType(type.value)}`);
        break;
    }
  }
  lines.push(`operations: ${model.operations.length}`);
  for (const operation of model.operations) {
    const routes = operation.routes.map((route) => `${route.verbs.join(',')} ${route.path}`);
    const samples = Object.entries(operation.samples).map(
      ([role, body]) => `${role} ${body.format}`,
    );
    lines.push(
      `${operation.name} (${operation.nameSource}) → ${operation.response ?? 'no response'}`,
      `    routes: ${routes.join('; ') || 'none'}`,
      `    roles: ${operation.roles.join(', ') || 'none'}`,
      `    samples: ${samples.join(', ') || 'none'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The `diagnostics.txt` snapshot text: every message of every page, as vfile prints it. */
export function diagnosticsSnapshot(files: readonly VFile[]): string {
  return files.flatMap((file) => file.messages.map(String)).join('\n') + '\n';
}

/**
 * Each message as `<file name>:<line>:<column> <rule id>`, the file name without the case
 * folder (so a table can say `page.txt:6:1 malformed-row`).
 */
export function diagnosticKeys(files: readonly VFile[]): string[] {
  return files.flatMap((file) =>
    file.messages.map((message) => {
      const name = (message.file ?? '').split('/').pop() ?? '';
      const place = message.place;
      const start = place && 'start' in place ? place.start : place;
      const at = start ? `:${start.line}:${start.column}` : '';
      return `${name}${at} ${message.ruleId ?? '?'}`;
    }),
  );
}

/**
 * A type expression as canonical text, written here (not with the code under test): `T?` for
 * nullables, `List<T>` for lists, `byte[]`/`char[]` as primitives, `$T` for type parameters.
 */
export function showType(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'nullable':
      return `${showType(type.type)}?`;
    case 'list':
      return `List<${showType(type.items)}>`;
    case 'dictionary':
      return `Dictionary<${showType(type.key)}, ${showType(type.value)}>`;
    case 'keyValuePair':
      return `KeyValuePair<${showType(type.key)}, ${showType(type.value)}>`;
    case 'ref':
      return type.args.length === 0
        ? type.name
        : `${type.name}<${type.args.map(showType).join(', ')}>`;
    case 'typeParameter':
      return `$${type.name}`;
    case 'literals':
      return `string{${type.values.map((value) => JSON.stringify(value)).join('|')}}`;
  }
}

/**
 * One line per type with its key facts:
 * `Customer object config 3 fields base=Entity`, `Codecs enum reference int [PCMU=0, NONE=-1]`,
 * `StockMap dictionary derived string -> StockMapValue`.
 */
export function describeType(type: ModelType): string {
  switch (type.kind) {
    case 'object': {
      const parameters =
        type.typeParameters.length > 0 ? `<${type.typeParameters.join(', ')}> ` : '';
      const base = type.base ? ` base=${showType(type.base)}` : '';
      return `${type.name} ${parameters}object ${type.nameSource} ${type.fields.length} fields${base}`;
    }
    case 'enum': {
      const members = type.members.map(
        (member) =>
          `${member.name}${member.value === undefined ? '' : `=${member.value}`}${member.label === undefined ? '' : ` (${member.label})`}`,
      );
      return `${type.name} enum ${type.nameSource} ${type.valueKind}${type.flags ? ' flags' : ''} [${members.join(', ')}]`;
    }
    case 'dictionary':
      return `${type.name} dictionary ${type.nameSource} ${showType(type.key)} -> ${showType(type.value)}`;
  }
}

/** One line per field: `Id id path required string "The customer ID"`. */
export function describeField(field: Field): string {
  return `${field.name} ${field.wireName} ${field.in} ${field.required ? 'required' : 'optional'} ${showType(field.type)} ${JSON.stringify(field.description)}`;
}
