/**
 * Test helpers: emit a model's package sources (`emitSources`, as `generate` does), load its
 * guards as live functions, or type-check every source file in memory.
 */
import { join } from 'node:path';
import type { Model } from '../../src/model/model.js';
import { emitSources } from '../../src/emit/index.js';
import type { GuardOptions } from '../../src/emit/guards.js';
import type { NamePlan } from '../../src/emit/names.js';
import { typeErrorsBeyondKnownBugs } from '../fuzz/known-bugs.js';
import { loadModules } from './package-sources.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A validation issue as the runtime defines it. */
export interface Issue {
  path: (string | number)[];
  message: string;
  expected: string;
  received: string;
}

export type Result = { success: true; value: unknown } | { success: false; issues: Issue[] };

/** The loaded guards module: `isX`, `validateX`, `assertX`, `XSchema` by name. */
export type GuardsModule = Record<string, unknown>;

/** The four exports of one type, typed loosely for tests. */
export interface TypeGuards {
  is: (value: unknown) => boolean;
  validate: (value: unknown, options?: { strict?: boolean }) => Result;
  assert: (value: unknown, options?: { strict?: boolean }) => void;
  schema: {
    '~standard': {
      version: number;
      vendor: string;
      validate: (
        value: unknown,
        options?: { libraryOptions?: Record<string, unknown> },
      ) => { value?: unknown; issues?: { message: string; path?: unknown[] }[] };
    };
  };
}

export interface LoadedGuards {
  module: GuardsModule;
  plan: NamePlan;
  source: string;
  /** The exports of the type named `name` in the model. */
  guards(name: string): TypeGuards;
}

/**
 * Emit, compile and load the guards of a model.
 *
 * @param model
 *   The model.
 * @param options
 *   Guard options (default: not strict, `optional`).
 */
export async function loadGuards(
  model: Model,
  options: Partial<GuardOptions> = {},
): Promise<LoadedGuards> {
  const sources = emitSources(model, {
    strict: false,
    optional: 'optional',
    enumStyle: 'enum',
    ...options,
  });
  const module = loadModules(sources.files, ['guards.ts'])['guards.ts']!;
  const { plan } = sources;
  return {
    module,
    plan,
    source: sources.files['guards.ts']!,
    guards(name) {
      const names = plan.names.get(name);
      if (names === undefined) throw new Error(`no type ${name}`);
      return {
        is: module[names.is] as TypeGuards['is'],
        validate: module[names.validate] as TypeGuards['validate'],
        assert: module[names.assert] as TypeGuards['assert'],
        schema: module[names.schema] as TypeGuards['schema'],
      };
    },
  };
}

/**
 * Type-check every source of a model's package (`index.ts`, `types.ts`, `guards.ts`,
 * `runtime.ts`, `schemas.ts`, the clients…) and extra files; returns the diagnostics that are no
 * known bug of another module (test/fuzz/known-bugs.ts, each with a failing regression test).
 *
 * @param model
 *   The model.
 * @param options
 *   Guard options.
 * @param extra
 *   More files (name → source), e.g. a narrowing test importing `./guards.js`.
 */
export function typeCheckGuards(
  model: Model,
  options: GuardOptions,
  extra: Record<string, string> = {},
): string[] {
  const sources = emitSources(model, { ...options, enumStyle: 'enum' });
  return typeErrorsBeyondKnownBugs([{ ...sources.files, ...extra }])[0] ?? [];
}
