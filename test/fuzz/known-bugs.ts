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
  {
    // client.ts calls an operation with a request that is not an object type (a page whose
    // request name is bound to an enum or a dictionary, or missing from the model): `request
    // = {}` is no such value (TS2322) and callOperation takes objects (TS2345). Found by the page
    // fuzzer on pages WITHOUT error diagnostics too, so generate writes such a package and exits
    // 0. Regression case: test/fuzz/regressions.test.ts (an operation whose request is an enum).
    id: 'client-request-not-object',
    owner: 'issue #12 (src/emit client.ts)',
    matches: (diagnostic) =>
      /^p\d+\/client\.ts:\d+:\d+: (TS2322: Type '\{\}' is not assignable to type|TS2345: Argument of type .* is not assignable to parameter of type 'object')/.test(
        diagnostic,
      ),
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
