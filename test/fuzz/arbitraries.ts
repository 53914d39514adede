/**
 * Seed pages and page mutations for fuzzing the parse and model stages.
 *
 * Seeds are the real page (input/BuyPhoneNumber.txt), windows of it (its header, a few
 * consecutive blocks found by the parser itself, and its sample section: small pages, so that
 * a thousand of them stay fast) and every fixture page under test/fixtures/pages/. Mutations
 * work on lines and `|` cells, the way scrapes, copies and hand edits break pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { resolveConfig, type DtoforgeConfig } from '../../src/config/config.js';
import { readPage } from '../../src/parse/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A page to mutate, with the config that names what it cannot carry. */
export interface Seed {
  name: string;
  /** The file path given to the vfile (its stem may name the request). */
  path: string;
  text: string;
  config: DtoforgeConfig;
}

function readConfig(file: string): DtoforgeConfig {
  return resolveConfig(existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
}

/** The real page and its committed config. */
export function realSeed(): Seed {
  return {
    name: 'BuyPhoneNumber',
    path: 'input/BuyPhoneNumber.txt',
    text: readFileSync(path.join(ROOT, 'input/BuyPhoneNumber.txt'), 'utf8'),
    config: readConfig(path.join(ROOT, 'dtoforge.config.json')),
  };
}

/** Every fixture page (`test/fixtures/pages/<case>/page.txt` + `config.json`). */
export function fixtureSeeds(): Seed[] {
  const dir = path.join(ROOT, 'test/fixtures/pages');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((name): Seed[] => {
      const folder = path.join(dir, name);
      const page = readdirSync(folder).find((f) => /^page\.(txt|md)$/.test(f));
      if (!page) return [];
      return [
        {
          name: `fixture:${name}`,
          path: `pages/${name}/${page}`,
          text: readFileSync(path.join(folder, page), 'utf8'),
          config: readConfig(path.join(folder, 'config.json')),
        },
      ];
    });
}

/**
 * Small pages cut from the real page: its header, `width` consecutive blocks, its samples.
 * Block boundaries come from the parser's own reading of the intact page.
 */
export function windowSeeds(real: Seed, width = 2): Seed[] {
  const file = new VFile({ path: real.path, value: real.text });
  const page = readPage(file);
  const lines = real.text.split('\n');
  const firstBlock = page.blocks[0]?.position.start.line ?? 1;
  const header = lines.slice(0, firstBlock - 1);
  const lastBlock = page.blocks[page.blocks.length - 1]?.position.end.line ?? lines.length;
  const samples = lines.slice(lastBlock);
  // The response sample is one 4 KB line: keep it on every third window only (speed).
  const requestOnly = samples.filter((line) => !/^\s*HTTP\/\d/.test(line));
  const seeds: Seed[] = [];
  for (let i = 0; i < page.blocks.length; i += 1) {
    const from = page.blocks[i]?.position.start.line;
    const to = page.blocks[Math.min(i + width, page.blocks.length) - 1]?.position.end.line;
    if (from === undefined || to === undefined) continue;
    seeds.push({
      name: `window:${i}`,
      path: real.path,
      text: [
        ...header,
        ...lines.slice(from - 1, to),
        ...(i % 3 === 0 ? samples : requestOnly),
      ].join('\n'),
      config: real.config,
    });
  }
  return seeds;
}

/** Text that has broken code generators before: comment ends, quotes, templates, line breaks. */
export const HOSTILE_TEXT = [
  '*/',
  '/*',
  '*/ export const pwned = 1; /*',
  '`',
  '${x}',
  '`${process.exit(1)}`',
  '"',
  "'",
  '\\',
  '\\"',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0000',
  '<script>',
  '@param x',
  '// comment',
  '|',
  '\\|',
  '💥',
  'é',
];

/** Names that are special in JS or TS. */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'class',
  'delete',
  'enum',
  'default',
  'interface',
  'await',
  'yield',
  'let',
  'static',
  'implements',
  'package',
  'arguments',
  'eval',
  'null',
  'true',
  'undefined',
  'NaN',
  'Infinity',
  'any',
  'never',
  'unknown',
  'string',
  'number',
  'object',
  'type',
  'Object',
  'Array',
  'Promise',
  'Record',
  'Partial',
  'Symbol',
  'Function',
  'Date',
  'JSON',
  'globalThis',
  'isValue',
  'validateStruct',
  'StructSchema',
  'schemas',
  '1abc',
  '123',
  '-foo',
  'a b',
  'a-b',
  'a.b',
  '$ref',
  '_',
  '$',
  'Ünïcödé',
];

/** Type cells that are wrong in one way or another. */
export const BAD_TYPES = [
  'Nope',
  'List<Nope>',
  'Dictionary<string, Nope>',
  'List<string',
  'List<string>>',
  'Dictionary<string>',
  'Dictionary<,>',
  'List<>',
  '<>',
  '>',
  '<',
  'Nullable<int',
  'int??',
  'int[][]',
  'List<List<List<List<List<List<int>>>>>>',
  'KeyValuePair<string, int, bool>',
  'string,int',
  '',
  'System.Int32',
  'System.Collections.Generic.List<int>',
  'Dictionary<int, string>',
  'Dictionary<Guid, string>',
  'QueryResponse<T>',
  'T',
  'object?',
  'byte[]?',
  'Char[]',
  'DayOfWeek?',
  'ResponseStatus',
  'List<ResponseError>',
];

/** A page as lines, the unit most mutations work on. */
type Lines = string[];

/** One mutation: a pure function of the lines (or the text, for byte-level ones). */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'drop-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'drop-cell'; at: number; cell: number }
  | { kind: 'duplicate-cell'; at: number; cell: number }
  | { kind: 'swap-cells'; at: number; a: number; b: number }
  | { kind: 'set-cell'; at: number; cell: number; text: string }
  | { kind: 'inject-cell'; at: number; cell: number; text: string }
  | { kind: 'unbalance'; at: number; remove: boolean }
  | { kind: 'swap-blocks'; a: number; b: number }
  | { kind: 'insert-line'; at: number; text: string }
  | { kind: 'strip-pipes'; at: number }
  | { kind: 'crlf' };

/** A fraction in [0, 1): mutations pick their target line/cell/offset from the page at hand. */
const fraction = fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000);

/** Hostile text, a hostile name, a bad type, or random unicode. */
const payload = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_TYPES) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_NAMES), fc.constantFrom(...HOSTILE_TEXT))
      .map(([a, b]) => `${a}${b}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** Lines that belong to a page but out of place. */
const strayLine = fc.constantFrom(
  'Name | Parameter | Data Type | Required | Description |',
  '---|---|---|---|---|',
  'Name | Value | |',
  '---|---|---|',
  'Member | |',
  'Member |',
  'X | body | string | No |',
  'X | body | string | Maybe | desc |',
  'X | nowhere | string | No | desc |',
  'Requires any of the roles: | A, B |',
  'POST | /x |',
  '### Heading',
  'Foo Parameters:',
  'Bar Enum:',
  '```',
  '<!-- comment',
  'The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.',
  'POST /json/reply/Other HTTP/1.1',
  'HTTP/1.1 200 OK',
  '{"a":',
  '}',
  '| | | | |',
  '|',
  '',
);

/** One random mutation. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fraction.map((at) => ({ kind: 'truncate' as const, at })) },
  { weight: 2, arbitrary: fraction.map((at) => ({ kind: 'drop-line' as const, at })) },
  { weight: 1, arbitrary: fraction.map((at) => ({ kind: 'duplicate-line' as const, at })) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), a: fraction, b: fraction }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('drop-cell' as const), at: fraction, cell: fraction }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('duplicate-cell' as const),
      at: fraction,
      cell: fraction,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('swap-cells' as const),
      at: fraction,
      a: fraction,
      b: fraction,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('set-cell' as const),
      at: fraction,
      cell: fraction,
      text: payload,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('inject-cell' as const),
      at: fraction,
      cell: fraction,
      text: payload,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unbalance' as const),
      at: fraction,
      remove: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('swap-blocks' as const), a: fraction, b: fraction }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert-line' as const),
      at: fraction,
      text: strayLine,
    }),
  },
  { weight: 1, arbitrary: fraction.map((at) => ({ kind: 'strip-pipes' as const, at })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
);

function pick(length: number, at: number): number {
  return Math.min(length - 1, Math.floor(at * length));
}

/** Indices of lines that hold `|` cells (rows). */
function rowLines(lines: Lines): number[] {
  return lines.flatMap((line, i) => (line.includes('|') ? [i] : []));
}

/** Split a row into its cells (keeps the leading/trailing empty pieces). */
function cellsOf(line: string): string[] {
  return line.split('|');
}

/** Line ranges that start at a table header (`Name | …`) and run to the next one. */
function blockRanges(lines: Lines): [number, number][] {
  const starts = lines.flatMap((line, i) => (/^\s*\|?\s*Name\s*\|/i.test(line) ? [i] : []));
  return starts.map((start, k) => [start, starts[k + 1] ?? lines.length]);
}

/**
 * Apply one mutation to a page's text.
 *
 * @param text
 *   The page.
 * @param mutation
 *   What to do.
 */
export function applyMutation(text: string, mutation: Mutation): string {
  if (mutation.kind === 'truncate')
    return text.slice(0, Math.floor(mutation.at * (text.length + 1)));
  if (mutation.kind === 'crlf') return text.replace(/\r?\n/g, '\r\n');
  const lines = text.split('\n');
  if (lines.length === 0) return text;
  const rows = rowLines(lines);
  const row = (at: number): number | undefined =>
    rows.length === 0 ? undefined : rows[pick(rows.length, at)];
  switch (mutation.kind) {
    case 'drop-line':
      lines.splice(pick(lines.length, mutation.at), 1);
      break;
    case 'duplicate-line': {
      const i = pick(lines.length, mutation.at);
      lines.splice(i, 0, lines[i] ?? '');
      break;
    }
    case 'swap-lines': {
      const a = pick(lines.length, mutation.a);
      const b = pick(lines.length, mutation.b);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      break;
    }
    case 'insert-line':
      lines.splice(pick(lines.length + 1, mutation.at), 0, mutation.text);
      break;
    case 'strip-pipes': {
      const i = row(mutation.at);
      if (i !== undefined) lines[i] = (lines[i] ?? '').replace(/^\s*\|/, '').replace(/\|\s*$/, '');
      break;
    }
    case 'unbalance': {
      const generic = lines.flatMap((line, i) => (/[<>]/.test(line) ? [i] : []));
      const i = generic.length > 0 ? generic[pick(generic.length, mutation.at)] : row(mutation.at);
      if (i === undefined) break;
      const line = lines[i] ?? '';
      lines[i] = mutation.remove
        ? line.replace(/>(?=[^>]*$)/, '')
        : line.replace(/</, '<<').replace(/^([^|]*\|[^|]*\|)/, '$1<');
      break;
    }
    case 'swap-blocks': {
      const ranges = blockRanges(lines);
      if (ranges.length < 2) break;
      const [a0, a1] = ranges[pick(ranges.length, mutation.a)]!;
      const [b0, b1] = ranges[pick(ranges.length, mutation.b)]!;
      if (a0 === b0) break;
      const [first, second] =
        a0 < b0
          ? [
              [a0, a1],
              [b0, b1],
            ]
          : [
              [b0, b1],
              [a0, a1],
            ];
      const before = lines.slice(0, first[0]);
      const x = lines.slice(first[0], first[1]);
      const between = lines.slice(first[1], second[0]);
      const y = lines.slice(second[0], second[1]);
      const after = lines.slice(second[1]);
      return [...before, ...y, ...between, ...x, ...after].join('\n');
    }
    default: {
      const i = row(mutation.at);
      if (i === undefined) break;
      const cells = cellsOf(lines[i] ?? '');
      const c = pick(cells.length, mutation.kind === 'swap-cells' ? mutation.a : mutation.cell);
      if (mutation.kind === 'drop-cell') cells.splice(c, 1);
      else if (mutation.kind === 'duplicate-cell') cells.splice(c, 0, cells[c] ?? '');
      else if (mutation.kind === 'swap-cells') {
        const d = pick(cells.length, mutation.b);
        [cells[c], cells[d]] = [cells[d] ?? '', cells[c] ?? ''];
      } else if (mutation.kind === 'set-cell') cells[c] = ` ${mutation.text} `;
      else cells[c] = `${cells[c] ?? ''}${mutation.text}`;
      lines[i] = cells.join('|');
    }
  }
  return lines.join('\n');
}

/** A seed and 1–4 mutations applied in order. */
export interface MutatedPage {
  seed: Seed;
  mutations: Mutation[];
  text: string;
}

/**
 * Mutated pages from the given seeds.
 *
 * @param seeds
 *   The pages to start from.
 */
export function mutatedPageArb(seeds: readonly Seed[]): fc.Arbitrary<MutatedPage> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(([seed, mutations]) => ({
      seed,
      mutations,
      text: mutations.reduce(applyMutation, seed.text),
      // Note: fast-check prints a counterexample with this (not the whole page and config).
      [fc.toStringMethod]: () => JSON.stringify({ seed: seed.name, mutations }),
    }));
}
