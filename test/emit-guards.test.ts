/**
 * The emitted guards, compiled and run: every type expression form, the Evo Voice sample and
 * targeted mutations of it, strictness and the optional policy, robustness against hostile
 * values, and the type-check of the emitted module.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Model } from '../src/model/model.js';
import { readTemplateSync } from '../src/emit/package.js';
import { describeGuardOptions } from '../src/emit/readme.js';
import { MAX_DEPTH, MAX_ISSUES, MAX_VALUES } from '../templates/runtime.js';
import { buildSliceModel, operation } from './fixtures/evo-slice/model.js';
import {
  supportTypes,
  buildCasesModel,
  CASES,
  caseName,
  field,
  objectType,
  prim,
  ref,
} from './helpers/guards-cases.js';
import { buildEvoModel, readSampleResponse } from './helpers/guards-evo.js';
import {
  loadGuards,
  ROOT,
  typeCheckGuards,
  type LoadedGuards,
  type Result,
} from './helpers/guards-load.js';
import { MUTATIONS } from './helpers/guards-mutations.js';
import { countedArray, countedObject } from './helpers/count-reads.js';

/** The issues of a failed result (fails the test on success). */
function issuesOf(result: Result) {
  expect(result.success).toBe(false);
  return result.success ? [] : result.issues;
}

describe('every type expression form', () => {
  let loaded: LoadedGuards;
  beforeAll(async () => {
    loaded = await loadGuards(buildCasesModel());
  });

  test.each(CASES.map((row, index) => [row.name, index] as const))('%s', (_name, index) => {
    const row = CASES[index]!;
    const guards = loaded.guards(caseName(index));
    for (const value of row.valid) {
      expect(guards.is({ f: value }), `accepts ${String(JSON.stringify(value))}`).toBe(true);
      expect(guards.validate({ f: value })).toEqual({ success: true, value: { f: value } });
    }
    for (const value of row.invalid) {
      expect(guards.is({ f: value }), `rejects ${String(JSON.stringify(value))}`).toBe(false);
      const issues = issuesOf(guards.validate({ f: value }));
      expect(issues.length).toBeGreaterThan(0);
      // Every issue is inside the field, with an "Unexpected …, expected …" message.
      for (const issue of issues) {
        expect(issue.path[0]).toBe('f');
        expect(issue.message).toMatch(/^Unexpected .+, expected .+/);
      }
    }
    // The field is required: absent or inherited does not count.
    expect(guards.is({})).toBe(false);
    expect(guards.is(Object.create({ f: row.valid[0] }))).toBe(false);
    expect(issuesOf(guards.validate({}))[0]).toMatchObject({ path: ['f'], received: 'nothing' });
  });
});

describe('the Evo Voice response (EndpointInfo)', () => {
  let loaded: LoadedGuards;
  const sample = readSampleResponse();
  beforeAll(async () => {
    loaded = await loadGuards(buildEvoModel());
  });

  test('accepts the page sample with every guard', () => {
    const guards = loaded.guards('EndpointInfo');
    expect(guards.is(sample)).toBe(true);
    expect(guards.validate(sample)).toEqual({ success: true, value: sample });
    expect(() => guards.assert(sample)).not.toThrow();
    expect(guards.schema['~standard'].validate(sample)).toEqual({ value: sample });
    expect(guards.schema['~standard']).toMatchObject({ version: 1, vendor: 'dtoforge' });
  });

  test('the sample is no valid value of unrelated types', () => {
    expect(loaded.guards('Struct').is(sample)).toBe(false);
    expect(loaded.guards('AudioCodecTypes').is('PCMU')).toBe(true);
    expect(loaded.guards('AudioCodecTypes').is(0)).toBe(false);
    expect(loaded.guards('EntityIntegrationData').is({ a: { thirdPartyId: 'x' } })).toBe(true);
  });

  test.each(MUTATIONS.map((mutation) => [mutation.name, mutation] as const))(
    'rejects: %s',
    (_name, mutation) => {
      const guards = loaded.guards('EndpointInfo');
      const value = structuredClone(sample) as Record<string, unknown>;
      mutation.apply(value);
      expect(guards.is(value)).toBe(false);
      const issues = issuesOf(guards.validate(value));
      expect(issues.map((issue) => issue.path)).toEqual([mutation.path]);
      expect(issues[0]!.message).toMatch(/^Unexpected .+, expected .+/);
      expect(() => guards.assert(value)).toThrow(/Invalid EndpointInfo/);
      const standard = guards.schema['~standard'].validate(value);
      expect(standard.issues?.map((issue) => issue.path)).toEqual([mutation.path]);
    },
  );

  test('reports every issue, not only the first', () => {
    // Note: these two replace the parents of other mutations' paths.
    const parents = new Set(['object for a list of accounts', 'array for a Struct']);
    const value = structuredClone(sample) as Record<string, unknown>;
    const applied = MUTATIONS.filter((mutation) => !parents.has(mutation.name));
    for (const mutation of applied) mutation.apply(value);
    const issues = issuesOf(loaded.guards('EndpointInfo').validate(value));
    const sorted = (paths: (string | number)[][]) => paths.map((path) => path.join('/')).sort();
    expect(sorted(issues.map((issue) => issue.path))).toEqual(
      sorted(applied.map((mutation) => mutation.path)),
    );
  });

  test('messages say what was found and what was expected', () => {
    const value = structuredClone(sample) as { thirdPartyPhoneSystemSettings: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    value.thirdPartyPhoneSystemSettings.sipSettings.accounts[0].audioCodecs[0] = 'pcmu';
    const [issue] = issuesOf(loaded.guards('EndpointInfo').validate(value));
    expect(issue).toMatchObject({
      path: ['thirdPartyPhoneSystemSettings', 'sipSettings', 'accounts', 0, 'audioCodecs', 0],
      received: '"pcmu"',
    });
    expect(issue!.expected).toMatch(/^AudioCodecTypes \("PCMU" \| "GSM" \| .*…\)$/);
    expect(issue!.message).toBe(`Unexpected "pcmu", expected ${issue!.expected}`);
    try {
      loaded.guards('EndpointInfo').assert(value);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('ValidationError');
      expect((error as { issues: unknown[] }).issues).toHaveLength(1);
      expect((error as Error).message).toContain(
        'thirdPartyPhoneSystemSettings.sipSettings.accounts[0].audioCodecs[0]: Unexpected "pcmu"',
      );
    }
  });
});

describe('strictness and the optional policy', () => {
  const model = (): Model => ({
    operations: [],
    types: [
      objectType('Base', [field('id', prim('string'), false)]),
      objectType('Item', [field('n', prim('int'), false), field('req', prim('bool'))], {
        base: ref('Base'),
      }),
    ],
  });

  test('unknown properties: accepted by default, rejected when strict', async () => {
    const lax = (await loadGuards(model())).guards('Item');
    const strict = (await loadGuards(model(), { strict: true })).guards('Item');
    const value = { id: 'a', n: 1, req: true, extra: 1 };
    expect(lax.is(value)).toBe(true);
    expect(strict.is(value)).toBe(false);
    expect(strict.is({ id: 'a', n: 1, req: true })).toBe(true);
    expect(issuesOf(strict.validate(value))).toMatchObject([
      {
        path: ['extra'],
        message: 'Unexpected property "extra", expected only the properties of Item',
      },
    ]);
    // Per call, both ways.
    expect(issuesOf(lax.validate(value, { strict: true }))[0]!.path).toEqual(['extra']);
    expect(strict.validate(value, { strict: false }).success).toBe(true);
    expect(
      lax.schema['~standard'].validate(value, { libraryOptions: { strict: true } }).issues,
    ).toHaveLength(1);
    // Inherited enumerable keys are no properties of the value.
    const inherited = Object.assign(Object.create({ extra: 1 }), { req: true });
    expect(strict.is(inherited)).toBe(true);
  });

  test('null on optional fields only with optional-or-null', async () => {
    const plain = (await loadGuards(model())).guards('Item');
    const orNull = (await loadGuards(model(), { optional: 'optional-or-null' })).guards('Item');
    expect(plain.is({ req: true, n: null })).toBe(false);
    expect(orNull.is({ req: true, n: null, id: null })).toBe(true);
    expect(orNull.is({ req: null })).toBe(false);
    expect(orNull.is({ req: true, n: 1.5 })).toBe(false);
  });

  test('an optional property holding undefined counts as absent (as JSON.stringify drops it)', async () => {
    const guards = (await loadGuards(model())).guards('Item');
    expect(guards.is({ req: true, n: undefined })).toBe(true);
    expect(guards.validate({ req: true, n: undefined }).success).toBe(true);
    // A required one is missing.
    expect(issuesOf(guards.validate({ req: undefined }))).toMatchObject([
      { path: ['req'], received: 'nothing' },
    ]);
  });
});

describe('the hand-built slice (generics, flags, enum-keyed maps, key/value pairs)', () => {
  let loaded: LoadedGuards;
  beforeAll(async () => {
    loaded = await loadGuards(buildSliceModel());
  });

  test('accepts its samples', () => {
    expect(loaded.guards('EndpointInfo').is(operation.samples.response!.value)).toBe(true);
    expect(loaded.guards('BuyPhoneNumber').is(operation.samples.request!.value)).toBe(true);
  });

  test('checks the instantiation of a generic type', () => {
    const page = loaded.guards('EndpointPage');
    expect(page.is({ page: { offset: 0, results: [{ id: 'a' }] } })).toBe(true);
    expect(issuesOf(page.validate({ page: { offset: 0, results: [{ id: 2 }] } }))).toMatchObject([
      { path: ['page', 'results', 0, 'id'] },
    ]);
    // QueryResponse alone is QueryResponse<unknown>.
    expect(loaded.guards('QueryResponse').is({ offset: 0, results: [1, 'x', {}] })).toBe(true);
  });

  test('flags enums are numbers within the mask', () => {
    const info = loaded.guards('EndpointInfo');
    const base = { id: 'x' };
    expect(info.is({ ...base, permissions: 7 })).toBe(true);
    expect(info.is({ ...base, permissions: 8 })).toBe(false);
    expect(info.is({ ...base, permissions: 'Read' })).toBe(false);
  });

  test('key/value pairs and enum-keyed maps', () => {
    const info = loaded.guards('EndpointInfo');
    expect(info.is({ id: 'x', pair: { key: 'a', value: 1 } })).toBe(true);
    expect(issuesOf(info.validate({ id: 'x', pair: { key: 'a' } }))).toMatchObject([
      { path: ['pair', 'value'], received: 'nothing' },
    ]);
    expect(
      issuesOf(info.validate({ id: 'x', codecPreferences: { PCMU: 1, MP3: 2 } })),
    ).toMatchObject([{ path: ['codecPreferences', 'MP3'], received: 'the key "MP3"' }]);
    expect(info.is({ id: 'x', 'weird-name': [1, null] })).toBe(true);
  });
});

describe('robustness: a guard never throws, never hangs, never mutates', () => {
  let evo: LoadedGuards;
  let cases: LoadedGuards;
  beforeAll(async () => {
    evo = await loadGuards(buildEvoModel());
    cases = await loadGuards(buildCasesModel());
  });
  const listOfString = () =>
    cases.guards(caseName(CASES.findIndex((row) => row.name === 'List<string>')));

  /**
   * The work the guards may do, in reads of the counted values (test/helpers/count-reads.ts),
   * for one verdict ({@link verdicts}: is, validate, and the Standard Schema, which calls
   * validate). LEVELS: the Struct levels within the depth limit (a level is two values).
   * - is: one read per value it visits, and it stops at the first failure: LEVELS down a too
   *   deep value.
   * - validate: 2·LEVELS down a too deep value (the fast check, then the report, which walks
   *   into a value of a recursive type without checking it first: linear in depth, see the test
   *   below), and at most eight reads per further issue (since the guards redesign of #11: 7,888
   *   reads for the 1,000 further issues of the cyclic Struct below, where the old guards read
   *   about four per issue).
   */
  const LEVELS = MAX_DEPTH / 2;
  const VALIDATE_DEEP_READS = 2 * LEVELS;
  const DEEP_VERDICT_READS = LEVELS + 2 * VALIDATE_DEEP_READS;
  const READS_PER_FURTHER_ISSUE = 8;

  /** Run every entry point of a type on a value; none may throw. */
  function verdicts(name: string, value: unknown, loaded = evo) {
    const guards = loaded.guards(name);
    let is = false;
    let result: Result | undefined;
    expect(() => (is = guards.is(value))).not.toThrow();
    expect(() => (result = guards.validate(value))).not.toThrow();
    expect(() => guards.schema['~standard'].validate(value)).not.toThrow();
    expect(result!.success).toBe(is);
    return { is, result: result! };
  }

  test('hostile scalars and shapes: the verdict on every one', () => {
    // EndpointInfo has no required field. An object that is not an array is an object, whatever
    // its class (as JSON Schema and ajv judge it): a Date, a Map or a String object has no field
    // of EndpointInfo, so it is a valid (empty) EndpointInfo unless strict.
    const hostile: [string, unknown, boolean][] = [
      ['undefined', undefined, false],
      ['null', null, false],
      ['NaN', NaN, false],
      ['-0', -0, false],
      ['Infinity', Infinity, false],
      ['a bigint', 0n, false],
      ['a symbol', Symbol('s'), false],
      ['a function', () => 1, false],
      ['a Date', new Date(0), true],
      ['a Map', new Map([['id', 1]]), true],
      ['an array', [], false],
      ['a string', 'EndpointInfo', false],
      ['a String object', new String('x'), true],
      ['an empty object', {}, true],
    ];
    for (const [label, value, valid] of hostile) {
      const { is, result } = verdicts('EndpointInfo', value);
      expect(is, label).toBe(valid);
      if (!valid) {
        expect(
          issuesOf(result).map((issue) => issue.path),
          label,
        ).toEqual([[]]);
      }
    }
  });

  test('cyclic values get a verdict, within the value budget (reads counted, not timed)', () => {
    const struct: Record<string, unknown> = {};
    struct['a'] = { structValue: struct };
    const { is, result } = verdicts('Struct', struct);
    expect(is).toBe(false);
    expect(issuesOf(result)[0]!.message).toMatch(/^Unexpected nesting deeper than 512 levels/);
    // Two self references per level: exponential unless the value budget stops it. Every
    // `structValue` read is counted: is, validate and the Standard Schema each stop within the
    // budget.
    const counter = { reads: 0 };
    const wide: Record<string, unknown> = {};
    wide['a'] = countedObject(counter, 'structValue', () => wide);
    wide['b'] = countedObject(counter, 'structValue', () => wide);
    expect(verdicts('Struct', wide).is).toBe(false);
    // Each entry point stops at the depth limit (and validate at the issue cap), far below the
    // value budget: a walk of the 2^512 paths would never end.
    expect(counter.reads).toBeLessThanOrEqual(
      DEEP_VERDICT_READS + 2 * READS_PER_FURTHER_ISSUE * MAX_ISSUES,
    );
  });

  test('100,000-deep Struct nesting: a clear issue, no stack overflow, no walk past the limit', () => {
    const counter = { reads: 0 };
    let deep: Record<string, unknown> = { leaf: { stringValue: 'x' } };
    for (let index = 0; index < 100_000; index++) {
      const child = deep;
      deep = { k: countedObject(counter, 'structValue', () => child) };
    }
    const { is, result } = verdicts('Struct', deep);
    expect(is).toBe(false);
    const [issue] = issuesOf(result);
    expect(issue!.message).toMatch(
      /^Unexpected nesting deeper than 512 levels .*, expected (Struct|Value) nested at most 512 levels deep$/,
    );
    expect(issue!.path.slice(0, 4)).toEqual(['k', 'structValue', 'k', 'structValue']);
    // is, validate and the Standard Schema stop at MAX_DEPTH (a Struct level is two values).
    // Nothing past the depth limit is read (the chain is 100,000 levels deep).
    expect(counter.reads).toBeLessThanOrEqual(DEEP_VERDICT_READS);
    // Shallow nesting is fine.
    let shallow: Record<string, unknown> = {};
    for (let index = 0; index < 200; index++) shallow = { k: { structValue: shallow } };
    expect(verdicts('Struct', shallow).is).toBe(true);
  });

  test('wide values of recursive types are not deep: absent fields leave no depth behind', () => {
    // A Struct of 2,000 Values, each without its (recursive) structValue and listValue: the
    // checks of the absent fields fail on `undefined` without counting a level.
    const wide: Record<string, unknown> = {};
    for (let index = 0; index < 2000; index++) wide[`k${index}`] = { stringValue: 'x' };
    expect(verdicts('Struct', wide).is).toBe(true);
    expect(verdicts('Value', { listValue: [wide, wide], structValue: wide }).is).toBe(true);
  });

  // Issue #11: validate once read a recursive value QUADRATICALLY in its depth (d² + 2d reads
  // of a bad leaf d levels down): each level checked its child again from scratch. The report
  // now walks into values of recursive types without checking them first.
  test('validate reads a nested value a bounded number of times per level (linear in depth)', () => {
    const reads = (depth: number, bad: boolean) => {
      const counter = { reads: 0 };
      let node: Record<string, unknown> = { leaf: { stringValue: bad ? 5 : 'x' } };
      for (let index = 0; index < depth; index++) {
        const child = node;
        node = { k: countedObject(counter, 'structValue', () => child) };
      }
      expect(evo.guards('Struct').is(node)).toBe(!bad);
      const is = counter.reads;
      counter.reads = 0;
      expect(evo.guards('Struct').validate(node).success).toBe(!bad);
      return { is, validate: counter.reads };
    };
    for (const depth of [50, 200]) {
      // is: one pass; validate: the fast pass, then (only when it fails) one report pass.
      expect(reads(depth, false)).toEqual({ is: depth, validate: depth });
      expect(reads(depth, true)).toEqual({ is: depth, validate: 2 * depth });
    }
  });

  test('shared references (a DAG that unfolds to 2^60 nodes) stop at the value budget', () => {
    const counter = { reads: 0 };
    let node: Record<string, unknown> = {};
    for (let index = 0; index < 60; index++) {
      const child = node;
      node = {
        a: countedObject(counter, 'structValue', () => child),
        b: countedObject(counter, 'structValue', () => child),
      };
    }
    const { is, result } = verdicts('Struct', node);
    expect(is).toBe(false);
    expect(issuesOf(result).at(-1)!.message).toMatch(
      /^Unexpected more than 10000000 values to check/,
    );
    // Each entry point reads at most a few values per value of its budget (is: one pass;
    // validate: the fast pass, then the issues), not the 2^60 paths.
    expect(counter.reads).toBeGreaterThan(MAX_VALUES);
    expect(counter.reads).toBeLessThanOrEqual(5 * MAX_VALUES);
  });

  test('1,000,000-element arrays: every item read, a bounded number of times (counted, not timed)', () => {
    const counter = { reads: 0 };
    const items = Array.from({ length: 1_000_000 }, () => 'x');
    const big = countedArray(counter, items);
    const guards = listOfString();
    expect(guards.is({ f: big })).toBe(true);
    expect(counter.reads).toBe(1_000_000);
    counter.reads = 0;
    expect(guards.validate({ f: big }).success).toBe(true);
    expect(counter.reads).toBe(1_000_000);
    items[999_999] = 5 as unknown as string;
    counter.reads = 0;
    expect(guards.is({ f: big })).toBe(false);
    expect(issuesOf(guards.validate({ f: big }))).toMatchObject([{ path: ['f', 999_999] }]);
    // is: one pass; validate: the fast pass, then the report, which takes the items before the
    // one where the fast check failed as valid (its hint) and reads only that one again.
    expect(counter.reads).toBe(2 * 1_000_000 + 1);
    // A million invalid items: the issues stop at the cap.
    const bad = new Array(1_000_000).fill(1);
    const issues = issuesOf(guards.validate({ f: bad }));
    expect(issues).toHaveLength(1001);
    expect(issues.at(-1)!.message).toMatch(/^Unexpected more than 1000 issues/);
    // A million references to one million-element array: the value budget ends it after about
    // MAX_VALUES / 1,000,000 of them (the outer items read are counted).
    const outer = { reads: 0 };
    const inner = Array.from({ length: 1_000_000 }, () => true);
    const huge = countedArray(outer, new Array(1_000_000).fill(inner));
    const nested = cases.guards(
      caseName(CASES.findIndex((row) => row.name === 'List<List<bool>>')),
    );
    expect(nested.is({ f: huge })).toBe(false);
    expect(outer.reads).toBeLessThanOrEqual(MAX_VALUES / 1_000_000 + 1);
  });

  test('sparse arrays: holes are invalid items', () => {
    const guards = listOfString();
    // eslint-disable-next-line no-sparse-arrays
    expect(guards.is({ f: ['a', , 'b'] })).toBe(false);
    expect(issuesOf(guards.validate({ f: new Array(3) }))).toHaveLength(3);
    expect(guards.is({ f: { length: 0 } })).toBe(false);
    expect(guards.is({ f: { 0: 'a', length: 1 } })).toBe(false);
  });

  test('getters that throw, Proxies, null prototypes', () => {
    const throwing = Object.defineProperty({}, 'accountId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const { is, result } = verdicts('EndpointInfo', throwing);
    expect(is).toBe(false);
    expect(issuesOf(result)).toMatchObject([
      {
        path: ['accountId'],
        message: 'Unexpected an exception (Error: boom), expected a value that can be read',
      },
    ]);
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('get');
        },
        has() {
          throw new Error('has');
        },
        ownKeys() {
          throw new Error('ownKeys');
        },
        getOwnPropertyDescriptor() {
          throw new Error('descriptor');
        },
        getPrototypeOf() {
          throw new Error('prototype');
        },
      },
    );
    expect(verdicts('EndpointInfo', trap).is).toBe(false);
    expect(verdicts('Struct', trap).is).toBe(false);
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(verdicts('EndpointInfo', revocable.proxy).is).toBe(false);
    // A transparent Proxy of a valid value is valid.
    expect(verdicts('EndpointInfo', new Proxy(readSampleResponse() as object, {})).is).toBe(true);
    // Null-prototype objects are plain records.
    const bare = Object.assign(Object.create(null), {
      accountId: 'a',
      flowParams: Object.assign(Object.create(null), { k: {} }),
    });
    expect(verdicts('EndpointInfo', bare).is).toBe(true);
    expect(verdicts('EndpointInfo', Object.assign(Object.create(null), { accountId: 1 })).is).toBe(
      false,
    );
  });

  test('__proto__ and constructor keys are ordinary data', () => {
    const parsed = JSON.parse(
      '{"__proto__": {"stringValue": 5}, "constructor": {"boolValue": true}}',
    );
    const { result } = verdicts('Struct', parsed);
    expect(issuesOf(result)).toMatchObject([{ path: ['__proto__', 'stringValue'] }]);
    expect(verdicts('Struct', JSON.parse('{"__proto__": {}, "constructor": {}}')).is).toBe(true);
    // Object.prototype is no value of the map: a plain {} has no own __proto__ key.
    expect(verdicts('Struct', {}).is).toBe(true);
  });

  test('never mutates its input (deeply frozen values check the same)', () => {
    const deepFreeze = (value: unknown): unknown => {
      if (typeof value === 'object' && value !== null) {
        Object.freeze(value);
        for (const item of Object.values(value)) deepFreeze(item);
      }
      return value;
    };
    const sample = readSampleResponse();
    const before = JSON.stringify(sample);
    deepFreeze(sample);
    expect(evo.guards('EndpointInfo').is(sample)).toBe(true);
    const broken = structuredClone(sample) as Record<string, unknown>;
    for (const mutation of MUTATIONS) mutation.apply(broken);
    deepFreeze(broken);
    const brokenText = JSON.stringify(broken);
    expect(evo.guards('EndpointInfo').validate(broken, { strict: true }).success).toBe(false);
    expect(JSON.stringify(sample)).toBe(before);
    expect(JSON.stringify(broken)).toBe(brokenText);
  });
});

describe('names that are hard to print', () => {
  const model = (): Model => ({
    operations: [],
    types: [
      objectType('class', [
        field('__proto__', prim('int')),
        field('constructor', prim('string')),
        field('class', prim('bool'), false),
        field('a-b', prim('string'), false),
        field('with space', prim('string'), false),
        field('quote"\'`', prim('string'), false),
        field('*/', prim('string'), false),
        field('toString', prim('string'), false),
        field('e', ref('Odd'), false),
      ]),
      {
        kind: 'enum',
        name: 'Odd',
        nameSource: 'heading',
        valueKind: 'string',
        flags: false,
        members: [
          {
            name: 'A',
            value: '*/ "x" \u2028',
            source: {
              file: 'x',
              position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
            },
          },
        ],
      },
    ],
  });

  test('keys and values are quoted safely and checked as own properties', async () => {
    const loaded = await loadGuards(model());
    expect(loaded.plan.types.get('class')).toBe('class_');
    const guards = loaded.guards('class');
    const valid = JSON.parse(
      '{"__proto__": 1, "constructor": "c", "a-b": "x", "with space": "y", "quote\\"\'`": "q", "*/": "z", "e": "*/ \\"x\\" \\u2028"}',
    );
    expect(guards.is(valid)).toBe(true);
    // Without an own __proto__ / constructor the required fields are missing.
    expect(guards.is({})).toBe(false);
    expect(issuesOf(guards.validate({})).map((issue) => issue.path)).toEqual([
      ['__proto__'],
      ['constructor'],
    ]);
    expect(
      issuesOf(guards.validate({ ...valid, 'a-b': 1, '*/': 2 })).map((issue) => issue.path),
    ).toEqual([['a-b'], ['*/']]);
  });

  test('the emitted module type-checks', () => {
    expect(typeCheckGuards(model(), { strict: true, optional: 'optional' })).toEqual([]);
  });

  test('a __proto__ field of a type checked by walking its keys', async () => {
    const wide: Model = {
      operations: [],
      types: [
        objectType('Wide', [
          field('__proto__', prim('int')),
          ...Array.from({ length: 24 }, (_, index) => field(`w${index}`, prim('int'), false)),
        ]),
      ],
    };
    for (const strict of [false, true]) {
      const guards = (await loadGuards(wide, { strict })).guards('Wide');
      expect(guards.is(JSON.parse('{"w3": 1, "__proto__": 1}'))).toBe(true);
      expect(guards.is(JSON.parse('{"w3": 1, "__proto__": "x"}'))).toBe(false);
      expect(guards.is({ w3: 1 })).toBe(false);
      expect(issuesOf(guards.validate({ w3: 1 }))).toMatchObject([{ path: ['__proto__'] }]);
    }
  });
});

describe('wide objects: read by name while nearly full, then the key walk', () => {
  // 40 fields: optional ints, two required strings (before and after the hand-off point) and
  // an optional nested object. A full value is read by name; with more than max(1, floor(40 / 32)) = 1
  // optional fields absent, the walk takes over from the first field not yet checked.
  const names = Array.from({ length: 40 }, (_, index) => `f${index}`);
  const requiredAt = new Set([3, 33]);
  const nestedAt = 20;
  const wide: Model = {
    operations: [],
    types: [
      objectType(
        'Wide',
        names.map((name, index) =>
          requiredAt.has(index)
            ? field(name, prim('string'))
            : index === nestedAt
              ? field(name, ref('Inner'), false)
              : field(name, prim('int'), false),
        ),
      ),
      objectType('Inner', [field('a', prim('int'))]),
    ],
  };
  const full = (): Record<string, unknown> =>
    Object.fromEntries(
      names.map((name, index) => [
        name,
        requiredAt.has(index) ? 's' : index === nestedAt ? { a: 1 } : index,
      ]),
    );
  /** The verdict by the wire semantics, written out plainly. */
  const expected = (value: Record<string, unknown>, strict: boolean): boolean =>
    names.every((name, index) => {
      const own = Object.prototype.hasOwnProperty.call(value, name);
      const x = own ? value[name] : undefined;
      if (requiredAt.has(index)) return own && typeof x === 'string';
      if (x === undefined) return true;
      if (index === nestedAt) {
        const inner = x as Record<string, unknown>;
        return (
          typeof x === 'object' &&
          x !== null &&
          Object.prototype.hasOwnProperty.call(inner, 'a') &&
          Number.isInteger(inner['a']) &&
          (!strict || Object.keys(inner).every((key) => key === 'a'))
        );
      }
      return Number.isInteger(x);
    }) &&
    (!strict || Object.keys(value).every((key) => names.includes(key)));

  test('every mix of absences, bad values, inherited and unknown keys', async () => {
    for (const strict of [false, true]) {
      const guards = (await loadGuards(wide, { strict })).guards('Wide');
      const values: Record<string, unknown>[] = [];
      for (const absent of [0, 1, 2, 3, 6, 12]) {
        for (const bad of [undefined, ...names.keys()]) {
          const value = full();
          // Absent fields spread over the value (never a required one).
          for (let n = 0, at = 1; n < absent; at += 3) {
            if (!requiredAt.has(at % 40) && at % 40 !== bad) {
              delete value[names[at % 40]!];
              n++;
            }
          }
          if (bad !== undefined) value[names[bad]!] = bad === nestedAt ? { a: 'x' } : 1.5;
          values.push(value, { ...value, extra: 1 });
          // Inherited values count as absent.
          const withProto = Object.create({ f3: 's', f7: 'not an int' }) as Record<string, unknown>;
          Object.assign(withProto, value);
          delete withProto['f7'];
          values.push(withProto);
          const inheritedRequired = Object.create({ f3: 's' }) as Record<string, unknown>;
          Object.assign(inheritedRequired, value);
          delete inheritedRequired['f3'];
          values.push(inheritedRequired);
        }
      }
      for (const value of values) {
        const verdict = expected(value, strict);
        expect(guards.is(value), JSON.stringify(value)).toBe(verdict);
        expect(guards.validate(value).success).toBe(verdict);
      }
      expect(values.some((value) => expected(value, strict))).toBe(true);
      expect(values.some((value) => !expected(value, strict))).toBe(true);
    }
  });
});

describe('the emitted guards.ts type-checks', () => {
  const NARROWING = `
import { isEndpointInfo, assertEndpointInfo, validateEndpointInfo, EndpointInfoSchema, isAudioCodecTypes } from './guards.js';
import type { EndpointInfo } from './types.js';
import { AudioCodecTypes } from './types.js';
import type { StandardSchemaV1 as Official } from './spec.js';

declare const input: unknown;
if (isEndpointInfo(input)) {
  const info: EndpointInfo = input;
  void info;
}
// @ts-expect-error: not narrowed outside the guard.
const wrong: EndpointInfo = input;
void wrong;
const result = validateEndpointInfo(input, { strict: true });
if (result.success) {
  const info: EndpointInfo = result.value;
  void info;
} else {
  const first: string | number | undefined = result.issues[0]?.path[0];
  void first;
}
export function check(value: unknown): EndpointInfo {
  assertEndpointInfo(value);
  return value;
}
if (isAudioCodecTypes(input)) {
  const codec: AudioCodecTypes = input;
  void codec;
}
const official: Official<EndpointInfo> = EndpointInfoSchema;
void official;
`;

  test('an enum-only model gives a valid package', async () => {
    const enumOnly: Model = { operations: [], types: [supportTypes()[0]!] };
    expect(typeCheckGuards(enumOnly, { strict: false, optional: 'optional' })).toEqual([]);
    expect((await loadGuards(enumOnly)).guards('E').is('A')).toBe(true);
  });

  test('an empty model gives a valid package', () => {
    expect(
      typeCheckGuards({ operations: [], types: [] }, { strict: false, optional: 'optional' }),
    ).toEqual([]);
  });

  test.each([
    ['Evo Voice, defaults', buildEvoModel, { strict: false, optional: 'optional' }],
    [
      'Evo Voice, strict and optional-or-null',
      buildEvoModel,
      { strict: true, optional: 'optional-or-null' },
    ],
    ['the slice (generics, flags, maps)', buildSliceModel, { strict: false, optional: 'optional' }],
    ['every type expression form', buildCasesModel, { strict: true, optional: 'optional-or-null' }],
  ] as const)('%s', (_name, build, options) => {
    const spec = readFileSync(
      join(ROOT, 'node_modules/@standard-schema/spec/dist/index.d.ts'),
      'utf8',
    );
    const extra = build === buildEvoModel ? { 'narrowing.ts': NARROWING, 'spec.d.ts': spec } : {};
    expect(typeCheckGuards(build(), options, extra)).toEqual([]);
  });
});

test("the package README gives the runtime's limits and the package's strictness", () => {
  const runtime = readTemplateSync('runtime.ts');
  const lax = describeGuardOptions({ strict: false }, runtime);
  expect([lax.maxDepth, lax.maxValues, lax.maxIssues]).toEqual(
    [MAX_DEPTH, MAX_VALUES, MAX_ISSUES].map((limit) => limit.toLocaleString('en-US')),
  );
  expect(lax.strictDefault).toMatch(/accepts properties its types do not declare/);
  expect(lax.strictCost).toMatch(/strict call .* is decided by that walk/);
  const strict = describeGuardOptions({ strict: true }, runtime);
  expect(strict.strictDefault).toMatch(/rejects properties its types do not declare/);
  // A runtime without the constants is a dtoforge bug, not a README with holes.
  expect(() => describeGuardOptions({ strict: false }, '')).toThrow(/MAX_DEPTH/);
});
