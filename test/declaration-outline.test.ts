/**
 * The declarations of the package come from each module's outline (src/emit/outline.ts: bodies,
 * initializers and unexported code left out): made ambient, it is the declaration file itself
 * and TypeScript is not loaded; otherwise TypeScript's declaration emit reads the outline, a
 * fraction of the text. Neither may change what the package declares: for every module of every
 * package emitted here — the Evo Voice page under the config variants, the evo slice, every type
 * expression form, a seeded bench corpus, and mutated pages from the page fuzzer — the
 * declarations of the outline are byte-identical to those of the whole module, and the ambient
 * declarations are TypeScript's, printed alike (one printer over both: same declarations, same
 * types, same documentation comments; quotes and number spellings aside).
 */
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { emitSources } from '../src/emit/index.js';
import { ambientDeclarations, declarationOutline } from '../src/emit/outline.js';
import type { Model } from '../src/model/model.js';
import { buildSliceModel } from './fixtures/evo-slice/model.js';
import { corpusPageModel, evoPageModel } from './helpers/models.js';
import { buildCasesModel } from './helpers/guards-cases.js';
import { fixtureSeeds, mutatedPageArb, realSeed, windowSeeds } from './fuzz/arbitraries.js';
import { runPage } from './fuzz/pipeline.js';
import { normalizeDeclarations } from './helpers/declarations.js';
import { SEED } from './fuzz/scale.js';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  declaration: true,
  isolatedModules: true,
  types: [],
};

function typeScriptDeclarations(name: string, text: string): { text: string; errors: number } {
  const output = ts.transpileDeclaration(text, {
    fileName: `/package/src/${name}`,
    compilerOptions: OPTIONS,
    reportDiagnostics: true,
  });
  return { text: output.outputText, errors: output.diagnostics?.length ?? 0 };
}

/**
 * Every module of a package: the outline's declarations equal the whole module's. Returns how
 * many modules had an outline.
 */
function expectSameDeclarations(files: Record<string, string>, label: string): number {
  let outlined = 0;
  for (const [name, text] of Object.entries(files)) {
    const outline = declarationOutline(text);
    if (outline === undefined) continue;
    const whole = typeScriptDeclarations(name, text);
    // Note: compile.ts takes the whole module when the outline does not compile.
    const fromOutline = typeScriptDeclarations(name, outline);
    if (fromOutline.errors > 0) continue;
    outlined++;
    expect(fromOutline.text, `${label}: ${name}`).toBe(whole.text);
  }
  return outlined;
}

/**
 * Every module of a package whose outline is ambient: its declarations are TypeScript's. Returns
 * how many modules were.
 */
function expectAmbientDeclarations(files: Record<string, string>, label: string): number {
  let ambient = 0;
  for (const [name, text] of Object.entries(files)) {
    const declarations = ambientDeclarations(text);
    if (declarations === undefined) continue;
    ambient++;
    expect(normalizeDeclarations(declarations), `${label}: ${name}`).toBe(
      normalizeDeclarations(typeScriptDeclarations(name, text).text),
    );
  }
  return ambient;
}

describe('declarations from the outline', () => {
  const page = evoPageModel();
  const variants: { name: string; model: Model; config: DtoforgeConfig }[] = [
    { name: 'Evo Voice page', ...page },
    {
      name: 'Evo Voice, strict, optional-or-null, union enums, open enums',
      model: page.model,
      config: {
        ...page.config,
        strict: true,
        optional: 'optional-or-null',
        enumStyle: 'union',
        enums: 'open',
      },
    },
    { name: 'evo slice', model: buildSliceModel(), config: resolveConfig({}) },
    { name: 'every type expression form', model: buildCasesModel(), config: resolveConfig({}) },
    { name: 'bench corpus', ...corpusPageModel(12, 3) },
  ];

  it.each(variants)(
    '$name: every module outlined and made ambient, same declarations',
    ({ name, model, config }) => {
      const files = emitSources(model, config).files;
      // Every module of the package has an outline that compiles.
      expect(expectSameDeclarations(files, name)).toBe(Object.keys(files).length);
      // Every module is made ambient: TypeScript is not loaded to declare this package.
      expect(expectAmbientDeclarations(files, name)).toBe(Object.keys(files).length);
    },
  );

  it('mutated pages (page fuzzer): same declarations', () => {
    const real = realSeed();
    const seeds = [...fixtureSeeds(), ...windowSeeds(real, 1)];
    let packages = 0;
    fc.assert(
      fc.property(mutatedPageArb(seeds), (mutated) => {
        const run = runPage(mutated.seed.path, mutated.text, mutated.seed.config);
        let files: Record<string, string>;
        try {
          files = emitSources(run.model, mutated.seed.config).files;
        } catch {
          return; // The page fuzzer reports emit crashes; here only declarations matter.
        }
        packages++;
        expectSameDeclarations(files, mutated.seed.path);
        expectAmbientDeclarations(files, mutated.seed.path);
      }),
      { numRuns: 20, ...SEED },
    );
    expect(packages).toBeGreaterThan(10);
  });
});

describe('the outline', () => {
  it('keeps types and exported signatures, leaves out bodies and unexported code', () => {
    const text = [
      "import { helper, type T } from './t.js';",
      '',
      '/** A type of its own. */',
      'interface Local {',
      '  a: string;',
      '}',
      '',
      'function check(v: unknown): boolean {',
      '  return helper(v);',
      '}',
      '',
      '/** Exported. */',
      'export const isT: (value: unknown) => value is T = (v): v is T => check(v);',
      'export function make(a: Local, b: { x: number } = { x: 1 }): Local {',
      '  return a;',
      '}',
      "export const NAMES = { a: 'x' } as const;",
      '',
    ].join('\n');
    expect(declarationOutline(text)).toBe(
      [
        "import { helper, type T } from './t.js';",
        '/** A type of its own. */',
        'interface Local {',
        '  a: string;',
        '}',
        '/** Exported. */',
        'export declare const isT: (value: unknown) => value is T;',
        'export declare function make(a: Local, b?: { x: number }): Local;',
        "export const NAMES = { a: 'x' } as const;",
      ].join('\n'),
    );
  });

  it('gives up on a statement it does not know (then the whole module is compiled)', () => {
    expect(declarationOutline('export const x: number;\n')).toBeUndefined();
    expect(declarationOutline('label: for (;;) {}\n')).toBeUndefined();
    expect(declarationOutline('export function f(): { a: 1 } {\n  return { a: 1 };\n}\n')).toBe(
      undefined,
    );
  });
});
