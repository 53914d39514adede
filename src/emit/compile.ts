/**
 * Compile the generated TypeScript sources to ESM and CommonJS JavaScript plus declarations,
 * in memory (ts-morph's in-memory file system and bundled TypeScript), so the package can be
 * packed with no build step.
 *
 * The sources are type-checked under `strict`, `exactOptionalPropertyTypes` and
 * `noUncheckedIndexedAccess`: any error is a dtoforge bug and is returned as a problem.
 */
import { Project, ts, type CompilerOptions } from 'ts-morph';

/** The options shared by both builds. */
const COMMON: CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  isolatedModules: true,
  declaration: true,
  types: [],
  // The libraries are TypeScript's own: checking them costs seconds and finds nothing.
  skipLibCheck: true,
  newLine: ts.NewLineKind.LineFeed,
  rootDir: '/package/src',
};

export interface CompileResult {
  /** `dist/esm/*.js|.d.ts` and `dist/cjs/*.js|.d.ts`, relative to the package, sorted. */
  files: { path: string; content: string }[];
  /** Formatted TypeScript diagnostics (empty when the sources are sound). */
  problems: string[];
}

/**
 * Compile the package sources.
 *
 * One program type-checks the sources and emits the ES modules with their declarations; the
 * CommonJS build is the same sources transpiled file by file (they use `import type` for types,
 * so no checker is needed), with the same declarations (they do not depend on the module kind).
 *
 * @param sources
 *   Path inside `src/` (`types.ts`) → TypeScript source.
 */
export function compileSources(sources: Readonly<Record<string, string>>): CompileResult {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      ...COMMON,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      outDir: '/package/dist/esm',
    },
  });
  for (const [name, text] of Object.entries(sources)) {
    project.createSourceFile(`/package/src/${name}`, text);
  }
  const problems = project
    .getPreEmitDiagnostics()
    .map((diagnostic) =>
      project.formatDiagnosticsWithColorAndContext([diagnostic]).replace(/\x1b\[[0-9;]*m/g, ''),
    );

  const files: CompileResult['files'] = [];
  for (const file of project.emitToMemory().getFiles()) {
    const path = file.filePath.replace(/^\/package\//, '');
    files.push({ path, content: file.text });
    if (path.endsWith('.d.ts')) {
      files.push({ path: path.replace(/^dist\/esm\//, 'dist/cjs/'), content: file.text });
    }
  }
  for (const [name, text] of Object.entries(sources)) {
    const { outputText } = ts.transpileModule(text, {
      fileName: name,
      compilerOptions: { ...COMMON, module: ts.ModuleKind.CommonJS, declaration: false },
    });
    files.push({ path: `dist/cjs/${name.replace(/\.ts$/, '.js')}`, content: outputText });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}
