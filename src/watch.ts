/**
 * `dtoforge generate --watch`: regenerate whenever a page or the config changes.
 *
 * Changes are debounced (100 ms) and runs never overlap (a change during a run queues one more
 * run). A run with errors writes nothing, so the last good package stays in place; a config
 * error is reported and watching goes on. Printing is the caller's job (`onRun`).
 */
import path from 'node:path';
import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { isDynamicPattern } from 'tinyglobby';
import { findConfig, loadConfig } from './config/load.js';
import { generate } from './index.js';
import type { GenerateOptions, GenerateResult } from './index.js';
import { PAGE_EXTENSIONS } from './pipeline.js';
import { TEMP_PREFIX } from './write.js';

/** One run of the watcher. */
export interface WatchRun {
  /** The changed paths (relative to cwd) that caused the run; empty for the first run. */
  changed: string[];
  /** The run's result (when it got that far). */
  result?: GenerateResult;
  /** A config error or a crash of a stage. */
  error?: unknown;
  /** Wall time of the run. */
  ms: number;
}

export interface WatchOptions extends Omit<GenerateOptions, 'write' | 'check' | 'config'> {
  /** The config file (relative to cwd); default: found from cwd. */
  config?: string | undefined;
  /** Debounce delay (default: 100 ms). */
  debounceMs?: number | undefined;
  /** Called after every run, the first one included. */
  onRun?: ((run: WatchRun) => void) | undefined;
}

export interface Watcher {
  /** Stop watching (waits for a run in progress). */
  close(): Promise<void>;
  /** Resolves when no run is scheduled or in progress. */
  idle(): Promise<void>;
}

/**
 * Generate once, then watch the pages and the config and regenerate on change.
 *
 * @param options
 *   Generate options, the debounce delay and the run callback.
 */
export async function watchGenerate(options: WatchOptions): Promise<Watcher> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const debounceMs = options.debounceMs ?? 100;
  const configPath =
    options.config === undefined ? findConfig(cwd) : path.resolve(cwd, options.config);
  let watched = new Set<string>();
  let explicitFiles = new Set<string>();
  let outDir: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  const pending = new Set<string>();

  const isRelevant = (file: string): boolean =>
    file === configPath ||
    explicitFiles.has(file) ||
    PAGE_EXTENSIONS.some((extension) => file.endsWith(extension));

  let watcher: FSWatcher | undefined;
  /** Start watching (the first time the paths are known). */
  const startWatcher = async (paths: string[]): Promise<FSWatcher> => {
    const created = watch(paths, {
      ignoreInitial: true,
      ignored: (file, stats) =>
        file
          .split(path.sep)
          .some((part) => part === 'node_modules' || part.startsWith(TEMP_PREFIX)) ||
        (outDir !== undefined && (file === outDir || file.startsWith(outDir + path.sep))) ||
        (stats?.isFile() === true && !isRelevant(path.resolve(file))),
    });
    for (const event of ['add', 'change', 'unlink'] as const) {
      created.on(event, (file: string) => schedule(file));
    }
    await new Promise<void>((resolve) => created.once('ready', () => resolve()));
    return created;
  };

  const runOnce = async (changed: string[]): Promise<void> => {
    const started = performance.now();
    const run: WatchRun = { changed, ms: 0 };
    try {
      run.result = await generate({
        ...options,
        cwd,
        ...(configPath === undefined ? {} : { config: configPath }),
        write: true,
      });
      outDir = run.result.outDir;
    } catch (error) {
      run.error = error;
    }
    await updateWatched();
    run.ms = Math.round(performance.now() - started);
    options.onRun?.(run);
  };

  /** Watch the config file and the inputs (a glob's static folder), as the config now says. */
  const updateWatched = async (): Promise<void> => {
    let inputs: readonly string[] | undefined = options.input;
    let base = cwd;
    if (!inputs) {
      try {
        const loaded = await loadConfig({
          cwd,
          ...(configPath === undefined ? {} : { config: configPath }),
        });
        inputs = loaded.config.input;
        base = loaded.root;
      } catch {
        // Note: a broken config keeps the paths watched so far (the config is one of them).
        if (watcher) return;
        inputs = [];
      }
    }
    const next = new Set<string>(configPath ? [configPath] : []);
    const files = new Set<string>();
    for (const entry of inputs) {
      const target = path.resolve(base, isDynamicPattern(entry) ? staticBase(entry) : entry);
      next.add(target);
      if (!isDynamicPattern(entry)) files.add(target);
    }
    explicitFiles = files;
    const added = [...next].filter((target) => !watched.has(target));
    const removed = [...watched].filter((target) => !next.has(target));
    watched = next;
    if (!watcher) {
      watcher = await startWatcher([...next]);
      return;
    }
    if (removed.length > 0) watcher.unwatch(removed);
    if (added.length > 0) watcher.add(added);
  };

  const kick = (): void => {
    timer = undefined;
    if (closed || running || pending.size === 0) return;
    const changed = [...pending].sort();
    pending.clear();
    running = runOnce(changed).finally(() => {
      running = undefined;
      if (pending.size > 0 && !timer) kick();
    });
  };

  const schedule = (file: string): void => {
    if (closed) return;
    pending.add(path.relative(cwd, path.resolve(file)) || file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(kick, debounceMs);
  };

  await runOnce([]);

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
      await watcher?.close();
    },
    async idle() {
      while (timer || running) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, debounceMs)));
      }
    },
  };
}

/** The folder part of a glob before its first pattern segment (`pages/**\/*.txt` → `pages`). */
function staticBase(glob: string): string {
  const segments = glob.split('/');
  const index = segments.findIndex((segment) => isDynamicPattern(segment));
  return segments.slice(0, index === -1 ? segments.length : index).join('/') || '.';
}
