/**
 * Guard differential testing: `isX`, `validateX(...).success`, ajv (Ajv2020) on the emitted JSON
 * Schema and an independent reference checker (test/fuzz/reference.ts) must give the same verdict
 * on every value — valid values generated from the model and near-misses one change away — and
 * every `validateX` issue path must point at a value that really is wrong.
 *
 * Models: the Evo Voice page under the four strict × optional configs, and models of mutated
 * pages (fixtures and windows of the real page).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DtoforgeConfig } from '../../src/config/config.js';
import type { Model } from '../../src/model/model.js';
import { fixtureSeeds, mutatedPageArb, realSeed, windowSeeds } from './arbitraries.js';
import { createHarness, show, type Harness } from './differential.js';
import { runPage } from './pipeline.js';
import { budget, runs, SEED } from './scale.js';
import { saveStats } from './stats.js';
import { applyNearMiss, nearMissArb, valueArb } from './values.js';

const stats = {
  valuesCompared: 0,
  validValues: 0,
  invalidValues: 0,
  issuePathsChecked: 0,
  documentedSchemaGaps: 0,
  modelsCompared: 0,
  disagreements: 0,
};

afterAll(() => {
  saveStats('differential', stats);
});

/** Valid values and near-misses of a random type of the harness. */
function caseArb(harness: Harness): fc.Arbitrary<{ type: number; value: unknown; label: string }> {
  const perType = harness.types.map((checked, type) =>
    fc
      .tuple(valueArb(harness.reference, checked.ref), fc.option(nearMissArb, { freq: 2 }))
      .map(([value, change]) => ({
        type,
        value: change ? applyNearMiss(value, change) : value,
        label: change ? `near-miss ${JSON.stringify(change)}` : 'valid',
      })),
  );
  return fc.oneof(...perType);
}

/** Compare every checker on `count` values of the model's types. */
function compare(harness: Harness, count: number, context: string): void {
  if (harness.types.length === 0) return;
  stats.modelsCompared++;
  fc.assert(
    fc.property(caseArb(harness), ({ type, value, label }) => {
      const checked = harness.types[type]!;
      const verdict = harness.judge(checked, value);
      stats.valuesCompared++;
      if (verdict.is) stats.validValues++;
      else stats.invalidValues++;
      if (verdict.documented) stats.documentedSchemaGaps++;
      if (!verdict.validate) {
        const result = checked.validate(value);
        if (!result.success) stats.issuePathsChecked += result.issues.length;
      }
      if (verdict.problems.length > 0) stats.disagreements++;
      expect(verdict.problems, `${context} ${checked.name} ${label}: ${show(value)}`).toEqual([]);
    }),
    { numRuns: count, ...SEED },
  );
}

const CONFIGS: Pick<DtoforgeConfig, 'strict' | 'optional'>[] = [
  { strict: false, optional: 'optional' },
  { strict: true, optional: 'optional' },
  { strict: false, optional: 'optional-or-null' },
  { strict: true, optional: 'optional-or-null' },
];

describe('guards agree with ajv and the reference checker', () => {
  const real = realSeed();
  const evo = runPage(real.path, real.text, real.config);

  it('reads the Evo Voice page without errors (the model under test)', () => {
    expect(evo.problems).toEqual([]);
    expect(evo.errors).toBe(0);
    expect(evo.model.types.length).toBeGreaterThanOrEqual(48);
  });

  for (const options of CONFIGS) {
    it(
      `Evo Voice types, strict ${options.strict}, ${options.optional}: ${runs(2000)} values`,
      () => {
        const harness = createHarness(evo.model, { ...real.config, ...options });
        expect(harness.types.length).toBe(evo.model.types.length);
        compare(harness, runs(2000), `Evo(${JSON.stringify(options)})`);
      },
      budget(120_000),
    );
  }

  it(
    `models of mutated pages: ${runs(4000)} values`,
    () => {
      const seeds = [...fixtureSeeds(), ...windowSeeds(real, 2)];
      const target = runs(4000);
      const start = stats.valuesCompared;
      const models: { model: Model; config: DtoforgeConfig; name: string }[] = [];
      const pages = fc.sample(mutatedPageArb(seeds), { numRuns: runs(400), ...SEED });
      for (const [i, page] of pages.entries()) {
        if (stats.valuesCompared - start >= target) break;
        const run = runPage(page.seed.path, page.text, page.seed.config);
        if (run.model.types.length === 0) continue;
        const config = { ...page.seed.config, ...CONFIGS[i % CONFIGS.length]! };
        models.push({ model: run.model, config, name: page.seed.name });
        const context = JSON.stringify({
          seed: page.seed.name,
          mutations: page.mutations,
          config: CONFIGS[i % 4],
        });
        compare(createHarness(run.model, config), runs(100), context);
      }
      expect(stats.valuesCompared - start).toBeGreaterThanOrEqual(target);
    },
    budget(240_000),
  );
});
