/**
 * Type-check and load the sources `emitSources` (src/emit/index.ts) gives, the way a consumer
 * compiles and runs them: many packages at once with the native TypeScript compiler (`tsc` of
 * typescript@7, about 5x faster than ts-morph's TypeScript on these files, fast enough for the
 * fuzzers to check every file of every distinct package), and the modules evaluated as live
 * functions.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { readTemplateSync } from '../../src/emit/package.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The runtime template every package ships (`src/runtime.ts`). */
export const RUNTIME_SOURCE = readTemplateSync('runtime.ts');

/**
 * The compiler options of the check: the package's own tsconfig (templates/package.tsconfig.json:
 * NodeNext, strict, `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`) and the stricter
 * flags a consumer may compile the sources with.
 */
export const PACKAGE_CHECK_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
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
} as const;

/** One line of `tsc --pretty false` that starts a diagnostic: `p0/a.ts(3,7): error TS2322: …`. */
const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

let checks = 0;

/** One run of the native compiler over packages in folders `p<i>/` (see typeCheckPackages). */
function runTsc(packages: readonly Record<string, string>[]): string[][] {
  const dir = path.join(ROOT, 'test', 'tmp', `type-check-${process.pid}-${checks++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: PACKAGE_CHECK_OPTIONS, include: ['**/*.ts'] }),
    );
    writeFileSync(path.join(dir, 'runtime.ts'), RUNTIME_SOURCE);
    packages.forEach((files, i) => {
      const folder = path.join(dir, `p${i}`);
      mkdirSync(folder);
      const shared = files['runtime.ts'] === RUNTIME_SOURCE;
      for (const [name, text] of Object.entries(files)) {
        if (shared && name === 'runtime.ts') continue;
        const source = shared
          ? text.replace(/(['"])\.\/runtime\.js\1/g, '$1../runtime.js$1')
          : text;
        writeFileSync(path.join(folder, name), source);
      }
    });
    const run = spawnSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    const result: string[][] = packages.map(() => []);
    /** The diagnostic being read (its lines) and the packages it belongs to. */
    let open: { lines: string[]; targets: string[][] } | undefined;
    for (const line of run.stdout.split('\n')) {
      const match = DIAGNOSTIC.exec(line);
      if (match) {
        const [, file = '', row, column, code, message] = match;
        const owner = /^p(\d+)\//.exec(file);
        // Note: a problem outside every package (the shared runtime) belongs to all of them.
        const targets = owner ? [result[Number(owner[1])] ?? []] : result;
        open = { lines: [`${file}:${row}:${column}: ${code}: ${message}`], targets };
        for (const target of targets) target.push(open.lines[0]!);
      } else if (open && /^\s+\S/.test(line)) {
        // The next link of a chained message.
        open.lines.push(line.trim());
        for (const target of open.targets) target[target.length - 1] = open.lines.join('\n');
      } else if (line.trim() !== '') {
        // A diagnostic without a place (a broken tsconfig…): every package fails with it.
        for (const target of result) target.push(line.trim());
        open = undefined;
      }
    }
    if (run.status !== 0 && result.every((diagnostics) => diagnostics.length === 0)) {
      throw new Error(`tsc failed (status ${run.status}): ${run.stdout}${run.stderr}`);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Type-check many packages' sources at once, each in a folder of its own (`p<i>/`), with the
 * native compiler. Packages whose `runtime.ts` is the template share one copy of it (the checker
 * reads it once).
 *
 * @param packages
 *   One file set per package (`types.ts` → text), as `emitSources(...).files`, plus any extra
 *   file (a module that uses the package; `.d.ts` files too).
 * @returns
 *   For each package, its diagnostics (empty when every file type-checks), each as
 *   `p<i>/<file>:<line>:<column>: TS<code>: <message>` (`p<i>` as in the call), a chained
 *   message (TS2322's "Type X is not assignable to type Y." then why) with each link on its own
 *   line.
 */
export function typeCheckPackages(packages: readonly Record<string, string>[]): string[][] {
  const result = runTsc(packages);
  // Note: tsc reports no type error in a program that has a syntax error anywhere, so the
  // packages that looked clean next to a failing one are checked again on their own (syntax
  // errors are all reported in the first run: the second one has none and reports every type
  // error).
  const clean = packages.map((_, i) => i).filter((i) => result[i]?.length === 0);
  if (clean.length > 0 && clean.length < packages.length) {
    const again = runTsc(clean.map((i) => packages[i]!));
    for (const [k, i] of clean.entries()) {
      result[i] = (again[k] ?? []).map((text) => text.replace(/^p\d+\//, `p${i}/`));
    }
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
