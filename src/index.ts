/**
 * dtoforge's programmatic API.
 *
 * ```ts
 * import { generate, inspect } from 'dtoforge';
 *
 * const { model, files, diagnostics } = await generate({ cwd: 'path/to/project' });
 * await generate({ write: true }); // writes the package (safely) to the config's output folder
 * ```
 *
 * Nothing touches the disk unless `write: true`. Problems in the pages are vfile messages in
 * `diagnostics`; config problems throw a {@link ConfigError}.
 */
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { VFile } from 'vfile';
import type { DtoforgeConfig } from './config/config.js';
import { ConfigError, findProjectRoot, loadConfig } from './config/load.js';
import type { LoadedConfig } from './config/load.js';
import { hasErrors, report } from './diagnostics.js';
import type { Model } from './model/model.js';
import { checkConfigNames } from './config/check-names.js';
import { countRun, emitModel, findPages, modelPages, readPageFiles } from './pipeline.js';
import type { ModelRun } from './pipeline.js';
import type { Emitter, OutputFile, Progress, RunStats } from './pipeline.js';
import { diffOutput, recoverOutputFolder, writeOutput } from './write.js';
import type { Change, Recovery, WriteOptions } from './write.js';
import { displayPath } from './fs-error.js';

export type * from './model/model.js';
export type {
  DtoforgeConfig,
  EnumStyle,
  OperationConfig,
  OptionalPolicy,
  PackageConfig,
} from './config/config.js';
export { DEFAULT_CONFIG, resolveConfig } from './config/config.js';
export { ConfigError, loadConfig, CONFIG_FILE } from './config/load.js';
export type { LoadedConfig } from './config/load.js';
export { RULES } from './diagnostics.js';
export type { RuleId } from './diagnostics.js';
export type {
  Emitter,
  EmitOptions,
  EmitResult,
  OutputFile,
  Progress,
  RunStats,
} from './pipeline.js';
export type { Change, ChangeKind, Recovery, WriteResult, WriteStep } from './write.js';
export { MANIFEST_FILE, OutputError, WRITE_STEPS } from './write.js';
export { FsError } from './fs-error.js';
/**
 * The parse stage as unified pieces: `pageTree` turns a page (text, markdown or HTML) into mdast;
 * `remarkServiceStackBlocks` reads a ServiceStack metadata page's blocks off any mdast tree into
 * `file.data.pageBlocks`.
 */
export { pageTree, readPage, remarkServiceStackBlocks } from './parse/index.js';
export type {
  Block,
  Cell,
  DtoRow,
  DtoTable,
  EnumList,
  EnumListMember,
  EnumTable,
  EnumTableRow,
  PageBlocks,
  PageEnd,
  PageHeader,
  PageSamples,
  RouteLine,
} from './parse/index.js';

export interface InspectOptions {
  /**
   * A config file path (relative to `cwd`), a config object (paths relative to `cwd`), or
   * nothing to look for `dtoforge.config.json` from `cwd` up.
   */
  config?: string | Partial<DtoforgeConfig> | undefined;
  /** The working folder (default: `process.cwd()`). */
  cwd?: string | undefined;
  /** Pages (files, folders, globs relative to `cwd`) instead of the config's `input`. */
  input?: readonly string[] | undefined;
  /** Progress callback. */
  onProgress?: ((progress: Progress) => void) | undefined;
  /** Explain each page's reading: `explanations` holds the best readings with their evidence. */
  explain?: boolean | undefined;
}

export interface InspectResult {
  model: Model;
  /** The pages' vfiles with their messages. */
  diagnostics: VFile[];
  config: DtoforgeConfig;
  /** The config file read, if any. */
  configPath?: string | undefined;
  /** True when a diagnostic is an error. */
  failed: boolean;
  stats: RunStats;
  /** With `explain`: per page, its best readings, their decisions and evidence terms. */
  explanations?: string[];
}

export interface GenerateOptions extends InspectOptions {
  /** The output folder (relative to `cwd`) instead of the config's `output`. */
  out?: string | undefined;
  /** Write the package to the output folder (default: `false`). Never writes when there are errors. */
  write?: boolean | undefined;
  /** Compare with the output folder and list the changes (`changes`), writing nothing. */
  check?: boolean | undefined;
  /** The emit stage (default: dtoforge's own `emitPackage`). */
  emit?: Emitter | undefined;
  /** Type-check the emitted package (strict) before writing it; a failure is a dtoforge bug. */
  verify?: boolean | undefined;
  /**
   * Write into an output folder dtoforge did not write (no manifest), replacing files of yours
   * where the package writes (the others are kept). Default: such a folder is refused.
   */
  force?: boolean | undefined;
  /** Allow an output folder outside the project (as the config's `allowOutsideProject`). */
  allowOutsideProject?: boolean | undefined;
  /** The lock wait, path display and hooks of the safe write. */
  writeOptions?: WriteOptions | undefined;
}

export interface GenerateResult extends InspectResult {
  /** The package's files (empty when the pages have errors). */
  files: OutputFile[];
  /** The emitter's naming plan. */
  plan?: unknown;
  /** Failures of dtoforge itself while emitting (a bug: please report); nothing is written. */
  problems: string[];
  /** The output folder (absolute). */
  outDir: string;
  /** With `check` or `write`: how the output folder differs (differed) from the package. */
  changes?: Change[] | undefined;
  /** True when the package was written (`write: true`, no errors, something changed). */
  written: boolean;
  /** With `write`: files in the output folder dtoforge did not write, kept. */
  preserved?: string[] | undefined;
  /** With `write` and `force`: files of yours the package replaced. */
  replaced?: string[] | undefined;
  /** An interrupted earlier write that this run finished or rolled back first. */
  recovered?: Recovery | undefined;
  /** Problems that did not stop the run (a left-over copy of the old package …). */
  warnings: string[];
}

interface Prepared {
  outDir: string;
  loaded: LoadedConfig;
  cwd: string;
  files: VFile[];
  started: number;
}

/** Warn about config names the pages never use; the config file joins the diagnostics. */
function withConfigChecks(run: ModelRun, loaded: LoadedConfig): VFile[] {
  if (!loaded.file) return run.files;
  checkConfigNames(run.model, loaded.config, loaded.file, loaded.document);
  return loaded.file.messages.length > 0 ? [...run.files, loaded.file] : run.files;
}

/** Load the config, find and read the pages. */
async function prepare(options: GenerateOptions): Promise<Prepared> {
  const started = performance.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loaded = await loadConfig({
    cwd,
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  const outDir = outputFolder(options, loaded, cwd);
  const swallows = holdsProject(outDir, loaded, cwd);
  if (options.write || options.check) checkOutputPlace(outDir, loaded, cwd, options);
  // Note: pages are never read from the output folder (its README.md is no page).
  const exclude = swallows ? [] : [outDir];
  const paths = options.input
    ? await findPages(options.input, { base: cwd, cwd, exclude })
    : await findPages(loaded.config.input, { base: loaded.root, cwd, config: loaded, exclude });
  options.onProgress?.({
    phase: 'read',
    pages: paths.length,
    pagesDone: 0,
    types: 0,
    elapsedMs: 0,
  });
  // Pages from the config are named relative to the config's folder, so that the model and
  // the generated banners are the same from whatever folder dtoforge runs.
  const files = await readPageFiles(
    paths,
    options.input ? cwd : loaded.root,
    loaded.config.maxPageBytes,
  );
  return { loaded, cwd, files, started, outDir };
}

/** The output folder: `--out` (relative to cwd) or the config's `output` (relative to it). */
function outputFolder(options: GenerateOptions, loaded: LoadedConfig, cwd: string): string {
  return options.out
    ? path.resolve(cwd, options.out)
    : path.resolve(loaded.root, loaded.config.output);
}

/**
 * Read the pages into a model (what `dtoforge inspect` prints).
 *
 * @param options
 *   Config, working folder, pages.
 * @throws {ConfigError}
 *   When the config is invalid or an input matches nothing.
 */
export async function inspect(options: InspectOptions = {}): Promise<InspectResult> {
  const { loaded, files, started } = await prepare(options);
  const run = modelPages(files, loaded.config, {
    onProgress: options.onProgress,
    explain: options.explain,
  });
  const diagnostics = withConfigChecks(run, loaded);
  return {
    ...(run.explanations ? { explanations: run.explanations } : {}),
    model: run.model,
    diagnostics,
    config: loaded.config,
    configPath: loaded.path,
    failed: hasErrors(run.files),
    stats: countRun(run.model, run.files, started, diagnostics),
  };
}

/**
 * Generate the package: pages → model → files; with `check`, compare with the output folder;
 * with `write`, replace the output folder safely (never when there are errors).
 *
 * @param options
 *   Config, working folder, pages, output folder, what to do.
 * @throws {ConfigError}
 *   When the config is invalid or an input matches nothing.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const { loaded, cwd, files, started, outDir } = await prepare(options);
  const config = loaded.config;
  const run = modelPages(files, config, { onProgress: options.onProgress });
  const diagnostics = withConfigChecks(run, loaded);
  options.onProgress?.({
    phase: 'emit',
    pages: files.length,
    pagesDone: files.length,
    types: run.model.types.length,
    elapsedMs: performance.now() - started,
  });
  const emitted = await emitModel(run, config, options.emit, options.verify === true, (step) =>
    options.onProgress?.({
      phase: 'emit',
      step,
      pages: files.length,
      pagesDone: files.length,
      types: run.model.types.length,
      elapsedMs: performance.now() - started,
    }),
  );
  const problems = emitted.problems ?? [];
  const failed = hasErrors(run.files) || problems.length > 0;
  const stats = countRun(run.model, run.files, started, diagnostics);
  const result: GenerateResult = {
    model: run.model,
    diagnostics,
    config,
    configPath: loaded.path,
    failed,
    stats,
    files: emitted.files,
    plan: emitted.plan,
    problems,
    outDir,
    written: false,
    warnings: [],
  };
  if (failed) return result;
  const writeOptions: WriteOptions = {
    ...options.writeOptions,
    ...(options.force === undefined ? {} : { force: options.force }),
  };
  if (options.check) {
    result.recovered = await recoverOutputFolder(outDir, writeOptions);
    result.changes = await diffOutput(outDir, emitted.files);
  } else if (options.write) {
    const written = await writeOutput(outDir, emitted.files, writeOptions);
    result.changes = written.changes;
    result.preserved = written.preserved;
    result.replaced = written.replaced;
    result.recovered = written.recovered;
    result.warnings = written.warnings;
    result.written = written.changes.length > 0;
  }
  result.stats = countRun(run.model, run.files, started, diagnostics);
  return result;
}

/** True when the output folder is the project (the config folder or cwd) or holds it. */
function holdsProject(outDir: string, loaded: LoadedConfig, cwd: string): boolean {
  const inside = (folder: string): boolean => {
    const relative = path.relative(outDir, folder);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };
  return inside(loaded.root) || inside(cwd);
}

/**
 * Refuse an output folder that holds the project or an input folder (it is replaced on every
 * run), and one outside the project unless allowed (the config's `allowOutsideProject`, the
 * `allowOutsideProject` option).
 */
function checkOutputPlace(
  outDir: string,
  loaded: LoadedConfig,
  cwd: string,
  options: GenerateOptions,
): void {
  const shown = displayPath(cwd, outDir);
  const fromConfig = options.out === undefined;
  const refuse = (reason: string): never => {
    const file = fromConfig && loaded.file ? loaded.file : new VFile({ path: shown, cwd });
    report(file, 'bad-config', reason, fromConfig ? loaded.document?.place(['output']) : undefined);
    throw new ConfigError([file]);
  };
  const project = findProjectRoot(loaded.root);
  if (holdsProject(outDir, loaded, cwd)) {
    refuse(
      `Unexpected output folder "${shown}", which holds the project (${project}), expected a folder of its own inside the project (the output folder is replaced on every run)`,
    );
  }
  if (options.input === undefined) {
    for (const entry of loaded.config.input) {
      if (isDynamicPattern(entry)) continue;
      const input = path.resolve(loaded.root, entry);
      if (isInside(input, outDir)) {
        refuse(
          `Unexpected output folder "${shown}", which holds the input "${entry}", expected a folder apart from the pages (the output folder is replaced on every run)`,
        );
      }
    }
  }
  const allowed = options.allowOutsideProject ?? loaded.config.allowOutsideProject;
  if (options.write && !allowed && !isInside(outDir, project)) {
    const how = fromConfig
      ? 'set "allowOutsideProject": true in the config'
      : 'pass --allow-outside-project';
    refuse(
      `Unexpected output folder "${shown}" outside the project (${project}), expected a folder inside it; to write there on purpose, ${how}`,
    );
  }
}

/** True when `inner` is `outer` or inside it. */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
