/**
 * Page fuzzing: mutated pages (from the real page, windows of it and every fixture page) go
 * through parse → model → emit under one of the config variants (the page's own config,
 * `strict`, `optional-or-null`, `enumStyle: union`). Whatever the page:
 *
 * 1. the run ends with well-formed diagnostics, never an exception, and the model is sound;
 * 2. the emitter never crashes (even for pages with errors);
 * 3. every file of the package it emits type-checks (index.ts, types.ts, guards.ts, runtime.ts,
 *    schemas.ts; strict flags, NodeNext).
 *
 * Both properties run inside `fc.assert` with a fixed seed (test/fuzz/scale.ts), so a failure
 * is shrunk to a small page and replays. Type-checking one package per page would take minutes,
 * so property 3 runs twice with the same seed: the first pass emits every page and remembers
 * each distinct package, which are then type-checked together; the second pass asserts each
 * page's verdict (a page fast-check makes while shrinking is checked on its own).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DtoforgeConfig } from '../../src/config/config.js';
import { emitSources } from '../../src/emit/index.js';
import { typeCheckPackages } from '../helpers/package-sources.js';
import {
  fixtureSeeds,
  mutatedPageArb,
  realSeed,
  windowSeeds,
  type MutatedPage,
} from './arbitraries.js';
import { explainTypeErrors, knownEmitBug } from './known-bugs.js';
import { countRules, runPage } from './pipeline.js';
import { budget, runs, SEED } from './scale.js';
import { saveStats, sortedCounts } from './stats.js';

const real = realSeed();
const smallSeeds = [...fixtureSeeds(), ...windowSeeds(real, 1), ...windowSeeds(real, 2)];

/** The config variants a page is emitted under (each fuzz case picks one). */
const VARIANTS: { name: string; config: Partial<DtoforgeConfig> }[] = [
  { name: "the page's config", config: {} },
  { name: 'strict', config: { strict: true } },
  { name: 'optional-or-null', config: { optional: 'optional-or-null' } },
  { name: 'union enums', config: { enumStyle: 'union' } },
];

/** One fuzz case: a mutated page and the variant its package is emitted under. */
interface Case {
  page: MutatedPage;
  variant: (typeof VARIANTS)[number];
}

const caseArb = (seeds: Parameters<typeof mutatedPageArb>[0]): fc.Arbitrary<Case> =>
  fc.record({ page: mutatedPageArb(seeds), variant: fc.constantFrom(...VARIANTS) });

/** Counters, each named for what it counts. */
const stats = {
  pagesFuzzed: 0,
  pagesWithoutErrorDiagnostics: 0,
  diagnosticsByRule: new Map<string, number>(),
  packagesEmitted: 0,
  knownEmitCrashes: {} as Record<string, number>,
  distinctPackages: 0,
  distinctPackagesByVariant: {} as Record<string, number>,
  distinctPackagesTypeChecked: 0,
  distinctPackagesWithTypeErrors: 0,
  /** Distinct packages whose type errors are all known bugs (known-bugs.ts), by bug. */
  distinctPackagesWithKnownTypeErrors: {} as Record<string, number>,
};

afterAll(() => {
  saveStats('pages', { ...stats, diagnosticsByRule: sortedCounts(stats.diagnosticsByRule) });
});

/** The identity of a case, and of a package (its files' digest). */
const caseKey = (value: Case): string =>
  createHash('sha1')
    .update(`${value.variant.name}\u0000${value.page.seed.path}\u0000${value.page.text}`)
    .digest('hex');
const packageKey = (files: Record<string, string>): string => {
  const hash = createHash('sha1');
  for (const name of Object.keys(files).sort()) hash.update(`${name}\u0000${files[name]}\u0000`);
  return hash.digest('hex');
};

/**
 * Run a case through parse, model and emit: the page's run, and the package's files (none when
 * the emitter hit a known bug; an unknown exception is thrown).
 */
function emitCase(value: Case): {
  run: ReturnType<typeof runPage>;
  files?: Record<string, string>;
  knownBug?: string;
} {
  const { page, variant } = value;
  const run = runPage(page.seed.path, page.text, page.seed.config);
  try {
    return { run, files: emitSources(run.model, { ...page.seed.config, ...variant.config }).files };
  } catch (error) {
    const known = knownEmitBug(error, run.model);
    if (!known) throw error;
    return { run, knownBug: known.id };
  }
}

/**
 * Fuzz `count` cases: properties 1 and 2, then property 3 over every distinct package.
 *
 * @param seeds
 *   The pages to mutate.
 * @param count
 *   How many cases.
 */
function fuzzPages(seeds: Parameters<typeof mutatedPageArb>[0], count: number): void {
  const packageOf = new Map<string, string | undefined>();
  const packages = new Map<string, Record<string, string>>();

  // Pass 1: every page reads into diagnostics and a sound model, and emits without a crash.
  fc.assert(
    fc.property(caseArb(seeds), (value) => {
      stats.pagesFuzzed++;
      const { run, files, knownBug } = emitCase(value);
      countRules([run.file], stats.diagnosticsByRule);
      expect(run.problems).toEqual([]);
      if (run.errors === 0) stats.pagesWithoutErrorDiagnostics++;
      if (files) stats.packagesEmitted++;
      if (knownBug) stats.knownEmitCrashes[knownBug] = (stats.knownEmitCrashes[knownBug] ?? 0) + 1;
      const key = files && packageKey(files);
      packageOf.set(caseKey(value), key);
      if (key !== undefined && files && !packages.has(key)) {
        packages.set(key, files);
        stats.distinctPackages++;
        const variant = value.variant.name;
        stats.distinctPackagesByVariant[variant] =
          (stats.distinctPackagesByVariant[variant] ?? 0) + 1;
      }
    }),
    { numRuns: count, ...SEED },
  );

  // Every distinct package, type-checked in batches; what is left once known bugs are set aside.
  const keys = [...packages.keys()];
  const verdicts = new Map<string, string[]>();
  const judge = (key: string, files: Record<string, string>, diagnostics: string[]): void => {
    const { known, unexplained } = explainTypeErrors(diagnostics, files);
    if (diagnostics.length > 0) stats.distinctPackagesWithTypeErrors++;
    if (unexplained.length === 0) {
      for (const id of known) {
        stats.distinctPackagesWithKnownTypeErrors[id] =
          (stats.distinctPackagesWithKnownTypeErrors[id] ?? 0) + 1;
      }
    }
    verdicts.set(key, unexplained);
  };
  for (let i = 0; i < keys.length; i += 250) {
    const batch = keys.slice(i, i + 250);
    const results = typeCheckPackages(batch.map((key) => packages.get(key)!));
    batch.forEach((key, k) => judge(key, packages.get(key)!, results[k] ?? []));
    stats.distinctPackagesTypeChecked += batch.length;
  }
  expect(verdicts.size).toBe(packages.size);

  // Pass 2 (same seed, same cases): every page's package type-checks (but for known bugs).
  fc.assert(
    fc.property(caseArb(seeds), (value) => {
      let key = packageOf.get(caseKey(value));
      if (!packageOf.has(caseKey(value))) {
        // A case made while shrinking: emit and check it on its own.
        const { files } = emitCase(value);
        key = files && packageKey(files);
        if (files && key !== undefined && !verdicts.has(key)) {
          judge(key, files, typeCheckPackages([files])[0] ?? []);
        }
      }
      if (key === undefined) return;
      expect(verdicts.get(key)).toEqual([]);
    }),
    { numRuns: count, ...SEED },
  );
}

/**
 * Pages per `npm test`: every distinct package of each is type-checked (about 0.15 s each on
 * this 2-core machine), so 500 rather than the 1,000 of the days when at most 150 packages were
 * checked; DTOFORGE_FUZZ_SCALE=2 tries 1,000.
 */
const SMALL_PAGES = runs(500);

describe('page fuzzing', () => {
  it(
    `reads, names and emits ${SMALL_PAGES} mutated small pages; every distinct package type-checks`,
    () => {
      const before = stats.pagesFuzzed;
      fuzzPages(smallSeeds, SMALL_PAGES);
      expect(stats.pagesFuzzed - before).toBe(SMALL_PAGES);
    },
    budget(600_000),
  );

  it(
    `survives ${runs(4)} mutations of the whole real page; each package type-checks`,
    () => {
      fuzzPages([real], runs(4));
    },
    budget(300_000),
  );
});
