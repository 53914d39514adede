/**
 * Bugs the fuzzers found that are not fixed yet. Each has a regression case and an `it.fails`
 * test (test/fuzz/regressions.test.ts); the fuzz properties count their hits instead of failing
 * on them, so that every OTHER invariant keeps being checked. When a bug is fixed, its `it.fails`
 * test fails: delete the entry here and turn the test into a plain `it`.
 */
import type { Model } from '../../src/model/model.js';

export interface KnownBug {
  id: string;
  /** Who fixes it (the issue). */
  owner: string;
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

/** A known bug that makes an emitted package fail to type-check. */
export interface KnownTypeErrorBug {
  id: string;
  /** Who fixes it (the issue). */
  owner: string;
  /** True when a diagnostic (as typeCheckPackages prints it) of a package is this bug. */
  matches: (diagnostic: string, files: Readonly<Record<string, string>>) => boolean;
}

export const KNOWN_TYPE_ERROR_BUGS: KnownTypeErrorBug[] = [
  {
    // guards.ts is printed broken when a string in it holds `/*` and another one ends in a
    // backslash (enum members `/*` and `\`): a line `*/function $is_…` ends up outside every
    // string. Regression case: test/fixtures/regressions/guards-comment-start-in-enum.
    id: 'guards-comment-start-in-string',
    owner: 'issue #11 (src/emit/guards.ts)',
    matches: (diagnostic, files) =>
      /^p\d+\/guards\.ts:\d+:\d+: TS1\d{3}:/.test(diagnostic) &&
      /^\*\//m.test(files['guards.ts'] ?? ''),
  },
  {
    // types.ts declares a type parameter no field uses (AutoQuery's `QueryDb<T>` has no fields
    // of its own): TS6133 under noUnusedParameters, which the house holds the emitted code to.
    // Regression case: test/fixtures/autoquery.
    id: 'unused-type-parameter',
    owner: 'issue #11 (src/emit/types.ts)',
    matches: (diagnostic) =>
      /^p\d+\/types\.ts:\d+:\d+: TS(6133|6196): '\w+' is declared but/.test(diagnostic),
  },
];

/**
 * Split a package's type errors into known bugs and the rest.
 *
 * @param diagnostics
 *   The package's diagnostics (typeCheckPackages).
 * @param files
 *   The package's sources.
 */
export function explainTypeErrors(
  diagnostics: readonly string[],
  files: Readonly<Record<string, string>>,
): { known: string[]; unexplained: string[] } {
  const known = new Set<string>();
  const unexplained: string[] = [];
  for (const diagnostic of diagnostics) {
    const bug = KNOWN_TYPE_ERROR_BUGS.find((candidate) => candidate.matches(diagnostic, files));
    if (bug) known.add(bug.id);
    else unexplained.push(diagnostic);
  }
  return { known: [...known], unexplained };
}
