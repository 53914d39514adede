/**
 * Emit the checked sources of a model quickly (no prettier, no ESM/CJS build), type-check many
 * models in ONE in-memory ts-morph project, and load emitted guards as live functions.
 *
 * `emitSources` mirrors what `emitPackage` (src/emit/index.ts) feeds the compiler: the same name
 * plan (with the package's own export names reserved), `types.ts`, `guards.ts`, `runtime.ts`
 * and the JSON Schema document.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Project, ts, type CompilerOptions } from 'ts-morph';
import type { DtoforgeConfig } from '../../src/config/config.js';
import { emitGuards } from '../../src/emit/guards.js';
import { emitJsonSchemas } from '../../src/emit/json-schema.js';
import { planPackageNames } from '../../src/emit/index.js';
import type { NamePlan } from '../../src/emit/names.js';
import { emitTypes } from '../../src/emit/types.js';
import type { Model } from '../../src/model/model.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The runtime template every package ships (read once). */
export const RUNTIME_SOURCE = readFileSync(path.join(ROOT, 'templates/runtime.ts'), 'utf8');

/** Names the package exports besides the types' own (as src/emit/index.ts reserves them). */

/** The emitted sources of one model. */
export interface Sources {
  plan: NamePlan;
  /** `types.ts`, `guards.ts`, `runtime.ts`. */
  files: Record<string, string>;
  schemas: Record<string, unknown>;
}

/**
 * Emit a model's sources (what the package compiles).
 *
 * @param model
 *   The model.
 * @param config
 *   The config (optional policy, strict, enum style).
 */
export function emitSources(
  model: Model,
  config: Pick<DtoforgeConfig, 'optional' | 'strict' | 'enumStyle'>,
): Sources {
  const plan = planPackageNames(model);
  const types = emitTypes(model, plan, { optional: config.optional, enumStyle: config.enumStyle });
  const options = { strict: config.strict, optional: config.optional };
  return {
    plan,
    files: {
      'types.ts': types.text,
      'guards.ts': emitGuards(model, plan, options),
      'runtime.ts': RUNTIME_SOURCE,
    },
    schemas: emitJsonSchemas(model, plan, options),
  };
}

/** The compiler options of the package build (src/emit/compile.ts), ESM flavour. */
const OPTIONS: CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  isolatedModules: true,
  noEmit: true,
  types: [],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/**
 * Type-check many packages' sources at once, each under its own folder.
 *
 * @param packages
 *   One file set per package (`types.ts` → text).
 * @returns
 *   For each package, its diagnostics as text (empty when it compiles).
 */
export function typeCheckBatch(packages: readonly Record<string, string>[]): string[][] {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: OPTIONS });
  // One runtime.ts for all packages (it is the same template): `./runtime.js` → `../runtime.js`.
  project.createSourceFile('/runtime.ts', RUNTIME_SOURCE);
  packages.forEach((files, i) => {
    for (const [name, text] of Object.entries(files)) {
      if (name === 'runtime.ts' && text === RUNTIME_SOURCE) continue;
      const shared = files['runtime.ts'] === RUNTIME_SOURCE;
      const source = shared ? text.replace(/(['"])\.\/runtime\.js\1/g, '$1../runtime.js$1') : text;
      project.createSourceFile(`/p${i}/${name}`, source, { overwrite: true });
    }
  });
  const result: string[][] = packages.map(() => []);
  for (const diagnostic of project.getPreEmitDiagnostics()) {
    const file = diagnostic.getSourceFile()?.getFilePath() ?? '';
    const index = Number(/^\/p(\d+)\//.exec(file)?.[1] ?? -1);
    const text = `${file}:${diagnostic.getLineNumber() ?? 0}: ${ts.flattenDiagnosticMessageText(
      diagnostic.getMessageText() as string | ts.DiagnosticMessageChain,
      '\n',
    )}`;
    (result[index] ?? result[0]!).push(text);
  }
  return result;
}

/**
 * Transpile emitted sources to CommonJS and evaluate them (relative `./x.js` imports resolve to
 * the other sources). Returns each module's exports.
 *
 * @param files
 *   `types.ts`, `guards.ts`, `runtime.ts` …
 */
export function loadModules(
  files: Readonly<Record<string, string>>,
): Record<string, Record<string, unknown>> {
  const cache: Record<string, Record<string, unknown>> = {};
  const load = (name: string): Record<string, unknown> => {
    const cached = cache[name];
    if (cached) return cached;
    const source = files[name];
    if (source === undefined) throw new Error(`no module ${name}`);
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const module = { exports: {} as Record<string, unknown> };
    cache[name] = module.exports;
    const require = (specifier: string): unknown => {
      const match = /^\.\/(.+)\.js$/.exec(specifier);
      if (!match) throw new Error(`unexpected import ${specifier}`);
      return load(`${match[1]}.ts`);
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('exports', 'require', 'module', js)(module.exports, require, module);
    cache[name] = module.exports;
    return module.exports;
  };
  const result: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(files)) result[name] = load(name);
  return result;
}
