/**
 * Type-check and load the sources `emitSources` (src/emit/index.ts) gives, the way a consumer
 * compiles and runs them: many packages in ONE in-memory ts-morph program (fast enough for the
 * fuzzers to check every file of every distinct package), and the modules evaluated as live
 * functions.
 */
import { Project, ts, type CompilerOptions, type Diagnostic } from 'ts-morph';
import { readTemplateSync } from '../../src/emit/package.js';

/** The runtime template every package ships (`src/runtime.ts`). */
export const RUNTIME_SOURCE = readTemplateSync('runtime.ts');

/**
 * The compiler options of the check: the package's own tsconfig (templates/package.tsconfig.json:
 * NodeNext, strict, `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`) and the stricter
 * flags a consumer may compile the sources with.
 */
export const PACKAGE_CHECK_OPTIONS: CompilerOptions = {
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
  skipLibCheck: true,
  types: [],
  noEmit: true,
};

/**
 * A diagnostic as one readable text: `file:line: message`, a chained message (TS2322's "Type X
 * is not assignable to type Y. / Property … is missing") with each link on its own line.
 *
 * @param diagnostic
 *   A ts-morph diagnostic.
 */
export function diagnosticText(diagnostic: Diagnostic): string {
  // Note: ts-morph's getMessageText() wraps a chain in its own class, which
  // flattenDiagnosticMessageText does not read: the compiler object holds the real chain.
  const message = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, '\n');
  const file = diagnostic.getSourceFile()?.getFilePath() ?? '(no file)';
  return `${file}:${diagnostic.getLineNumber() ?? 0}: TS${diagnostic.getCode()}: ${message}`;
}

/**
 * Type-check many packages' sources at once, each in a folder of its own (`/p<i>/`). Packages
 * whose `runtime.ts` is the template share one copy of it (the checker reads it once).
 *
 * @param packages
 *   One file set per package (`types.ts` → text), as `emitSources(...).files`, plus any extra
 *   file (a module that uses the package).
 * @returns
 *   For each package, its diagnostics as text (empty when every file type-checks).
 */
export function typeCheckPackages(packages: readonly Record<string, string>[]): string[][] {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: PACKAGE_CHECK_OPTIONS,
  });
  project.getFileSystem().writeFileSync('/package.json', '{ "type": "module" }');
  project.createSourceFile('/runtime.ts', RUNTIME_SOURCE);
  packages.forEach((files, i) => {
    const shared = files['runtime.ts'] === RUNTIME_SOURCE;
    for (const [name, text] of Object.entries(files)) {
      if (shared && name === 'runtime.ts') continue;
      const source = shared ? text.replace(/(['"])\.\/runtime\.js\1/g, '$1../runtime.js$1') : text;
      project.createSourceFile(`/p${i}/${name}`, source, { overwrite: true });
    }
  });
  const result: string[][] = packages.map(() => []);
  for (const diagnostic of project.getPreEmitDiagnostics()) {
    const file = diagnostic.getSourceFile()?.getFilePath() ?? '';
    const owner = /^\/p(\d+)\//.exec(file);
    const text = diagnosticText(diagnostic);
    // Note: a problem outside every package (the shared runtime) belongs to all of them.
    if (owner) result[Number(owner[1])]?.push(text);
    else for (const diagnostics of result) diagnostics.push(text);
  }
  return result;
}

/**
 * Type-check one package's sources (and extra modules).
 *
 * @param files
 *   `emitSources(...).files`, plus any extra file.
 */
export function typeCheckPackage(files: Record<string, string>): string[] {
  return typeCheckPackages([files])[0] ?? [];
}

/**
 * Transpile emitted sources to CommonJS and evaluate them (relative `./x.js` imports resolve to
 * the other sources). Returns each module's exports.
 *
 * @param files
 *   `types.ts`, `guards.ts`, `runtime.ts` …
 * @param names
 *   The modules to load (with what they import); default: all.
 */
export function loadModules(
  files: Readonly<Record<string, string>>,
  names: readonly string[] = Object.keys(files),
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
    new Function('exports', 'require', 'module', js)(module.exports, require, module);
    cache[name] = module.exports;
    return module.exports;
  };
  const result: Record<string, Record<string, unknown>> = {};
  for (const name of names) result[name] = load(name);
  return result;
}
