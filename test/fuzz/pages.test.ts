/**
 * Page fuzzing: mutated pages (from the real page, windows of it and every fixture page) go
 * through parse → model → emit. Whatever the page, the run ends with well-formed diagnostics,
 * never an exception; the emitter never crashes (even for pages with errors); and what it emits
 * type-checks (checked in batches in one in-memory project).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fixtureSeeds,
  mutatedPageArb,
  realSeed,
  windowSeeds,
  type MutatedPage,
} from './arbitraries.js';
import { emitSources } from '../../src/emit/index.js';
import { RUNTIME_SOURCE, typeCheckPackages } from '../helpers/package-sources.js';
import { knownEmitBug } from './known-bugs.js';
import { countRules, runPage, type PageRun } from './pipeline.js';
import { budget, runs, SEED } from './scale.js';
import { saveStats, sortedCounts } from './stats.js';

const real = realSeed();
const smallSeeds = [...fixtureSeeds(), ...windowSeeds(real, 1), ...windowSeeds(real, 2)];

const stats = {
  pagesTried: 0,
  pagesWithoutErrors: 0,
  emitted: 0,
  emitCrashesKnown: {} as Record<string, number>,
  typeChecked: 0,
  typeCheckedWithoutErrors: 0,
  rules: new Map<string, number>(),
};

afterAll(() => {
  saveStats('pages', { ...stats, rules: sortedCounts(stats.rules) });
});

/** Describe a failing page so that it can be kept as a regression fixture. */
function describePage(page: MutatedPage): string {
  return JSON.stringify({ seed: page.seed.name, mutations: page.mutations });
}

/** Emit a page's model; an unknown emitter exception fails the test. */
function emitRun(page: MutatedPage, run: PageRun): ReturnType<typeof emitSources> | undefined {
  try {
    const sources = emitSources(run.model, page.seed.config);
    stats.emitted++;
    return sources;
  } catch (error) {
    const known = knownEmitBug(error, run.model);
    if (!known) throw new Error(`emit threw on ${describePage(page)}: ${String(error)}`);
    stats.emitCrashesKnown[known.id] = (stats.emitCrashesKnown[known.id] ?? 0) + 1;
    return undefined;
  }
}

/** Pages to type-check: distinct emitted sources, clean pages first. */
interface Candidate {
  page: MutatedPage;
  clean: boolean;
  files: Record<string, string>;
}

function fuzzPages(
  seeds: Parameters<typeof mutatedPageArb>[0],
  count: number,
  checks: number,
): void {
  const candidates = new Map<string, Candidate>();
  fc.assert(
    fc.property(mutatedPageArb(seeds), (page) => {
      stats.pagesTried++;
      const run = runPage(page.seed.path, page.text, page.seed.config);
      countRules([run.file], stats.rules);
      expect(run.problems, describePage(page)).toEqual([]);
      if (run.errors === 0) stats.pagesWithoutErrors++;
      const sources = emitRun(page, run);
      if (!sources) return;
      const files = {
        'types.ts': sources.files['types.ts']!,
        'guards.ts': sources.files['guards.ts']!,
      };
      const key = `${files['types.ts']}\u0000${files['guards.ts']}`;
      if (!candidates.has(key)) candidates.set(key, { page, clean: run.errors === 0, files });
    }),
    { numRuns: count, ...SEED },
  );
  // Batch type-check: clean pages first (the pipeline would write them), then pages with errors.
  const chosen = [...candidates.values()]
    .sort((a, b) => Number(b.clean) - Number(a.clean))
    .slice(0, checks);
  for (let i = 0; i < chosen.length; i += 50) {
    const batch = chosen.slice(i, i + 50);
    const results = typeCheckPackages(
      batch.map((candidate) => ({ ...candidate.files, 'runtime.ts': RUNTIME_SOURCE })),
    );
    results.forEach((diagnostics, k) => {
      const candidate = batch[k]!;
      stats.typeChecked++;
      if (candidate.clean) stats.typeCheckedWithoutErrors++;
      expect(diagnostics, `does not compile: ${describePage(candidate.page)}`).toEqual([]);
    });
  }
}

describe('page fuzzing', () => {
  it(
    `parses, names and emits ${runs(1000)} mutated small pages without an exception`,
    () => {
      fuzzPages(smallSeeds, runs(1000), runs(150));
      expect(stats.pagesTried).toBeGreaterThanOrEqual(runs(1000));
    },
    budget(300_000),
  );

  it(
    `survives ${runs(4)} mutations of the whole real page`,
    () => {
      fuzzPages([real], runs(4), runs(4));
    },
    budget(120_000),
  );
});
