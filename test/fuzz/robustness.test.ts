/**
 * Guard robustness on hostile JS values: cycles, throwing getters, Proxies (throwing traps too),
 * null-prototype objects, `__proto__`/`constructor`/`prototype` dictionary keys, sparse arrays,
 * NaN/Infinity/-0, 100,000-deep Struct nesting, 1,000,000-element arrays. The guards of the Evo
 * Voice page must return a verdict (or a clear issue), never throw, never hang (the values they
 * read are counted, not timed), never mutate their input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { realSeed } from './arbitraries.js';
import { createHarness, type Checked, type Harness } from './differential.js';
import { MAX_DEPTH } from '../../templates/runtime.js';
import { countedArray, countedObject } from '../helpers/count-reads.js';
import { runPage } from './pipeline.js';

let harness: Harness;
const guard = (name: string): Checked => {
  const found = harness.types.find((type) => type.name === name);
  if (!found) throw new Error(`no guards for ${name}`);
  return found;
};

interface Outcome {
  is: boolean;
  success: boolean;
  issues: { path: (string | number)[]; message: string }[];
}

/** Run isX and validateX; neither may throw; both must agree. */
function verdict(name: string, value: unknown): Outcome {
  const checked = guard(name);
  let is: unknown;
  let result: ReturnType<Checked['validate']> | undefined;
  expect(() => {
    is = checked.is(value);
    result = checked.validate(value);
  }).not.toThrow();
  expect(typeof is).toBe('boolean');
  expect(result?.success).toBe(is);
  for (const issue of result && !result.success ? result.issues : []) {
    expect(Array.isArray(issue.path)).toBe(true);
    expect(issue.message).toMatch(/^Unexpected .+, expected .+/s);
  }
  return {
    is: is as boolean,
    success: result?.success ?? false,
    issues: result && !result.success ? result.issues : [],
  };
}

/** A valid Value (Struct's value type) holding `struct`. */
const valueOf = (struct: unknown): Record<string, unknown> => ({ structValue: struct });

beforeAll(() => {
  const real = realSeed();
  harness = createHarness(runPage(real.path, real.text, real.config).model, real.config);
});

describe('guard robustness', () => {
  it('gives a verdict on cyclic objects and arrays', () => {
    const struct: Record<string, unknown> = {};
    struct['self'] = valueOf(struct);
    const outcome = verdict('Struct', struct);
    expect(outcome.is).toBe(false);
    expect(outcome.issues[0]?.message).toMatch(/deeper than/);

    const list: unknown[] = [];
    list.push({ listValue: list });
    expect(verdict('Value', { listValue: list }).is).toBe(false);

    // A cycle through a field a type does not declare is never visited: still valid.
    const info: Record<string, unknown> = { id: 'x' };
    info['extra'] = info;
    expect(verdict('EntityInfo', info).is).toBe(true);
  });

  it('catches getters that throw, and reports them', () => {
    const value = {
      get id(): string {
        throw new Error('boom');
      },
    };
    const outcome = verdict('EntityInfo', value);
    expect(outcome.is).toBe(false);
    expect(outcome.issues.length).toBeGreaterThan(0);
  });

  it('survives Proxies, transparent or with throwing traps: the verdict on every one', () => {
    const valid = { id: 'a', name: 'b' };
    expect(verdict('CustomerBreadcrumb', new Proxy(valid, {})).is).toBe(true);
    // The verdict of each type on `valid` behind a Proxy whose trap throws. Struct never accepts
    // it (its values must be Values) nor TagColors (an enum). A throwing `get` fails every
    // object; the other traps fail only the checks that need them: EndpointInfo (64 optional
    // fields, 2 present) walks the keys, CustomerBreadcrumb (2 fields, both present) reads them
    // by name. Note: the key-walk failures read "value that changed while it was checked".
    const expected: Record<string, Record<string, boolean>> = {
      get: { CustomerBreadcrumb: false, Struct: false, EndpointInfo: false, TagColors: false },
      has: { CustomerBreadcrumb: true, Struct: false, EndpointInfo: true, TagColors: false },
      ownKeys: { CustomerBreadcrumb: true, Struct: false, EndpointInfo: false, TagColors: false },
      getOwnPropertyDescriptor: {
        CustomerBreadcrumb: true,
        Struct: false,
        EndpointInfo: false,
        TagColors: false,
      },
      getPrototypeOf: {
        CustomerBreadcrumb: true,
        Struct: false,
        EndpointInfo: false,
        TagColors: false,
      },
    };
    for (const [trap, byType] of Object.entries(expected)) {
      const hostile = new Proxy(valid, {
        [trap]: () => {
          throw new Error(`trap ${trap}`);
        },
      });
      for (const [name, valid] of Object.entries(byType)) {
        const outcome = verdict(name, hostile);
        expect(outcome.is, `${trap} ${name}`).toBe(valid);
        if (!valid) expect(outcome.issues.length, `${trap} ${name}`).toBeGreaterThan(0);
      }
    }
    // A revoked proxy throws on every operation.
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(verdict('Struct', proxy).is).toBe(false);
    expect(verdict('EndpointInfo', proxy).is).toBe(false);
  });

  it('judges null-prototype objects like plain ones', () => {
    const plain = { id: 'a', color: 'Red', name: 'n' };
    const bare = Object.assign(Object.create(null) as object, plain);
    expect(verdict('Tag', bare).is).toBe(verdict('Tag', plain).is);
    expect(verdict('Tag', bare).is).toBe(true);
    const struct = Object.assign(Object.create(null) as object, { k: { boolValue: true } });
    expect(verdict('Struct', struct).is).toBe(true);
  });

  it('treats __proto__, constructor and prototype as ordinary dictionary keys', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const good = JSON.parse(`{"${key}": {"stringValue": "x"}}`) as unknown;
      const bad = JSON.parse(`{"${key}": 5}`) as unknown;
      expect(verdict('Struct', good).is, key).toBe(true);
      const outcome = verdict('Struct', bad);
      expect(outcome.is, key).toBe(false);
      expect(outcome.issues.map((issue) => issue.path)).toEqual([[key]]);
    }
    // Inherited properties are not fields: a required-less DTO built on a prototype is empty.
    const inherited = Object.create({ id: 5 }) as object;
    expect(verdict('EntityInfo', inherited).is).toBe(true);
    expect(({} as Record<string, unknown>)['stringValue']).toBeUndefined();
  });

  it('rejects holes in sparse arrays with the hole’s path', () => {
    // eslint-disable-next-line no-sparse-arrays
    const tagIds = ['a', , 'c'];
    const outcome = verdict('BuyPhoneNumber', { tagIds });
    expect(outcome.is).toBe(false);
    expect(outcome.issues.map((issue) => issue.path)).toEqual([['tagIds', 1]]);
    expect(verdict('BuyPhoneNumber', { tagIds: new Array(3) }).is).toBe(false);
  });

  it('checks NaN, Infinity and -0 in int and double fields', () => {
    for (const bad of [NaN, Infinity, -Infinity, 1.5, 2 ** 31, -(2 ** 31) - 1, '1']) {
      const outcome = verdict('SchedulingRule', { priority: bad });
      expect(outcome.is, String(bad)).toBe(false);
      expect(outcome.issues.map((issue) => issue.path)).toEqual([['priority']]);
    }
    for (const good of [-0, 0, 2 ** 31 - 1, -(2 ** 31)])
      expect(verdict('SchedulingRule', { priority: good }).is, String(good)).toBe(true);
    for (const bad of [NaN, Infinity, -Infinity, '0'])
      expect(verdict('Value', { numberValue: bad }).is, String(bad)).toBe(false);
    for (const good of [-0, 1e308, -5e-324, null])
      expect(verdict('Value', { numberValue: good }).is, String(good)).toBe(true);
  });

  it('gives a verdict on 100,000-deep Struct nesting: no stack overflow, no walk past the limit', () => {
    const counter = { reads: 0 };
    let struct: Record<string, unknown> = {};
    for (let depth = 0; depth < 100_000; depth++) {
      const child = struct;
      struct = { k: countedObject(counter, 'structValue', () => child) };
    }
    const outcome = verdict('Struct', struct);
    expect(outcome.is).toBe(false);
    expect(outcome.issues.some((issue) => /deeper than/.test(issue.message))).toBe(true);
    // is and validate read the chain down to the depth limit only (MAX_DEPTH values: half as
    // many Struct levels), each level once per pass (validate: the fast pass and the report).
    const levels = MAX_DEPTH / 2;
    expect(counter.reads).toBeLessThanOrEqual(levels + 2 * levels);
    // Within the limit, nesting is fine.
    let shallow: Record<string, unknown> = {};
    for (let depth = 0; depth < 100; depth++) shallow = { k: valueOf(shallow) };
    expect(verdict('Struct', shallow).is).toBe(true);
  });

  it('checks 1,000,000-element arrays reading each item once, and points at the one bad item', () => {
    const counter = { reads: 0 };
    const items = Array.from({ length: 1_000_000 }, (_, i) => `t${i}`);
    const tagIds = countedArray(counter, items);
    const good = verdict('BuyPhoneNumber', { tagIds });
    expect(good.is).toBe(true);
    // is and validate: one pass each.
    expect(counter.reads).toBe(2 * 1_000_000);
    items[999_999] = 7 as unknown as string;
    const bad = verdict('BuyPhoneNumber', { tagIds: items });
    expect(bad.is).toBe(false);
    expect(bad.issues.map((issue) => issue.path)).toEqual([['tagIds', 999_999]]);
  });

  it('never mutates its input (frozen input gets the same verdict)', () => {
    const value = {
      id: 'x',
      type: 'User',
      tags: [{ id: 't', color: 'Red' }],
      flowParams: { k: { listValue: [{ a: { numberValue: 1 } }] } },
      integrationData: { a: { thirdPartyId: 'z' } },
      extra: { nested: [1, 2, 3] },
    };
    const before = JSON.stringify(value);
    const first = verdict('EndpointInfo', value);
    expect(JSON.stringify(value)).toBe(before);
    const frozen = structuredClone(value);
    const freeze = (node: unknown): void => {
      if (typeof node === 'object' && node !== null) {
        Object.freeze(node);
        for (const child of Object.values(node)) freeze(child);
      }
    };
    freeze(frozen);
    expect(verdict('EndpointInfo', frozen).is).toBe(first.is);
    expect(first.is).toBe(true);
    // A Proxy that records writes sees none.
    const writes: string[] = [];
    const spy = (target: object): object =>
      new Proxy(target, {
        set: (_t, key) => (writes.push(String(key)), false),
        defineProperty: (_t, key) => (writes.push(String(key)), false),
        deleteProperty: (_t, key) => (writes.push(String(key)), false),
        get: (t, key, receiver) => {
          const child = Reflect.get(t, key, receiver) as unknown;
          return typeof child === 'object' && child !== null ? spy(child) : child;
        },
      });
    expect(verdict('EndpointInfo', spy(structuredClone(value))).is).toBe(true);
    expect(verdict('EndpointInfo', spy({ tags: 5, flowParams: [] })).is).toBe(false);
    expect(writes).toEqual([]);
  });
});
