/**
 * Compile the generated TypeScript sources to ESM and CommonJS JavaScript plus declarations,
 * in memory (esbuild, and ts-morph's bundled TypeScript), so the package can be packed with no
 * build step.
 *
 * Fast by default: every file is compiled on its own, with no type checker — esbuild for the
 * JavaScript (the sources use `import type` for types, so no checker is needed to drop imports;
 * TypeScript's own `transpileModule` took 10× longer on a large package and is only the fallback
 * when esbuild fails) and, for the declarations, each module's ambient outline (outline.ts:
 * the sources annotate every export, as `isolatedDeclarations` requires, so a declaration is the
 * export's signature without its body or initializer). A module the outline cannot make ambient
 * goes through `ts.transpileDeclaration` (on its outline, else whole): TypeScript (12 MB, ~0.5 s
 * to load and warm up) is loaded only then, or to type-check. The declarations do not depend on
 * the module kind: the CommonJS build ships the same ones.
 *
 * Type-checking the sources (under `strict`, `exactOptionalPropertyTypes` and
 * `noUncheckedIndexedAccess`) builds one program with the libraries and costs seconds; it runs
 * on request ({@link CompileOptions.check}) and whenever a declaration cannot be produced file by
 * file (then the program emits the declarations instead, and a note says why).
 */
import { transform, type TransformOptions } from 'esbuild';
import type { CompilerOptions, ts as TypeScript } from 'ts-morph';
import { ambientDeclarations, declarationOutline } from './outline.js';

type Ts = typeof TypeScript;

/** ts-morph and its TypeScript, loaded on first use. */
let tsMorph: typeof import('ts-morph') | undefined;
async function loadTsMorph(): Promise<typeof import('ts-morph')> {
  tsMorph ??= await import('ts-morph');
  return tsMorph;
}

/** The compiler options of the ES module build (and of the type-check), and of the CommonJS one. */
function compilerOptions(ts: Ts): { esm: CompilerOptions; cjs: CompilerOptions } {
  const common: CompilerOptions = {
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
  return {
    esm: {
      ...common,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      outDir: '/package/dist/esm',
    },
    cjs: { ...common, module: ts.ModuleKind.CommonJS, declaration: false },
  };
}

/** esbuild's options, as {@link COMMON} has them (strict mode, class fields by `define`). */
const ESBUILD: TransformOptions = {
  loader: 'ts',
  target: 'es2022',
  charset: 'utf8',
  tsconfigRaw: { compilerOptions: { alwaysStrict: true, useDefineForClassFields: true } },
};

export interface CompileOptions {
  /**
   * Type-check the sources with one program (seconds, growing with the package); its errors are
   * returned as problems. The output is the same either way.
   */
  check?: boolean;
}

export interface CompileResult {
  /** `dist/esm/*.js|.d.ts` and `dist/cjs/*.js|.d.ts`, relative to the package, sorted. */
  files: { path: string; content: string }[];
  /** Formatted TypeScript diagnostics (empty when the sources are sound). */
  problems: string[];
  /**
   * Why the compile had to take the slow way (the declarations came from a checked program);
   * empty normally. Not errors: the output is complete and correct.
   */
  notes: string[];
}

/** How diagnostics are printed: paths as in the package, no colours. */
const FORMAT_HOST: TypeScript.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => '/package',
  getNewLine: () => '\n',
};

/**
 * Compile the package sources.
 *
 * @param sources
 *   Path inside `src/` (`types.ts`) → TypeScript source.
 * @param options
 *   Whether to type-check (default: no).
 */
export async function compileSources(
  sources: Readonly<Record<string, string>>,
  options: CompileOptions = {},
): Promise<CompileResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  const declarations = new Map<string, string>();
  const failed: TypeScript.Diagnostic[] = [];
  // Note: esbuild compiles every module in both formats on its own threads while this thread
  // emits the declarations.
  const builds = Object.entries(sources).flatMap(([name, text]) =>
    (['esm', 'cjs'] as const).map(async (folder) => {
      const path = `dist/${folder}/${name.replace(/\.ts$/, '')}.js`;
      try {
        const output = await transform(text, {
          ...ESBUILD,
          format: folder,
          sourcefile: `src/${name}`,
        });
        return { path, content: output.code, problems: [], note: undefined };
      } catch (error) {
        // Note: TypeScript tells a syntax error (a problem) from an esbuild failure (a note).
        const { ts } = await loadTsMorph();
        const output = ts.transpileModule(text, {
          fileName: `/package/src/${name}`,
          compilerOptions: compilerOptions(ts)[folder],
          reportDiagnostics: true,
        });
        return {
          path,
          content: output.outputText,
          problems: formatDiagnostics(ts, output.diagnostics ?? []),
          note: `esbuild failed on src/${name}, compiled with TypeScript: ${String(error)}`,
        };
      }
    }),
  );
  for (const [name, text] of Object.entries(sources)) {
    const base = name.replace(/\.ts$/, '');
    const ambient = ambientDeclarations(text);
    if (ambient !== undefined) {
      declarations.set(base, ambient);
      continue;
    }
    const declaration = declare(await loadTsMorph(), `/package/src/${name}`, text);
    const diagnostics = declaration.diagnostics ?? [];
    if (diagnostics.length > 0) failed.push(...diagnostics);
    else declarations.set(base, declaration.outputText);
  }
  const files: CompileResult['files'] = [];
  for (const build of await Promise.all(builds)) {
    files.push({ path: build.path, content: build.content });
    problems.push(...build.problems);
    if (build.note !== undefined) notes.push(build.note);
  }
  // Note: a syntax error shows in every build; report it once.
  const unique = [...new Set(problems)];

  if (options.check === true || failed.length > 0) {
    const morph = await loadTsMorph();
    const checked = checkSources(morph, sources, failed.length > 0);
    unique.push(...checked.problems.filter((problem) => !unique.includes(problem)));
    if (failed.length > 0) {
      notes.push(
        `Declarations came from the type-checked program: transpileDeclaration reported\n${formatDiagnostics(morph.ts, failed).join('')}`,
      );
      for (const [base, text] of checked.declarations) declarations.set(base, text);
    }
  }
  for (const [base, text] of declarations) {
    files.push({ path: `dist/esm/${base}.d.ts`, content: text });
    files.push({ path: `dist/cjs/${base}.d.ts`, content: text });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems: unique, notes };
}

/**
 * Type-check the sources in one in-memory program, and emit its declarations when asked.
 *
 * @param morph
 *   ts-morph.
 * @param sources
 *   Path inside `src/` → TypeScript source.
 * @param emitDeclarations
 *   Whether to emit the declarations (base name → text).
 */
function checkSources(
  { Project, ts }: typeof import('ts-morph'),
  sources: Readonly<Record<string, string>>,
  emitDeclarations: boolean,
): { problems: string[]; declarations: Map<string, string> } {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: compilerOptions(ts).esm,
  });
  for (const [name, text] of Object.entries(sources)) {
    project.createSourceFile(`/package/src/${name}`, text);
  }
  const problems = project
    .getPreEmitDiagnostics()
    .map((diagnostic) =>
      project.formatDiagnosticsWithColorAndContext([diagnostic]).replace(/\x1b\[[0-9;]*m/g, ''),
    );
  const declarations = new Map<string, string>();
  if (emitDeclarations) {
    for (const file of project.emitToMemory({ emitOnlyDtsFiles: true }).getFiles()) {
      const match = /^\/package\/dist\/esm\/(.*)\.d\.ts$/.exec(file.filePath);
      if (match?.[1] !== undefined) declarations.set(match[1], file.text);
    }
  }
  return { problems, declarations };
}

/**
 * The declarations of one module, from its outline (see outline.ts) when that compiles, else from
 * the whole module.
 *
 * @param morph
 *   ts-morph (its TypeScript).
 * @param fileName
 *   The module's path in the package.
 * @param text
 *   Its source.
 */
function declare(
  { ts }: typeof import('ts-morph'),
  fileName: string,
  text: string,
): TypeScript.TranspileOutput {
  const options = { fileName, compilerOptions: compilerOptions(ts).esm, reportDiagnostics: true };
  const outline = declarationOutline(text);
  if (outline !== undefined) {
    const declaration = ts.transpileDeclaration(outline, options);
    if ((declaration.diagnostics ?? []).length === 0) return declaration;
  }
  return ts.transpileDeclaration(text, options);
}

/** Diagnostics as text, one per entry. */
function formatDiagnostics(ts: Ts, diagnostics: readonly TypeScript.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => ts.formatDiagnostics([diagnostic], FORMAT_HOST));
}
