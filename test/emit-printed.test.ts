/**
 * The emitters print code already formatted the way prettier leaves it (src/emit/printer.ts), so
 * `generate` needs no prettier pass over them: prettier, run on what they print, changes nothing.
 * Models: the real Evo Voice page under every config variant that changes the printed code, the
 * evo slice (generics, flags, maps), every type expression form, a seeded bench corpus, and
 * models with hostile and very long names (where the printer may ask for prettier after all).
 */
import fc from 'fast-check';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { addBanner, formatFile, PRETTIER_OPTIONS } from '../src/emit/format.js';
import { emitPackage, emitSources } from '../src/emit/index.js';
import { emitGuardsModule } from '../src/emit/guards.js';
import { planNames } from '../src/emit/names.js';
import { ModuleWriter, quote, str } from '../src/emit/printer.js';
import type { Model } from '../src/model/model.js';
import { buildSliceModel } from './fixtures/evo-slice/model.js';
import { corpusPageModel, evoPageModel } from './helpers/models.js';
import { buildCasesModel, field, objectType, prim, ref } from './helpers/guards-cases.js';

/** Prettier with the house options, as `format.ts` runs it. */
async function prettier(text: string): Promise<string> {
  return format(text, { ...PRETTIER_OPTIONS, parser: 'typescript' });
}

/**
 * Names that stretch the layout: quoted, reserved, with every kind of character, and (`long`)
 * wider than the page.
 */
function hostileModel(long: string): Model {
  return {
    operations: [],
    types: [
      objectType('class', [
        field('__proto__', prim('int')),
        field('constructor', prim('string')),
        field('it\'s "quoted" `and` \\ back\nslashed \u2028', prim('string'), false),
        field(long, ref('E'), false),
        field(`${long}${long}`, { kind: 'list', items: ref('E') }),
        field('*/ not a comment', prim('double'), false),
        field('nested', { kind: 'nullable', type: { kind: 'list', items: prim('int') } }, false),
      ]),
      objectType(`Type_${long}`, [field('x', ref('class'), false)]),
      {
        kind: 'enum',
        name: 'E',
        nameSource: 'heading',
        valueKind: 'string',
        flags: false,
        members: ['a', "b'c", 'd"e', long, `${long}2`].map((name) => ({
          name,
          value: name,
          source: {
            file: 'x',
            position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
          },
        })),
      },
    ],
  };
}

const evo = evoPageModel();
const VARIANTS: { name: string; model: Model; options: DtoforgeConfig }[] = [
  { name: 'Evo Voice page', model: evo.model, options: evo.config },
  {
    name: 'Evo Voice page, strict, optional-or-null',
    model: evo.model,
    options: { ...evo.config, strict: true, optional: 'optional-or-null' },
  },
  { name: 'evo slice', model: buildSliceModel(), options: resolveConfig({}) },
  { name: 'every type expression form', model: buildCasesModel(), options: resolveConfig({}) },
  {
    name: 'bench corpus (12 pages)',
    model: corpusPageModel(12, 3).model,
    options: corpusPageModel(12, 3).config,
  },
  { name: 'hostile names', model: hostileModel('longish'), options: resolveConfig({}) },
];

describe('guards.ts is printed as prettier prints it', () => {
  it.each(VARIANTS)('$name', async ({ model, options }) => {
    const emitted = emitGuardsModule(model, planNames(model), options);
    expect(emitted.unsure).toBe(false);
    expect(await prettier(emitted.text)).toBe(emitted.text);
  });

  it('lays out exports whose names fill the line as prettier does, without being unsure', async () => {
    // `export const XSchema: StandardSchemaV1<X> =` over 100 columns: prettier breaks after `=`.
    const names = [40, 42, 44, 46, 48, 60].map((n) => `Type${'X'.repeat(n - 4)}`);
    const model: Model = {
      operations: [],
      types: names.map((name) => objectType(name, [field('a', prim('string'))])),
    };
    const emitted = emitGuardsModule(model, planNames(model), resolveConfig({}));
    expect(emitted.text.split('\n').some((line) => line.length > 100)).toBe(true);
    expect(emitted.unsure).toBe(false);
    expect(await prettier(emitted.text)).toBe(emitted.text);
  });

  it('says when a name wider than the page leaves it unsure (the package runs prettier then)', () => {
    const model = hostileModel(
      'aVeryLongWireNameThatKeepsGoingAndGoingUntilItNoLongerFitsOnOneLine',
    );
    expect(emitGuardsModule(model, planNames(model), resolveConfig({})).unsure).toBe(true);
  });
});

describe('the package', () => {
  it('formats with prettier only what is not printed as prettier prints it already', async () => {
    const sources = emitSources(evo.model, evo.config);
    expect([...sources.formatted].sort()).toEqual([
      'client-runtime.ts',
      'client.ts',
      'guards.ts',
      'index.ts',
      'operations.ts',
      'runtime.ts',
      'schemas.ts',
      'servicestack.ts',
      'types.ts',
    ]);
    const { files } = await emitPackage({ model: evo.model, config: evo.config });
    for (const name of sources.formatted) {
      const file = files.find((candidate) => candidate.path === `src/${name}`);
      expect(file, name).toBeDefined();
      const banner = file!.content.split('\n')[0]!.slice('// '.length);
      const plain = addBanner(file!.path, sources.files[name]!, banner);
      expect(await formatFile(file!.path, plain), name).toBe(file!.content);
    }
  });
});

describe('the printer', () => {
  it('quotes strings as prettier does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (value) => {
        const text = `const x = ${quote(value)};\n`;
        expect(await prettier(text)).toBe(text);
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        expect(new Function(`return ${quote(value)};`)()).toBe(value);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('lays out long statements as prettier does, or says it is not sure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 12 }),
        async (values) => {
          const out = new ModuleWriter();
          out.constant({
            name: 'values',
            init: { kind: 'call', callee: 'f', args: values.map(str) },
          });
          out.constant({
            name: 'set',
            init: {
              kind: 'call',
              callee: 'Set',
              isNew: true,
              pure: true,
              args: [{ kind: 'array', items: values.map(str) }],
            },
          });
          const text = out.toString();
          if (!out.unsure) expect(await prettier(text)).toBe(text);
        },
      ),
      { numRuns: 200, seed: 12 },
    );
  });
});
