/**
 * A code cache for the large CommonJS modules the CLI loads (TypeScript inside ts-morph: 12 MB
 * of JavaScript that V8 compiles on every start), so that a second `dtoforge` process starts
 * faster.
 *
 * Node 22.1+ has this built in (`module.enableCompileCache()`, which covers ES modules too): it
 * is used when present. On Node 20 the CommonJS loader's compile step is wrapped for modules over
 * {@link MIN_SIZE}: V8 gets the cached data when there is some, and when there was none (or V8
 * rejected it) the process writes it at exit — after the run, so that it holds the functions the
 * run compiled lazily, not only the top level (this is what makes it pay: ~40% of TypeScript's
 * load time). Entries are keyed by path, size, modification time and the Node and V8 versions,
 * written atomically (temp file + rename), and ignored when unreadable: a cache problem never
 * fails a run. `DTOFORGE_COMPILE_CACHE=0` turns it off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** Modules smaller than this compile faster than their cache reads. */
const MIN_SIZE = 512 * 1024;

/** The CommonJS loader's internals this module wraps (not in @types/node). */
interface LoaderModule {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface ModuleStatic {
  prototype: LoaderModule;
  wrap(content: string): string;
  _resolveFilename(
    request: string,
    parent: LoaderModule,
    isMain: boolean,
    options?: unknown,
  ): string;
  _cache: unknown;
  _extensions: unknown;
  enableCompileCache?: (directory?: string) => unknown;
}

let installed = false;

/** What the cache did in this process (for tests and `DTOFORGE_DEBUG`-style checks). */
export const compileCacheStats = { hits: 0, misses: 0, rejected: 0, written: 0 };

/**
 * Turn the code cache on for this process (once; later calls do nothing).
 *
 * @param directory
 *   Where entries live (default: `dtoforge-compile-cache-<user>` in the temp folder).
 */
export function enableCompileCache(directory?: string): void {
  if (installed || process.env['DTOFORGE_COMPILE_CACHE'] === '0') return;
  installed = true;
  const Module = module as unknown as ModuleStatic;
  const folder = directory ?? path.join(tmpdir(), `dtoforge-compile-cache-${userName()}`);
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(folder);
    return;
  }
  const pending: { script: vm.Script; file: string }[] = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (this: LoaderModule, content: string, filename: string) {
    if (content.length < MIN_SIZE) return compile.call(this, content, filename);
    let file: string;
    let cachedData: Buffer | undefined;
    try {
      const { size, mtimeMs } = statSync(filename);
      const key = createHash('sha256')
        .update(`${filename}\0${size}\0${mtimeMs}\0${process.version}\0${process.versions.v8}`)
        .digest('hex');
      file = path.join(folder, key.slice(0, 32));
      cachedData = readFileSync(file);
    } catch {
      file ??= '';
    }
    const script = new vm.Script(Module.wrap(content), {
      filename,
      ...(cachedData ? { cachedData } : {}),
    });
    if (cachedData === undefined) compileCacheStats.misses++;
    else if (script.cachedDataRejected === true) compileCacheStats.rejected++;
    else compileCacheStats.hits++;
    if (file !== '' && (cachedData === undefined || script.cachedDataRejected === true)) {
      pending.push({ script, file });
    }
    const run = script.runInThisContext({ displayErrors: true }) as (
      this: unknown,
      ...args: unknown[]
    ) => unknown;
    const require = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: unknown) =>
        Module._resolveFilename(request, this, false, options),
      cache: Module._cache,
      extensions: Module._extensions,
    });
    return run.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, file } of pending) {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, file);
        compileCacheStats.written++;
      } catch {
        // Note: a cache that cannot be written only costs the next run its head start.
      }
    }
  });
}

/** The user's name for the cache folder (the temp folder can be shared). */
function userName(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '_');
  } catch {
    return String(process.getuid?.() ?? 'user');
  }
}
