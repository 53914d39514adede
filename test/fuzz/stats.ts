/**
 * Fuzz counters, printed after each fuzz file and written to test/tmp/fuzz-stats/<name>.json
 * (ignored by git) so a run's numbers can be reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FUZZ_SEED, SCALE } from './scale.js';

const DIR = path.resolve(import.meta.dirname, '../tmp/fuzz-stats');

/**
 * Print and save one file's counters.
 *
 * @param name
 *   The fuzz file's short name (`pages`, `differential`…).
 * @param stats
 *   Plain JSON counters.
 */
export function saveStats(name: string, stats: Record<string, unknown>): void {
  const record = { scale: SCALE, seed: FUZZ_SEED, ...stats };
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path.join(DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`[fuzz:${name}] ${JSON.stringify(record)}`);
}

/** A Map of counts as a sorted plain object. */
export function sortedCounts(counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
