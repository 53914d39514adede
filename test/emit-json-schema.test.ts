/**
 * The emitted JSON Schema document: its shape, ajv's strict mode, and equivalence with the
 * runtime guards (ajv's verdict equals `isX`'s on every case, the Evo Voice sample and its
 * mutations, and random values shaped by the model).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Model, TypeRef } from '../src/model/model.js';
import type { GuardOptions } from '../src/emit/guards.js';
import { emitJsonSchemas, JSON_SCHEMA_DIALECT } from '../src/emit/json-schema.js';
import { planNames } from '../src/emit/names.js';
import { jsonSchemaFor, type JsonSchemaDocument } from '../templates/runtime.js';
import { buildSliceModel, operation } from './fixtures/evo-slice/model.js';
import { valueArbitrary } from './helpers/guards-arbitrary.js';
import {
  buildCasesModel,
  CASES,
  caseName,
  dict,
  field,
  list,
  nullable,
  objectType,
  pair,
  prim,
  ref,
  SOURCE,
} from './helpers/guards-cases.js';
import { buildEvoModel, readSampleResponse } from './helpers/guards-evo.js';
import { loadGuards, type LoadedGuards } from './helpers/guards-load.js';
import { MUTATIONS } from './helpers/guards-mutations.js';

/** Guards and ajv validators of one model under one set of options. */
interface Pair {
  loaded: LoadedGuards;
  doc: Record<string, unknown>;
  warnings: string[];
  /** ajv's verdict for the type named `name` in the model. */
  ajv(name: string): (value: unknown) => boolean;
}

async function pairOf(model: Model, options: GuardOptions): Promise<Pair> {
  const loaded = await loadGuards(model, options);
  const plan = planNames(model);
  const doc = emitJsonSchemas(model, plan, options);
  const warnings: string[] = [];
  const log = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const ajv = new Ajv2020({ strict: true, logger: { log, warn: log, error: log } });
  ajv.addSchema(doc, 'doc');
  const cache = new Map<string, (value: unknown) => boolean>();
  return {
    loaded,
    doc,
    warnings,
    ajv(name) {
      const id = plan.types.get(name)!;
      let validate = cache.get(id);
      if (validate === undefined) {
        const compiled = ajv.getSchema(`doc#/$defs/${id}`);
        if (compiled === undefined) throw new Error(`no $defs/${id}`);
        validate = (value) => compiled(value) as boolean;
        cache.set(id, validate);
      }
      return validate;
    },
  };
}

const OPTIONS: [string, GuardOptions][] = [
  ['defaults', { strict: false, optional: 'optional' }],
  ['strict, optional-or-null', { strict: true, optional: 'optional-or-null' }],
];

describe('the document', () => {
  test('has a definition for every type, under its TypeScript name, and survives JSON', () => {
    const model = buildEvoModel();
    const doc = emitJsonSchemas(model, planNames(model), OPTIONS[0]![1]);
    const defs = doc['$defs'] as Record<string, unknown>;
    expect(Object.keys(defs)).toEqual(model.types.map((type) => type.name));
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(defs['Struct']).toEqual({
      type: 'object',
      additionalProperties: { $ref: '#/$defs/Value' },
    });
    expect(defs['AudioCodecTypes']).toEqual({
      enum: [
        'PCMU',
        'GSM',
        'PCMA',
        'G722',
        'G729',
        'ILBC',
        'AMR',
        'AMRWB',
        'SPEEX',
        'DTMF',
        'SPEEXWB',
        'ISACWB',
        'ISACSWB',
        'OPUS',
        'G7221',
        'NONE',
      ],
    });
  });

  // Every layout decision in one small model, compared as a whole document written by hand:
  // base fields flattened (subclass first), a generic instance of its own, enum wire forms
  // (names, Value column, flags range), enum-keyed and int-keyed dictionaries, key/value pairs,
  // lists, nullables, integer ranges, strictness and the optional policy.
  const layout = (): Model => ({
    operations: [],
    types: [
      objectType('Base', [field('id', prim('string')), field('note', prim('string'), false)]),
      objectType(
        'Sub',
        [
          field('count', prim('byte')),
          field('tags', list(prim('string')), false),
          field('color', ref('Color'), false),
          field('perms', ref('Perms')),
          field('byColor', dict(ref('Color'), prim('double')), false),
          field('byNumber', dict(prim('int'), nullable(prim('bool')))),
          field('pair', pair(prim('string'), prim('long'))),
          field('page', ref('Page', ref('Base')), false),
          field('anything', prim('object'), false),
        ],
        { base: ref('Base') },
      ),
      objectType('Page', [field('items', list({ kind: 'typeParameter', name: 'T' }))], {
        typeParameters: ['T'],
      }),
      {
        kind: 'enum',
        name: 'Color',
        nameSource: 'heading',
        valueKind: 'string',
        flags: false,
        members: [
          { name: 'Red', value: 'red', source: SOURCE },
          { name: 'Blue', value: 'blue', source: SOURCE },
        ],
      },
      {
        kind: 'enum',
        name: 'Perms',
        nameSource: 'heading',
        valueKind: 'int',
        flags: true,
        members: [0, 1, 2, 4].map((value) => ({ name: `P${value}`, value, source: SOURCE })),
      },
    ],
  });

  test('is the whole document written by hand (defaults)', () => {
    const model = layout();
    const color = { $ref: '#/$defs/Color' };
    expect(emitJsonSchemas(model, planNames(model), OPTIONS[0]![1])).toEqual({
      $schema: JSON_SCHEMA_DIALECT,
      $defs: {
        Base: {
          type: 'object',
          properties: { id: { type: 'string' }, note: { type: 'string' } },
          required: ['id'],
        },
        Sub: {
          type: 'object',
          properties: {
            count: { type: 'integer', minimum: 0, maximum: 255 },
            tags: { type: 'array', items: { type: 'string' } },
            color,
            perms: { $ref: '#/$defs/Perms' },
            byColor: {
              type: 'object',
              propertyNames: { enum: ['red', 'blue'] },
              additionalProperties: { type: 'number' },
            },
            byNumber: {
              type: 'object',
              propertyNames: { pattern: '^-?(?:0|[1-9][0-9]*)$' },
              additionalProperties: { type: ['boolean', 'null'] },
            },
            pair: {
              type: 'object',
              properties: { key: { type: 'string' }, value: { type: 'integer' } },
              required: ['key', 'value'],
            },
            page: { $ref: '#/$defs/Page_Base' },
            anything: {},
            id: { type: 'string' },
            note: { type: 'string' },
          },
          required: ['count', 'perms', 'byNumber', 'pair', 'id'],
        },
        Page: {
          type: 'object',
          properties: { items: { type: 'array', items: {} } },
          required: ['items'],
        },
        Color: { enum: ['red', 'blue'] },
        Perms: { type: 'integer', minimum: 0, maximum: 7 },
        Page_Base: {
          title: 'Page<Base>',
          type: 'object',
          properties: { items: { type: 'array', items: { $ref: '#/$defs/Base' } } },
          required: ['items'],
        },
      },
    });
  });

  test('is the whole document written by hand (strict, optional-or-null)', () => {
    const model: Model = {
      operations: [],
      types: [
        objectType('Base', [field('id', prim('string')), field('note', prim('string'), false)]),
        objectType('Sub', [field('tags', list(prim('int')), false)], { base: ref('Base') }),
      ],
    };
    expect(emitJsonSchemas(model, planNames(model), OPTIONS[1]![1])).toEqual({
      $schema: JSON_SCHEMA_DIALECT,
      $defs: {
        Base: {
          type: 'object',
          properties: { id: { type: 'string' }, note: { type: ['string', 'null'] } },
          required: ['id'],
          additionalProperties: false,
        },
        Sub: {
          type: 'object',
          properties: {
            // Note: `items` only applies to arrays, so `null` joins the type list.
            tags: {
              type: ['array', 'null'],
              items: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
            },
            id: { type: 'string' },
            note: { type: ['string', 'null'] },
          },
          required: ['id'],
          additionalProperties: false,
        },
      },
    });
  });

  test.each(OPTIONS)(
    'compiles in ajv strict mode without warnings (%s)',
    async (_name, options) => {
      for (const model of [buildEvoModel(), buildSliceModel(), buildCasesModel()]) {
        const pair = await pairOf(model, options);
        for (const type of model.types) pair.ajv(type.name);
        expect(pair.warnings).toEqual([]);
      }
    },
  );

  test('jsonSchemaFor (the package runtime’s): a standalone schema with only the definitions the type reaches', () => {
    const model = buildEvoModel();
    const doc = emitJsonSchemas(model, planNames(model), OPTIONS[0]![1]) as JsonSchemaDocument;
    const defs = doc.$defs;
    /** The document a type's standalone schema must be, with the definitions listed. */
    const standalone = (type: string, reached: string[]) => ({
      $schema: JSON_SCHEMA_DIALECT,
      $ref: `#/$defs/${type}`,
      $defs: Object.fromEntries(reached.map((name) => [name, defs[name]])),
    });
    expect(jsonSchemaFor(doc, 'AudioCodecTypes')).toEqual(
      standalone('AudioCodecTypes', ['AudioCodecTypes']),
    );
    expect(jsonSchemaFor(doc, 'Struct')).toEqual(standalone('Struct', ['Struct', 'Value']));
    expect(jsonSchemaFor(doc, 'Value')).toEqual(standalone('Value', ['Value', 'Struct']));
    // Note: base classes are flattened into their subclasses: EntityInfo is not referenced.
    const reached = model.types.map((type) => type.name).filter((name) => name !== 'EntityInfo');
    expect(jsonSchemaFor(doc, 'EndpointInfo')).toEqual(standalone('EndpointInfo', reached));
    const validate = new Ajv2020({ strict: true }).compile(jsonSchemaFor(doc, 'EndpointInfo'));
    expect(validate(readSampleResponse())).toBe(true);
    expect(validate({ type: 'Nope' })).toBe(false);
  });

  test('flags enums: a range when exact, the combinations, or a range that says it is not', () => {
    const flags = (name: string, values: number[]) => ({
      kind: 'enum' as const,
      name,
      nameSource: 'heading' as const,
      valueKind: 'int' as const,
      flags: true,
      members: values.map((value, index) => ({
        name: `M${index}`,
        value,
        source: {
          file: 'x',
          position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        },
      })),
    });
    const model: Model = {
      operations: [],
      types: [
        flags('Low', [0, 1, 2, 4]),
        flags('Gappy', [1, 4]),
        flags(
          'Wide',
          Array.from({ length: 13 }, (_, index) => 2 ** (2 * index)),
        ),
      ],
    };
    const defs = emitJsonSchemas(model, planNames(model), OPTIONS[0]![1])['$defs'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(defs['Low']).toEqual({ type: 'integer', minimum: 0, maximum: 7 });
    expect(defs['Gappy']).toEqual({ enum: [0, 1, 4, 5] });
    expect(defs['Wide']).toMatchObject({ type: 'integer', minimum: 0 });
    expect(defs['Wide']!['description']).toMatch(
      /JSON Schema cannot check bits; the runtime guards do/,
    );
  });

  test('keys that are hard to print stay own properties', () => {
    const model: Model = {
      operations: [],
      types: [
        objectType('Odd', [field('__proto__', prim('int')), field('$ref', prim('string'), false)]),
      ],
    };
    const doc = emitJsonSchemas(model, planNames(model), OPTIONS[0]![1]);
    const odd = (doc['$defs'] as Record<string, Record<string, unknown>>)['Odd']!;
    const properties = odd['properties'] as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(['__proto__', '$ref']);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(JSON.stringify(odd)).toContain('"__proto__":{"type":"integer"');
    // As the package ships it: JSON text, read back with JSON.parse.
    const shipped = JSON.parse(
      JSON.stringify(jsonSchemaFor(doc as JsonSchemaDocument, 'Odd')),
    ) as object;
    const validate = new Ajv2020({ strict: true }).compile(shipped);
    expect(validate(JSON.parse('{"__proto__": 1}'))).toBe(true);
    // Note: ajv 8 mishandles a property named `__proto__`: it ignores `properties.__proto__`,
    // its `required` reads the inherited `{}.__proto__` (so `{}` passes), and
    // `additionalProperties: false` rejects an own `__proto__` key. The guards check it as an
    // ordinary own property (emit-guards.test.ts); the document itself is right.
    expect(JSON.stringify(emitJsonSchemas(model, planNames(model), OPTIONS[1]![1]))).toContain(
      '"properties":{"__proto__":{"type":"integer"',
    );
  });
});

describe.each(OPTIONS)('ajv and the guards agree (%s)', (_name, options) => {
  let cases: Pair;
  let evo: Pair;
  let slice: Pair;
  beforeAll(async () => {
    [cases, evo, slice] = await Promise.all([
      pairOf(buildCasesModel(), options),
      pairOf(buildEvoModel(), options),
      pairOf(buildSliceModel(), options),
    ]);
  });

  test('on every case of every type expression form', () => {
    let compared = 0;
    CASES.forEach((row, index) => {
      const name = caseName(index);
      const is = cases.loaded.guards(name).is;
      const ajv = cases.ajv(name);
      for (const value of [...row.valid, ...row.invalid]) {
        // Note: as JSON (ajv judges JSON values; inherited keys, undefined, NaN do not survive).
        const wrapped = JSON.parse(JSON.stringify({ f: value })) as unknown;
        expect(ajv(wrapped), `${row.name}: ${String(JSON.stringify(value))}`).toBe(is(wrapped));
        compared++;
      }
      // Strictness: an undeclared property.
      expect(ajv({ f: row.valid[0], zz: 1 })).toBe(is({ f: row.valid[0], zz: 1 }));
    });
    expect(compared).toBeGreaterThan(150);
  });

  test('on the Evo Voice sample and every mutation', () => {
    const sample = readSampleResponse();
    const is = evo.loaded.guards('EndpointInfo').is;
    const ajv = evo.ajv('EndpointInfo');
    expect(ajv(sample)).toBe(true);
    expect(is(sample)).toBe(true);
    let rejected = 0;
    for (const mutation of MUTATIONS) {
      const value = structuredClone(sample) as Record<string, unknown>;
      mutation.apply(value);
      const verdict = is(value);
      expect(ajv(value), mutation.name).toBe(verdict);
      if (!verdict) rejected++;
    }
    // Note: under optional-or-null the four "null for …" mutations are valid values.
    expect(rejected).toBe(MUTATIONS.length - (options.optional === 'optional' ? 0 : 4));
    const extra = { ...(sample as object), serverAddedThis: 1 };
    expect(ajv(extra)).toBe(!options.strict);
    expect(is(extra)).toBe(!options.strict);
  });

  test('on the slice samples', () => {
    for (const [name, sample] of [
      ['EndpointInfo', operation.samples.response!.value],
      ['BuyPhoneNumber', operation.samples.request!.value],
    ] as const) {
      expect(slice.ajv(name)(sample)).toBe(true);
      expect(slice.loaded.guards(name).is(sample)).toBe(true);
    }
  });

  test.each([
    ['EndpointInfo (Evo Voice)', 'evo', 'EndpointInfo'],
    ['Struct (recursive)', 'evo', 'Struct'],
    ['ThirdPartySipAccountSettings', 'evo', 'ThirdPartySipAccountSettings'],
    ['EndpointInfo (slice)', 'slice', 'EndpointInfo'],
    ['EndpointPage (generic instance)', 'slice', 'EndpointPage'],
    ...CASES.map((row, index) => [`case ${row.name}`, 'cases', caseName(index)] as const),
  ] as const)('on random values shaped like %s', (label, which, name) => {
    const pair = which === 'evo' ? evo : which === 'slice' ? slice : cases;
    const model =
      which === 'evo' ? buildEvoModel() : which === 'slice' ? buildSliceModel() : buildCasesModel();
    const root: TypeRef = ref(name);
    const is = pair.loaded.guards(name).is;
    const ajv = pair.ajv(name);
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(valueArbitrary(model, root), (value) => {
        const verdict = is(value);
        seen[verdict ? 'valid' : 'invalid']++;
        expect(ajv(value)).toBe(verdict);
      }),
      { numRuns: 200, seed: 42 },
    );
    // Both verdicts came up: the property is not vacuous (but unknown admits every JSON value).
    expect(seen.valid).toBeGreaterThan(0);
    if (!label.includes('(unknown)')) expect(seen.invalid).toBeGreaterThan(0);
  });
});
