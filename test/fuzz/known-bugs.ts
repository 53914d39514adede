/**
 * Bugs the fuzzers found that are not fixed yet. Each has a regression case and an `it.fails`
 * test (test/fuzz/regressions.test.ts); the fuzz properties count their hits instead of failing
 * on them, so that every OTHER invariant keeps being checked. When a bug is fixed, its `it.fails`
 * test fails: delete the entry here and turn the test into a plain `it`.
 */
import type { Model } from '../../src/model/model.js';
import { typeCheckPackages } from '../helpers/package-sources.js';

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
  // (empty: `client-request-not-object`, a client.ts that did not type-check for an operation
  // whose request is no object type, and `unused-type-parameter`, AutoQuery's `QueryDb<T>` under
  // noUnusedParameters, are fixed; their regression tests stay in regressions.test.ts.)
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

/**
 * Type-check packages (every file, test/helpers/package-sources.ts) and keep, for each, the
 * diagnostics that are no known bug: what a test that is not about those bugs asserts empty.
 *
 * @param packages
 *   One file set per package.
 */
export function typeErrorsBeyondKnownBugs(packages: readonly Record<string, string>[]): string[][] {
  return typeCheckPackages(packages).map(
    (diagnostics, i) => explainTypeErrors(diagnostics, packages[i] ?? {}).unexplained,
  );
}
