/**
 * The fast emit path keeps the output of the slow one: prettier in pieces (on worker threads or
 * not) prints what prettier prints on the whole file, the `babel-ts` parser prints what the
 * `typescript` parser prints, `transpileDeclaration` gives the declarations of the type-checked
 * program, and the emitted sources still type-check (the check `generate` no longer runs).
 *
 * Models: the real Evo Voice page, the evo slice (generics, flags, maps), every type expression
 * form, and a seeded bench corpus; under each config variant that changes the printed code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, ts } from 'ts-morph';
import { format } from 'prettier';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/corpus.js';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { compileSources } from '../src/emit/compile.js';
import { normalizeDeclarations } from './helpers/declarations.js';
import {
  formatFile,
  PRETTIER_OPTIONS,
  splitStatements,
  startFormatting,
} from '../src/emit/format.js';
import { emitPackage, emitSources } from '../src/emit/index.js';
import { buildModel } from '../src/model/index.js';
import type { Model } from '../src/model/model.js';
import { readPage } from '../src/parse/index.js';
import { buildCasesModel } from './helpers/guards-cases.js';
import { buildSliceModel } from './fixtures/evo-slice/model.js';

const ROOT = join(import.meta.dirname, '..');

/** The real page, as `generate` reads it. */
function evoPage(): { model: Model; config: DtoforgeConfig; page: VFile } {
  const config = resolveConfig(
    JSON.parse(readFileSync(join(ROOT, 'dtoforge.config.json'), 'utf8')) as DtoforgeConfig,
  );
  const page = new VFile({
    path: 'input/BuyPhoneNumber.txt',
    value: readFileSync(join(ROOT, 'input', 'BuyPhoneNumber.txt'), 'utf8'),
  });
  return { model: buildModel([{ file: page, page: readPage(page) }], config), config, page };
}

function corpusModel(): { model: Model; config: DtoforgeConfig } {
  const corpus = generateCorpus({ pages: 12, seed: 3 });
  const pages = corpus.pages.map((page) => {
    const file = new VFile({ path: page.file, value: page.text });
    return { file, page: readPage(file) };
  });
  return { model: buildModel(pages, corpus.config), config: corpus.config };
}

const evo = evoPage();
const corpus = corpusModel();
const VARIANTS: { name: string; model: Model; config: DtoforgeConfig }[] = [
  { name: 'Evo Voice page', model: evo.model, config: evo.config },
  {
    name: 'Evo Voice page, strict, optional-or-null, unions',
    model: evo.model,
    config: { ...evo.config, strict: true, optional: 'optional-or-null', enumStyle: 'union' },
  },
  { name: 'evo slice', model: buildSliceModel(), config: resolveConfig({}) },
  { name: 'every type expression form', model: buildCasesModel(), config: resolveConfig({}) },
  { name: 'bench corpus (12 pages)', model: corpus.model, config: corpus.config },
];
const SOURCES = VARIANTS.map((variant) => ({
  ...variant,
  sources: emitSources(variant.model, variant.config).files,
}));

describe('prettier in pieces', () => {
  it.each(SOURCES)('prints what prettier prints on whole files: $name', async ({ sources }) => {
    const jobs = Object.entries(sources).map(([name, text]) => ({ path: `src/${name}`, text }));
    // Small pieces, so that every file of any size is cut many times.
    expect(splitStatements(sources['guards.ts']!, 2048).length).toBeGreaterThan(3);
    const whole = await Promise.all(jobs.map((job) => formatFile(job.path, job.text)));
    const here = await startFormatting(jobs, { workers: 0, pieceSize: 2048 }).finish();
    const threads = await startFormatting(jobs, { workers: 2, pieceSize: 2048 }).finish();
    expect(here).toEqual(whole);
    expect(threads).toEqual(whole);
  });

  it('cuts only between top-level statements, never inside a statement (ASI)', () => {
    const text = 'const a = 1\n\n+ 2;\n\nfunction f(): void {\n  g();\n\n  h();\n}\n\nf();\n';
    expect(splitStatements(text, 1)).toEqual([
      'const a = 1\n\n+ 2;\n',
      'function f(): void {\n  g();\n\n  h();\n}\n',
      'f();\n',
    ]);
  });

  it('formats the file whole when a cut lands in a template literal or a comment', async () => {
    const text = [
      'const a = `x;',
      '',
      'function inTemplate() {}`;',
      '',
      '/* c;',
      '',
      'const inComment = 1; */',
      'export function after( ): void {}',
      '',
    ].join('\n');
    expect(splitStatements(text, 1).length).toBeGreaterThan(2);
    const whole = await formatFile('src/a.ts', text);
    const jobs = [{ path: 'src/a.ts', text }];
    expect(await startFormatting(jobs, { workers: 0, pieceSize: 1 }).finish()).toEqual([whole]);
    expect(await startFormatting(jobs, { workers: 1, pieceSize: 1 }).finish()).toEqual([whole]);
  });

  it('leaves files prettier does not know as they are, with LF endings', async () => {
    const jobs = [
      { path: 'LICENSE', text: 'MIT\r\nLicense' },
      { path: 'package.json', text: '{"name":"x"}' },
    ];
    expect(await startFormatting(jobs, { workers: 1 }).finish()).toEqual([
      'MIT\nLicense\n',
      await formatFile('package.json', '{"name":"x"}'),
    ]);
  });
});

describe('the babel-ts parser', () => {
  it.each(SOURCES)('prints what the typescript parser prints: $name', async ({ sources }) => {
    for (const [name, text] of Object.entries(sources)) {
      const typescript = await format(text, { ...PRETTIER_OPTIONS, parser: 'typescript' });
      expect(await formatFile(`src/${name}`, text), name).toBe(typescript);
    }
  });
});

describe('compiling without a checker', () => {
  it.each(SOURCES)(
    'gives the declarations of the checked program, which finds no error: $name',
    async ({ sources }) => {
      const fast = await compileSources(sources);
      expect(fast.problems).toEqual([]);
      expect(fast.notes).toEqual([]);
      const checked = await compileSources(sources, { check: true });
      expect(checked.problems).toEqual([]);
      expect(checked.files).toEqual(fast.files);

      // The declarations a whole program emits (as `tsc` would), file by file.
      const project = new Project({
        useInMemoryFileSystem: true,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          lib: ['lib.es2022.d.ts'],
          module: ts.ModuleKind.ESNext,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          declaration: true,
          skipLibCheck: true,
          types: [],
          rootDir: '/package/src',
          outDir: '/package/dist/esm',
        },
      });
      for (const [name, text] of Object.entries(sources)) {
        project.createSourceFile(`/package/src/${name}`, text);
      }
      const program = project
        .emitToMemory({ emitOnlyDtsFiles: true })
        .getFiles()
        .map((file) => ({ path: file.filePath.replace('/package/', ''), content: file.text }));
      // Note: declarations written without TypeScript (outline.ts) are laid out as the sources;
      // they must declare what the program's do.
      const declarations = fast.files.filter((file) => file.path.startsWith('dist/esm/'));
      const normal = (files: { path: string; content: string }[]) =>
        files.map((file) => ({ path: file.path, content: normalizeDeclarations(file.content) }));
      expect(normal(declarations.filter((file) => file.path.endsWith('.d.ts')))).toEqual(
        normal(program.sort((a, b) => (a.path < b.path ? -1 : 1))),
      );
      // Both builds ship the same declarations and one module per source.
      for (const name of Object.keys(sources)) {
        const base = name.replace(/\.ts$/, '');
        const esm = fast.files.find((file) => file.path === `dist/esm/${base}.d.ts`);
        const cjs = fast.files.find((file) => file.path === `dist/cjs/${base}.d.ts`);
        expect(cjs?.content).toBe(esm?.content);
        expect(fast.files.map((file) => file.path)).toContain(`dist/esm/${base}.js`);
        expect(fast.files.map((file) => file.path)).toContain(`dist/cjs/${base}.js`);
      }
    },
  );

  it('falls back to the checked program when an export has no explicit type, and says why', async () => {
    const result = await compileSources({ 'a.ts': 'export const x = [1, 2].map((n) => n * 2);\n' });
    expect(result.problems).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/transpileDeclaration reported[\s\S]*TS9010/);
    const declaration = result.files.find((file) => file.path === 'dist/esm/a.d.ts');
    expect(declaration?.content).toBe('export declare const x: number[];\n');
    expect(result.files.find((file) => file.path === 'dist/cjs/a.d.ts')?.content).toBe(
      declaration?.content,
    );
  });

  it('reports a syntax error and, when asked, a type error as problems', async () => {
    expect(
      (await compileSources({ 'a.ts': 'export const x: number = ;\n' })).problems.join('\n'),
    ).toMatch(/src\/a\.ts.*TS1109/);
    const typed = 'export const x: number = "one";\n';
    expect((await compileSources({ 'a.ts': typed })).problems).toEqual([]);
    expect((await compileSources({ 'a.ts': typed }, { check: true })).problems.join('\n')).toMatch(
      /TS2322/,
    );
  });

  it('emits the same package with verify, which finds no error on the real page', async () => {
    const page = (): Map<string, VFile> =>
      new Map([[evo.page.path, new VFile({ path: evo.page.path, value: evo.page.value })]]);
    const plain = await emitPackage({ model: evo.model, config: evo.config, pages: page() });
    const verified = await emitPackage({
      model: evo.model,
      config: evo.config,
      pages: page(),
      verify: true,
    });
    expect(verified.problems).toEqual([]);
    expect(verified.notes).toEqual([]);
    expect(verified.files).toEqual(plain.files);
    // The builds are the compilers' output with the banner, not prettier's.
    const cjs = plain.files.find((file) => file.path === 'dist/cjs/guards.js')?.content ?? '';
    expect(cjs).toMatch(/^\/\/ This file was generated by dtoforge from .*\n\n"use strict";\n/);
  });
});
