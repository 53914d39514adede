/**
 * `Allowable Values` and enum member descriptions, from the page to the package: the model's rule
 * (a `string` field's values restrict it, inside `T?` and `List<T>` too; other types keep their
 * type and the values go to JSDoc), the emitted types (literal unions, safe for any value), the
 * guards and the JSON Schema (closed, agreeing; open under `"enums": "open"`), the OpenAPI
 * document, the self-check of the page's own sample, and member descriptions as JSDoc in both
 * enum styles.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type EnumPolicy, type EnumStyle } from '../src/config/config.js';
import { formatFile } from '../src/emit/format.js';
import { emitPackage, emitSources, type EmitResult } from '../src/emit/index.js';
import { loadCommonJs } from '../src/emit/self-check.js';
import { restrictToAllowableValues } from '../src/model/build.js';
import type { EnumType, Model, TypeRef } from '../src/model/model.js';
import { modelPages, readPageFiles, type ModelRun } from '../src/pipeline.js';
import {
  dict,
  field,
  HOSTILE_VALUES,
  list,
  literals,
  nullable,
  objectType,
  prim,
  ref,
} from './helpers/guards-cases.js';
import { loadModules, typeCheckPackage } from './helpers/package-sources.js';

const ROOT = resolve(import.meta.dirname, '..');
const CONVERT = 'test/fixtures/inference/class5-older-layout/Convert.txt';
const TTF = 'test/fixtures/shared-pages/ttf-rest-input.tab-separated.txt';

type Guard = (value: unknown) => boolean;
type Validate = (
  value: unknown,
) => { success: true } | { success: false; issues: { expected: string; path: unknown[] }[] };

describe('the rule: a string field restricted to its Allowable Values', () => {
  const values = ['Queued', 'Sent'];

  it.each<[string, TypeRef, TypeRef]>([
    ['string', prim('string'), literals('Queued', 'Sent')],
    ['string?', nullable(prim('string')), nullable(literals('Queued', 'Sent'))],
    ['List<string>', list(prim('string')), list(literals('Queued', 'Sent'))],
    [
      'List<string?>?',
      nullable(list(nullable(prim('string')))),
      nullable(list(nullable(literals('Queued', 'Sent')))),
    ],
  ])('%s', (_name, type, expected) => {
    expect(restrictToAllowableValues(type, values)).toEqual(expected);
  });

  it.each<[string, TypeRef]>([
    ['int (documented instead)', prim('int')],
    ['Guid', prim('Guid')],
    ['an enum (its members say it)', ref('Status')],
    ['Dictionary<string, string> (keys or values?)', dict(prim('string'), prim('string'))],
  ])('keeps %s', (_name, type) => {
    expect(restrictToAllowableValues(type, values)).toEqual(type);
  });

  it('keeps the page order, each value once, and needs a value', () => {
    expect(restrictToAllowableValues(prim('string'), ['B', 'A', 'B'])).toEqual(literals('B', 'A'));
    expect(restrictToAllowableValues(prim('string'), [])).toEqual(prim('string'));
    expect(restrictToAllowableValues(prim('string'), undefined)).toEqual(prim('string'));
  });
});

describe.each([
  {
    page: CONVERT,
    type: 'Convert',
    field: 'Mode',
    values: ['Linear', 'Square'],
    path: '/convert/{Mode}',
  },
  {
    page: TTF,
    type: 'Input',
    field: 'MappingType',
    values: ['Base', 'Specialized1', 'Specialized2'],
    path: '/ttf/{MappingType}',
  },
])('the page $page', ({ page, type, field: name, values, path }) => {
  let run: ModelRun;
  let result: EmitResult;
  let api: Record<string, unknown>;
  let file: (path: string) => string;

  beforeAll(async () => {
    const config = resolveConfig({});
    const files = await readPageFiles([join(ROOT, page)], ROOT);
    run = modelPages(files, config);
    result = await emitPackage({
      model: run.model,
      config,
      pages: new Map(files.map((f) => [f.path, f])),
    });
    const byPath = new Map(result.files.map((f) => [f.path, f.content]));
    file = (p) => byPath.get(p) ?? '';
    api = loadCommonJs(byPath, 'dist/cjs/index.js');
  });

  it('restricts the field in the model', () => {
    const owner = run.model.types.find((t) => t.name === type);
    const found = owner?.kind === 'object' ? owner.fields.find((f) => f.name === name) : undefined;
    expect(found?.allowableValues).toEqual(values);
    expect(found?.type).toEqual({ kind: 'literals', values });
  });

  it('compiles, and the page’s placeholder sample ("String") is no fault', () => {
    expect(result.problems).toEqual([]);
    const messages = run.files.flatMap((f) => f.messages);
    expect(messages.filter((m) => m.ruleId === 'sample-invalid')).toEqual([]);
  });

  it('types the field as a literal union', () => {
    const union = values.map((value) => `'${value}'`).join(' | ');
    expect(file('src/types.ts')).toContain(`  ${name}: ${union};\n`);
  });

  it('guards and JSON Schema (schemas.json, openapi.json) agree: the values only', () => {
    const is = api[`is${type}`] as Guard;
    const validate = api[`validate${type}`] as Validate;
    const schemas = JSON.parse(file('schemas.json')) as { $defs: Record<string, object> };
    expect(schemas.$defs[type]).toMatchObject({
      properties: { [name]: { type: 'string', enum: values } },
    });
    const ajv = new Ajv2020({ strict: true }).addSchema(schemas, 'doc');
    const schema = ajv.getSchema(`doc#/$defs/${type}`)!;
    for (const value of values) {
      expect(is({ [name]: value }), value).toBe(true);
      expect(schema({ [name]: value }), value).toBe(true);
    }
    for (const value of ['String', values[0]!.toLowerCase(), `${values[0]} `, 1, null]) {
      expect(is({ [name]: value }), String(value)).toBe(false);
      expect(schema({ [name]: value }), String(value)).toBe(false);
    }
    const failed = validate({ [name]: 'Cubic' });
    expect(failed.success).toBe(false);
    const issue = failed.success ? undefined : failed.issues[0];
    expect(issue?.path).toEqual([name]);
    expect(issue?.expected).toBe(`one of ${values.map((v) => JSON.stringify(v)).join(' | ')}`);

    const openapi = JSON.parse(file('openapi.json')) as {
      paths: Record<string, { post: { parameters: { name: string; schema: unknown }[] } }>;
    };
    const parameter = openapi.paths[path]?.post.parameters.find((p) => p.name === name);
    expect(parameter?.schema).toEqual({ type: 'string', enum: values });
  });
});

describe('the self-check still reports a value the page does not allow', () => {
  it('a sample value outside the Allowable Values is sample-invalid, at its place', async () => {
    const text = (await readFile(join(ROOT, CONVERT), 'utf8')).replace(
      '"Mode":"String"',
      '"Mode":"Cubic"',
    );
    const page = new VFile({ path: 'Convert.txt', cwd: ROOT, value: text });
    const config = resolveConfig({});
    const run = modelPages([page], config);
    await emitPackage({ model: run.model, config, pages: new Map([[page.path, page]]) });
    const invalid = page.messages.filter((m) => m.ruleId === 'sample-invalid');
    expect(invalid.map((m) => [m.line, m.column, m.fatal])).toEqual([
      [26, text.split('\n')[25]!.indexOf('"Cubic"') + 1, true],
    ]);
    expect(invalid[0]!.reason).toContain('expected one of "Linear" | "Square"');
  });
});

/** A model with every way a field can carry Allowable Values, and an enum with descriptions. */
function holderModel(): Model {
  const described: EnumType = {
    kind: 'enum',
    name: 'Tone',
    nameSource: 'heading',
    valueKind: 'none',
    flags: false,
    members: [
      { name: 'Calm', description: 'No alarm */ alert(1); /* at all', source: SOURCE },
      { name: 'Loud', label: 'LOUD', description: 'Rings\nthrice @deprecated', source: SOURCE },
      { name: 'Plain', source: SOURCE },
    ],
  };
  const withValues = (f: ReturnType<typeof field>, values: string[]) => ({
    ...f,
    allowableValues: values,
  });
  return {
    operations: [],
    types: [
      objectType('Holder', [
        withValues(field('status', literals('Queued', 'Sent')), ['Queued', 'Sent']),
        withValues(field('hostile', literals(...HOSTILE_VALUES), false), HOSTILE_VALUES),
        withValues(field('modes', list(literals('A', 'B')), false), ['A', 'B']),
        withValues(field('maybe', nullable(literals('A', 'B')), false), ['A', 'B']),
        {
          ...withValues(field('level', prim('int'), false), ['1', '2', '*/3']),
          description: 'The level',
        },
        field('tone', ref('Tone'), false),
      ]),
      described,
    ],
  };
}

const SOURCE = {
  file: 'holder.txt',
  position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
};

/** The package of {@link holderModel} under an enum style and policy. */
async function holderPackage(enumStyle: EnumStyle, enums: EnumPolicy = 'closed') {
  const sources = emitSources(holderModel(), resolveConfig({ enumStyle, enums }));
  const guards = loadModules(sources.files, ['guards.ts'])['guards.ts']!;
  const ajv = new Ajv2020({ strict: true }).addSchema(sources.schemas, 'doc');
  const schema = ajv.getSchema('doc#/$defs/Holder')!;
  return {
    // Note: as the package ships it (prettier).
    types: await formatFile('types.ts', sources.files['types.ts']!),
    is: guards['isHolder'] as Guard,
    schema: (value: unknown) => schema(value) as boolean,
    typeCheck: (check: string) => typeCheckPackage({ ...sources.files, 'check.ts': check }),
  };
}

/** A module that assigns every hostile value and a wrong one (which must be an error). */
const HOSTILE_CHECK = [
  "import type { Holder } from './types.js';",
  `const all: Holder['hostile'][] = ${JSON.stringify(HOSTILE_VALUES)};`,
  "const holder: Holder = { status: 'Sent', modes: ['A', 'B'], maybe: null, level: 7 };",
  '// @ts-expect-error: not an allowable value',
  "const wrong: Holder = { status: 'Other' };",
  '// @ts-expect-error: not an allowable value of the list',
  "const wrongItem: Holder = { status: 'Sent', modes: ['C'] };",
  'export { all, holder, wrong, wrongItem };',
].join('\n');

describe('emitted from the model', () => {
  it.each<EnumStyle>(['enum', 'union'])(
    'types every value safely, literal unions that reject other strings (%s style)',
    async (style) => {
      const pkg = await holderPackage(style);
      expect(pkg.types).toContain(`status: 'Queued' | 'Sent';`);
      expect(pkg.types).toMatch(/modes\?: \('A' \| 'B'\)\[\];/);
      expect(pkg.types).toContain(`maybe?: 'A' | 'B' | null;`);
      expect(pkg.typeCheck(HOSTILE_CHECK)).toEqual([]);
    },
  );

  it('keeps an int field a number and lists its values in its JSDoc (comment-safe)', async () => {
    const { types, is } = await holderPackage('enum');
    expect(types).toContain(
      '/** The level. Allowable values: "1", "2", "*\\/3". */\n  level?: number;',
    );
    expect(is({ status: 'Sent', level: 7 })).toBe(true);
  });

  it('guards and JSON Schema agree on hostile values, closed', async () => {
    const pkg = await holderPackage('enum');
    const cases: [unknown, boolean][] = [
      ...HOSTILE_VALUES.map((value): [unknown, boolean] => [
        { status: 'Sent', hostile: value },
        true,
      ]),
      [{ status: 'Sent', hostile: 'it' }, false],
      [{ status: 'Sent', hostile: '*/' }, false],
      [{ status: 'Sent', modes: ['A', 'C'] }, false],
      [{ status: 'Sent', maybe: null }, true],
      [{ status: 'Other' }, false],
    ];
    for (const [value, verdict] of cases) {
      expect(pkg.is(value), JSON.stringify(value)).toBe(verdict);
      expect(pkg.schema(value), JSON.stringify(value)).toBe(verdict);
    }
  });

  it('opens the values under "enums": "open" (types, guards and schema)', async () => {
    const pkg = await holderPackage('enum', 'open');
    expect(pkg.types).toContain(`status: 'Queued' | 'Sent' | (string & {});`);
    for (const value of [{ status: 'Other' }, { status: 'Sent', modes: ['C'] }]) {
      expect(pkg.is(value)).toBe(true);
      expect(pkg.schema(value)).toBe(true);
    }
    for (const value of [{ status: 1 }, { status: 'Sent', modes: [null] }]) {
      expect(pkg.is(value)).toBe(false);
      expect(pkg.schema(value)).toBe(false);
    }
  });
});

describe('enum member descriptions', () => {
  it('are JSDoc on the members of a TS enum, safe for comment ends and tags', async () => {
    const { types, typeCheck } = await holderPackage('enum');
    expect(types).toContain('/** No alarm *\\/ alert(1); /* at all */\n  Calm = ');
    expect(types).toContain('/** LOUD — Rings thrice \\@deprecated */\n  Loud = ');
    expect(types).toMatch(/\n {2}Plain = /);
    expect(types).not.toMatch(/\/\*\*[^\n]*\n {2}Plain/);
    expect(
      typeCheck("import { Tone } from './types.js';\nexport const t: Tone = Tone.Calm;"),
    ).toEqual([]);
  });

  it('are listed in the JSDoc of a union type (and of its const object)', async () => {
    const { types, typeCheck } = await holderPackage('union');
    const doc = [
      '/**',
      ' * Sent as the member names.',
      ' * - Calm: No alarm *\\/ alert(1); /* at all',
      ' * - Loud: LOUD — Rings thrice \\@deprecated',
      ' */',
    ].join('\n');
    expect(types).toContain(`${doc}\nexport type Tone = 'Calm' | 'Loud' | 'Plain';`);
    expect(types).toContain(`${doc}\nexport const Tone = `);
    expect(
      typeCheck("import { Tone } from './types.js';\nexport const t: Tone = Tone.Calm;"),
    ).toEqual([]);
  });
});

describe('enum member descriptions read from a page (Member | Description | rows)', () => {
  it.each<EnumStyle>(['enum', 'union'])('reach the types (%s style)', async (enumStyle) => {
    const page = 'test/fixtures/inference/class7-enum-descriptions/CreateTool.txt';
    const config = resolveConfig({ enumStyle });
    const run = modelPages(await readPageFiles([join(ROOT, page)], ROOT), config);
    const types = await formatFile('types.ts', emitSources(run.model, config).files['types.ts']!);
    const documented = [
      ['Language', 'Programming Languages'],
      ['Client', 'Client Libraries'],
      ['Server', 'Server Libraries'],
    ];
    for (const [member, description] of documented) {
      expect(types).toContain(
        enumStyle === 'enum'
          ? `/** ${description} */\n  ${member} = `
          : ` * - ${member}: ${description}\n`,
      );
    }
  });
});
