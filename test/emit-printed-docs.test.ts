/**
 * The package's files besides its sources (the package.json files, tsconfig.json, schemas.json,
 * openapi.json, README.md) are printed as prettier prints them (print-json.ts, print-markdown.ts,
 * readme-code.ts), so `generate` runs no prettier on them. Prettier is the judge: for every model
 * (the real Evo Voice page under every config variant that changes these files, the evo slice,
 * every type expression form, a seeded bench corpus, hostile names and descriptions):
 *
 * - a JSON file is what prettier prints for the compact text with the banner (what the prettier
 *   path formats), and prettier leaves it unchanged;
 * - the README is left unchanged by prettier, and each of its TypeScript blocks is what prettier
 *   prints for the same code with every statement on one line (so the printer decided every
 *   break, not prettier's memory of the input's line breaks); its tables keep every cell.
 *
 * Fast-check properties hold the JSON printer to prettier on arbitrary JSON values, and the
 * README's examples on arbitrary requests, names and paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root, Table } from 'mdast';
import { format } from 'prettier';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { ts } from 'ts-morph';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { addBanner, PRETTIER_OPTIONS } from '../src/emit/format.js';
import {
  emitDocuments,
  emitSources,
  planPackageNames,
  type DocumentFile,
} from '../src/emit/index.js';
import { planOperations } from '../src/emit/operations.js';
import { printJson, printJsonFile } from '../src/emit/print-json.js';
import { markdownTable, stringWidth } from '../src/emit/print-markdown.js';
import { mdCode, mdText } from '../src/emit/readme.js';
import { describeClientExamples, describeUsageExamples } from '../src/emit/readme-clients.js';
import type { Model, ModelType, Operation, TypeRef } from '../src/model/model.js';
import { buildSliceModel } from './fixtures/evo-slice/model.js';
import { corpusPageModel, evoPageModel } from './helpers/models.js';
import { buildCasesModel, field, objectType, prim, ref, SOURCE } from './helpers/guards-cases.js';

const ROOT = join(import.meta.dirname, '..');

/** The parser prettier uses for a file (as `format.ts` picks it). */
function parserOf(path: string): string {
  if (path.endsWith('package.json')) return 'json-stringify';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.md')) return 'markdown';
  throw new Error(`no parser for ${path}`);
}

async function prettier(text: string, parser: string): Promise<string> {
  return format(text, { ...PRETTIER_OPTIONS, parser });
}

/** Text that Markdown, JSON and TypeScript each treat specially, CJK and emoji, and length. */
const HOSTILE = [
  'it\'s "quoted"',
  'back\\slash\\|pipe',
  '*/ end -->',
  'a | b || c',
  '`tick` ``two``',
  'only``double',
  '*em* _em_ **strong** __strong__ ~~del~~',
  'line\u2028sep\nnew',
  '名前 😀 ｗｉｄｅ',
  '<b>html</b> &amp; [link](x) ![img](y) # h',
  '1. list',
  `long ${'x'.repeat(150)}`,
];

/** A model whose names, members, roles, paths and sample values are {@link HOSTILE}. */
function hostileModel(): Model {
  const types: ModelType[] = [
    objectType('Request', [
      ...HOSTILE.map((name, index) => field(name, index % 2 === 0 ? prim('string') : prim('int'))),
      field('id', prim('string')),
      field('__proto__', prim('string'), false),
      field('list', { kind: 'list', items: prim('string') }),
      field('negative', prim('int')),
    ]),
    objectType('名前Response', [field('value', ref('Choice'), false)]),
    objectType(`Very${'Long'.repeat(30)}Name`, [field('x', prim('string'), false)]),
    {
      kind: 'enum',
      name: 'Choice',
      nameSource: 'heading',
      valueKind: 'int',
      flags: false,
      members: HOSTILE.map((name, index) => ({ name, value: index - 1, source: SOURCE })),
      source: SOURCE,
    },
  ];
  const sample: Record<string, unknown> = Object.fromEntries(
    HOSTILE.map((name, index) => [name, index % 2 === 0 ? `${name} value` : -index * 1e20]),
  );
  sample['negative'] = -1;
  const operation: Operation = {
    name: 'Request',
    nameSource: 'heading',
    method: 'GET',
    paths: ['/items/{id}', '/a|b/`x`'],
    routes: [
      { verbs: ['GET'], path: '/items/{id}', source: SOURCE },
      { verbs: ['POST'], path: '/a|b/`x`', source: SOURCE },
    ],
    roles: HOSTILE,
    request: 'Request',
    response: '名前Response',
    samples: {
      request: { format: 'json', text: JSON.stringify(sample), value: sample, source: SOURCE },
    },
    source: SOURCE,
  };
  return { operations: [operation], types };
}

const evo = evoPageModel();
const corpus = corpusPageModel(12, 3);
const hostileConfig = resolveConfig({
  package: {
    name: 'hostile-dtos',
    version: '1.0.0',
    description: HOSTILE.join(' '),
    license: 'MIT',
  },
});

const VARIANTS: { name: string; model: Model; config: DtoforgeConfig }[] = [
  { name: 'Evo Voice page', model: evo.model, config: evo.config },
  {
    name: 'Evo Voice page, strict, optional-or-null',
    model: evo.model,
    config: { ...evo.config, strict: true, optional: 'optional-or-null' },
  },
  {
    name: 'Evo Voice page, union enums, open enums',
    model: evo.model,
    config: { ...evo.config, enumStyle: 'union', enums: 'open' },
  },
  {
    name: 'Evo Voice page, scoped package without description or license',
    model: evo.model,
    config: {
      ...evo.config,
      package: { name: '@acme.io/evo-voice.dtos', version: '2.0.0-beta.1' },
    },
  },
  { name: 'evo slice', model: buildSliceModel(), config: resolveConfig({}) },
  { name: 'every type expression form', model: buildCasesModel(), config: resolveConfig({}) },
  { name: 'bench corpus (12 pages)', model: corpus.model, config: corpus.config },
  { name: 'hostile names and descriptions', model: hostileModel(), config: hostileConfig },
];

async function documents(model: Model, config: DtoforgeConfig): Promise<DocumentFile[]> {
  return emitDocuments(emitSources(model, config), config);
}

/**
 * A TypeScript block with every statement that holds no comment on one line: prettier then lays
 * each one out from scratch (it keeps an object broken that its input breaks after `{`).
 */
function collapse(code: string): string {
  const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || ts.isSourceFile(node)) {
      node.statements.forEach(visit);
      return;
    }
    if (node.getChildren(file).some((child) => ts.isBlock(child))) {
      node.forEachChild(visit);
      return;
    }
    if (ts.isCatchClause(node) || ts.isIfStatement(node)) {
      node.forEachChild(visit);
      return;
    }
    if (!ts.isStatement(node)) return;
    const start = node.getStart(file);
    const text = code.slice(start, node.getEnd());
    const tokens: string[] = [];
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, false);
    scanner.setText(text);
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
      // Note: a statement with a comment inside stays as it is (as in the prettier path's input).
      if (
        kind === ts.SyntaxKind.SingleLineCommentTrivia ||
        kind === ts.SyntaxKind.MultiLineCommentTrivia
      ) {
        return;
      }
      if (kind !== ts.SyntaxKind.WhitespaceTrivia && kind !== ts.SyntaxKind.NewLineTrivia) {
        tokens.push(scanner.getTokenText());
      }
    }
    edits.push({ start, end: node.getEnd(), text: tokens.join(' ') });
  };
  visit(file);
  let result = code;
  for (const edit of edits.reverse()) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** The `ts` blocks of a Markdown text (their code, without the fences). */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/** Prettier's layout of a TypeScript block laid out from scratch (as Markdown embeds it). */
async function prettierBlock(code: string): Promise<string> {
  return prettier(collapse(code), 'typescript');
}

/** The tables of a Markdown text, read with remark-gfm: each row's cells, as plain text. */
function tables(markdown: string): string[][][] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const text = (node: unknown): string => {
    const item = node as { value?: string; children?: unknown[] };
    return item.value ?? (item.children ?? []).map(text).join('');
  };
  return tree.children
    .filter((node): node is Table => node.type === 'table')
    .map((table) => table.children.map((row) => row.children.map(text)));
}

/** Every check of a package's documents against prettier. */
async function expectAsPrettierPrints(files: DocumentFile[]): Promise<void> {
  for (const file of files) {
    expect(file.printed, file.path).toBe(true);
    const parser = parserOf(file.path);
    expect(await prettier(file.content, parser), file.path).toBe(file.content);
    if (parser !== 'markdown') {
      // The prettier path formats the compact text with the banner (addBanner's output).
      const compact = JSON.stringify(JSON.parse(file.content));
      expect(await prettier(compact, parser), file.path).toBe(file.content);
    } else {
      for (const block of tsBlocks(file.content)) {
        expect(await prettierBlock(block), block).toBe(block);
      }
    }
  }
}

describe('the documents are printed as prettier prints them', () => {
  it.each(VARIANTS)('$name', async ({ model, config }) => {
    const files = await documents(model, config);
    expect(files.map((file) => file.path).sort()).toEqual([
      'README.md',
      'client/package.json',
      'dist/cjs/package.json',
      'openapi.json',
      'package.json',
      'schemas.json',
      'servicestack/package.json',
      'tsconfig.json',
    ]);
    await expectAsPrettierPrints(files);
  });

  it('are the files of generated/ for the Evo Voice page', async () => {
    for (const file of await documents(evo.model, evo.config)) {
      expect(file.content, file.path).toBe(
        readFileSync(join(ROOT, 'generated', file.path), 'utf8'),
      );
    }
  });

  it('keep every cell of the hostile README tables, and every hostile text', async () => {
    const model = hostileModel();
    const files = await documents(model, hostileConfig);
    const readme = files.find((file) => file.path === 'README.md')!.content;
    const found = tables(readme);
    for (const table of found) {
      for (const row of table) expect(row).toHaveLength(table[0]!.length);
    }
    const flat = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');
    const [operations, types, enums] = found;
    expect(operations?.[1]?.[0]).toBe('Request');
    expect(operations?.[1]?.[3]).toBe(HOSTILE.map((role) => flat(role).trim()).join(', '));
    // The types: the request, the response, the long name and ServiceStack's three.
    expect(types).toHaveLength(1 + 6);
    expect(types?.map((row) => row[0])).toContain(`Very${'Long'.repeat(30)}Name`);
    for (const member of HOSTILE) expect(enums?.[1]?.[2]).toContain(flat(member));
    expect(readme).toContain(mdText(HOSTILE.join(' ')));
  });

  it('leave the README to prettier when a request key may be an identifier outside ASCII', async () => {
    const model = hostileModel();
    const request = model.types[0]!;
    if (request.kind === 'object') request.fields.push(field('名前', prim('string')));
    const readme = (await documents(model, hostileConfig)).find((f) => f.path === 'README.md')!;
    expect(readme.printed).toBe(false);
  });

  it('leave the README to prettier when the package name is unusual', async () => {
    const config = { ...evo.config, package: { ...evo.config.package, name: 'Evo_Voice~DTOs' } };
    const readme = (await documents(evo.model, config)).find((f) => f.path === 'README.md')!;
    expect(readme.printed).toBe(false);
  });
});

describe('the JSON printer', () => {
  /** JSON values that stretch the layout: long strings, wide characters, number arrays. */
  const values = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(null, true, false, 0, -0, 1e21, -1.5e-7, 123456789.125, -3),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc
        .tuple(fc.constantFrom('x', '名', '😀', 'é', '\u0301', '"', '\\', '\u2028'), fc.nat(60))
        .map(([unit, count]) => unit.repeat(count)),
      fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 60 }),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('__proto__', '$comment', '1')),
        tie('value'),
        { maxKeys: 5 },
      ),
      fc.array(
        fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { minKeys: 1, maxKeys: 3 }),
        { maxLength: 4 },
      ),
    ),
  })).value;

  it('prints any JSON value as prettier does (json and json-stringify parsers)', async () => {
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const text = JSON.stringify(value);
        expect(printJson(JSON.parse(text))).toBe(await prettier(text, 'json'));
        const object = { key: value, [text.slice(0, 10)]: [value, value] };
        for (const path of ['x.json', 'package.json', 'openapi.json']) {
          const printed = printJsonFile(path, object, 'banner');
          const compact = addBanner(path, JSON.stringify(object), 'banner');
          expect(printed).toBe(await prettier(compact, parserOf(path)));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('the JSON printer at the last column', () => {
  it('fills number arrays and keeps groups flat up to column 100, not 99 or 101', async () => {
    // Items of every width, under keys of every length and at two depths, so that some line
    // ends exactly at column 100 and some group is exactly 100 columns wide with its comma.
    let exact = 0;
    for (let digits = 1; digits <= 8; digits++) {
      const item = Number('9'.repeat(digits));
      for (let keyLength = 1; keyLength <= 10; keyLength++) {
        const key = 'k'.repeat(keyLength);
        const value = {
          [key]: Array.from({ length: 60 }, () => item),
          nested: { [key]: Array.from({ length: 60 }, () => item), after: 1 },
          short: { [key]: Array.from({ length: Math.floor(94 / (digits + 2)) }, () => item) },
          text: 'x'.repeat(80 + keyLength),
        };
        const text = JSON.stringify(value);
        const printed = printJson(value);
        expect(printed).toBe(await prettier(text, 'json'));
        if (printed.split('\n').some((line) => line.length === 100)) exact++;
      }
    }
    expect(exact).toBeGreaterThan(0);
  });
});

describe('the Markdown printer', () => {
  it('measures text as prettier does (tables realign nothing)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(
            fc.oneof(
              fc.string({ unit: 'grapheme', maxLength: 12 }),
              fc.constantFrom('名前', '😀', '👨‍👩‍👧', 'é', 'e\u0301', '→', '—', 'ｗ', '\u200b'),
            ),
            { minLength: 2, maxLength: 2 },
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (cells) => {
          const rows = cells.map((row) => row.map(mdText));
          const table = `${markdownTable(['A', 'B'], rows)}\n`;
          expect(await prettier(table, 'markdown')).toBe(table);
        },
      ),
      { numRuns: 200 },
    );
    expect(stringWidth('名前😀é')).toBe(7);
  });

  it('escapes text and writes code spans that prettier keeps', async () => {
    const units = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ aZ09\t\n\u2028é漢😀'];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...units), { maxLength: 12 }).map((a) => a.join('')),
      fc.constantFrom('a``b', '`', '``', ' a ', ' ` ', 'a\\|b', '|', '\\', '  '),
    );
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        for (const inline of [mdText(value), mdCode(value)]) {
          if (inline === '') continue;
          const paragraph = `# T\n\n${inline}\n`;
          expect(await prettier(paragraph, 'markdown')).toBe(paragraph);
          const table = `${markdownTable(['A'], [[inline]])}\n`;
          expect(await prettier(table, 'markdown')).toBe(table);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the README examples', () => {
  const keys = fc.oneof(
    fc.stringMatching(/^[a-z][A-Za-z0-9]{0,24}$/),
    fc.constantFrom('id', 'a', 'x y', '__proto__', 'it\'s "q"', '1', 'a-b', '名 前', 'data'),
    fc.string({ maxLength: 30 }),
  );
  const sampleValues = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', "it's", 'say "hi"', 'both \' and "', `${'y'.repeat(90)}`, '名前😀'),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
  );
  const names = fc.oneof(
    fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,40}$/),
    fc.constantFrom('X', `${'Long'.repeat(20)}Name`),
  );

  /** A model of one operation whose request has the given fields and sample values. */
  function operationModel(
    name: string,
    fields: [string, unknown][],
    verb: string,
    path: string,
  ): Model {
    const typeOf = (item: unknown): TypeRef =>
      typeof item === 'string'
        ? prim('string')
        : typeof item === 'boolean'
          ? prim('bool')
          : prim('double');
    const sample = Object.fromEntries(fields);
    return {
      operations: [
        {
          name,
          nameSource: 'heading',
          method: verb,
          paths: [path],
          routes: [{ verbs: [verb], path, source: SOURCE }],
          roles: [],
          request: name,
          response: 'Answer',
          samples: {
            request: { format: 'json', text: '', value: sample, source: SOURCE },
          },
          source: SOURCE,
        },
      ],
      types: [
        objectType(
          name,
          fields.map(([key, item]) => field(key, typeOf(item))),
        ),
        objectType('Answer', [field('ok', prim('bool'))]),
      ],
    };
  }

  it('are printed as prettier prints them, for any request, names and route', async () => {
    let sure = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,60}$/),
          fc.constantFrom('Get Things', 'x-y'),
        ),
        fc.uniqueArray(fc.tuple(keys, sampleValues), {
          selector: ([key]) => key,
          maxLength: 8,
        }),
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'),
        fc.constantFrom('/things', '/things/{id}', `/${'segment/'.repeat(12)}{id}/{a-b}`),
        fc.constantFrom('dtos', '@scope/some-long.package-name.dtos'),
        names,
        async (operation, fields, verb, path, packageName, typeName) => {
          const model = operationModel(operation, fields, verb, path);
          const config = resolveConfig({});
          const plan = planPackageNames(model);
          const examples = describeClientExamples(planOperations(model, plan, config), packageName);
          const usage = describeUsageExamples(
            {
              type: typeName,
              is: `is${typeName}`,
              validate: `validate${typeName}`,
              assert: `assert${typeName}`,
            },
            packageName,
          );
          if (examples.unsure || usage.unsure) return;
          sure++;
          const blocks = [
            examples.fetch,
            examples.servicestack,
            examples.openapi,
            usage.guards,
            usage.schema,
          ];
          for (const block of blocks.flatMap(tsBlocks)) {
            expect(await prettierBlock(block), block).toBe(block);
          }
          const markdown = `${blocks.join('\n\n')}\n`;
          expect(await prettier(markdown, 'markdown')).toBe(markdown);
        },
      ),
      { numRuns: 100 },
    );
    // Note: unsure examples are the exception (non-ASCII keys that may be identifiers).
    expect(sure).toBeGreaterThan(70);
  });
});
