/**
 * Test helpers: emit `guards.ts` for a model, compile it with `templates/runtime.ts` and load
 * it (from a temporary folder under test/tmp/), or type-check it in memory with `types.ts`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project, ts } from 'ts-morph';
import type { Model } from '../../src/model/model.js';
import { emitGuards, type GuardOptions } from '../../src/emit/guards.js';
import { planNames, type NamePlan } from '../../src/emit/names.js';
import { emitTypes } from '../../src/emit/types.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RUNTIME = readFileSync(join(ROOT, 'templates', 'runtime.ts'), 'utf8');

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

/** Transpile TypeScript to ESM JavaScript (type imports are elided). */
function transpile(text: string): string {
  return ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

export interface LoadedGuards {
  module: GuardsModule;
  plan: NamePlan;
  source: string;
  /** The exports of the type named `name` in the model. */
  guards(name: string): TypeGuards;
}

/**
 * Emit, compile and import the guards of a model.
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
  const plan = planNames(model);
  const source = emitGuards(model, plan, { strict: false, optional: 'optional', ...options });
  // Note: a folder of its own under the OS temp folder, which no other test cleans up.
  const dir = mkdtempSync(join(tmpdir(), 'dtoforge-guards-'));
  writeFileSync(join(dir, 'runtime.js'), transpile(RUNTIME));
  writeFileSync(join(dir, 'guards.ts'), source);
  writeFileSync(join(dir, 'guards.js'), transpile(source));
  const module = (await import(pathToFileURL(join(dir, 'guards.js')).href)) as GuardsModule;
  return {
    module,
    plan,
    source,
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

/** The compiler options of the type-check: the house standard and then some. */
const CHECK_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  types: [],
  noEmit: true,
};

/**
 * Type-check `runtime.ts`, `types.ts` (from the types emitter), `guards.ts` and extra files in
 * memory; returns the formatted diagnostics.
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
  const plan = planNames(model);
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: CHECK_OPTIONS });
  project.getFileSystem().writeFileSync('/pkg/package.json', '{ "type": "module" }');
  const files: Record<string, string> = {
    'runtime.ts': RUNTIME,
    'types.ts': emitTypes(model, plan, { optional: options.optional, enumStyle: 'enum' }).text,
    'guards.ts': emitGuards(model, plan, options),
    ...extra,
  };
  for (const [name, text] of Object.entries(files)) {
    project.createSourceFile(`/pkg/src/${name}`, text, { overwrite: true });
  }
  return project
    .getPreEmitDiagnostics()
    .map((diagnostic) =>
      project.formatDiagnosticsWithColorAndContext([diagnostic]).replace(/\x1b\[[0-9;]*m/g, ''),
    );
}
