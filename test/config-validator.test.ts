/**
 * The build compiles config.schema.json into ajv standalone code (scripts/build-config-validator.mjs
 * → dist/config/config-validator.js) so the CLI does not load ajv's compiler at every start. That
 * validator must say exactly what ajv compiling the schema says: the same verdict and the same
 * errors (they become the config's diagnostics) for the project's config, hand-picked bad
 * configs, and arbitrary JSON objects (fixed seed).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileConfigSchema } from '../src/config/load.js';

const ROOT = path.join(import.meta.dirname, '..');
let built: ValidateFunction;
const compiled = compileConfigSchema();

beforeAll(async () => {
  // Note: global-setup builds dist/ before the tests.
  const module = (await import(path.join(ROOT, 'dist/config/config-validator.js'))) as {
    default: ValidateFunction;
  };
  built = module.default;
});

function verdict(validate: ValidateFunction, value: unknown): unknown {
  const ok = validate(value);
  return { ok, errors: validate.errors ?? null };
}

const CONFIGS: unknown[] = [
  {},
  JSON.parse(readFileSync(path.join(ROOT, 'dtoforge.config.json'), 'utf8')),
  { input: 5 },
  { input: ['a'], output: 3, unknownKey: true },
  { types: { A: 3 }, strict: 'yes', enumStyle: 'tuple' },
  { package: { name: 1, version: '1' }, optional: 'sometimes' },
  { maxPageBytes: -1, enums: 'closed-ish', responses: { X: [] } },
  [],
  null,
  'dtoforge',
];

describe('the build’s config validator', () => {
  it.each(CONFIGS.map((config) => ({ config })))('agrees with ajv on $config', ({ config }) => {
    expect(verdict(built, config)).toEqual(verdict(compiled, config));
  });

  it('agrees with ajv on arbitrary JSON objects', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 3 }), (value) => {
        expect(verdict(built, value)).toEqual(verdict(compiled, value));
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
});
