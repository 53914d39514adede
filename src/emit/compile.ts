/**
 * Compile the generated TypeScript sources to ESM and CommonJS JavaScript plus declarations,
 * in memory (ts-morph's in-memory file system and bundled TypeScript), so the package can be
 * packed with no build step.
 *
 * Both builds type-check the sources under `strict`, `exactOptionalPropertyTypes` and
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
  newLine: ts.NewLineKind.LineFeed,
  rootDir: '/package/src',
};

/** The two builds: folder under `dist/` and module kind. */
const BUILDS = [
  { folder: 'esm', module: ts.ModuleKind.ESNext },
  { folder: 'cjs', module: ts.ModuleKind.CommonJS },
] as const;

export interface CompileResult {
  /** `dist/esm/*.js|.d.ts` and `dist/cjs/*.js|.d.ts`, relative to the package, sorted. */
  files: { path: string; content: string }[];
  /** Formatted TypeScript diagnostics (empty when the sources are sound). */
  problems: string[];
}

/**
 * Compile the package sources.
 *
 * @param sources
 *   Path inside `src/` (`types.ts`) → TypeScript source.
 */
export function compileSources(sources: Readonly<Record<string, string>>): CompileResult {
  const files: CompileResult['files'] = [];
  const problems = new Set<string>();
  for (const build of BUILDS) {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        ...COMMON,
        module: build.module,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        outDir: `/package/dist/${build.folder}`,
      },
    });
    for (const [name, text] of Object.entries(sources)) {
      project.createSourceFile(`/package/src/${name}`, text);
    }
    // Note: both builds check the same sources; checking one is enough.
    const diagnostics = build.folder === 'esm' ? project.getPreEmitDiagnostics() : [];
    for (const diagnostic of diagnostics) {
      problems.add(
        project.formatDiagnosticsWithColorAndContext([diagnostic]).replace(/\x1b\[[0-9;]*m/g, ''),
      );
    }
    for (const file of project.emitToMemory().getFiles()) {
      files.push({ path: file.filePath.replace(/^\/package\//, ''), content: file.text });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems: [...problems] };
}
