/**
 * Bugs the fuzzers found that are not fixed yet. Each has a regression fixture and an `it.fails`
 * test (test/fuzz/regressions.test.ts); the fuzz properties count their hits instead of
 * failing on them, so that every OTHER invariant keeps being checked. When a bug is fixed, its
 * `it.fails` test fails: delete the entry here and turn the test into a plain `it`.
 */
import type { Model } from '../../src/model/model.js';

export interface KnownBug {
  id: string;
  /** True when an emitter exception is this bug. */
  matches: (error: unknown, model: Model) => boolean;
}

export const KNOWN_EMIT_BUGS: KnownBug[] = [
  // (empty: `guards-empty-model`, emitGuards throwing on a model with no types, is fixed; its
  // fixture stays in test/fixtures/regressions/guards-empty-model.)
];

/** The known bug an emitter exception is, if any. */
export function knownEmitBug(error: unknown, model: Model): KnownBug | undefined {
  return KNOWN_EMIT_BUGS.find((bug) => bug.matches(error, model));
}
