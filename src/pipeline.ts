/**
 * The whole pipeline, stage by stage: find the pages → read them (vfiles) → parse each page
 * (`readPage`) → build one model (`buildModel`) → emit the package (`emitPackage`).
 *
 * Nothing here touches the output folder: writing is src/write.ts. Problems in the pages are
 * messages on their vfiles; a missing input path is a {@link ConfigError}.
 */
import { existsSync } from 'node:fs';
import { lstat, readFile, readdir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { DEFAULT_CONFIG, type DtoforgeConfig } from './config/config.js';
import { ConfigError } from './config/load.js';
import type { LoadedConfig } from './config/load.js';
import { countMessages, hasErrors, report } from './diagnostics.js';
import { createModelBuilder } from './model/index.js';
import type { EmitOptions, EmitResult, EmitStep, OutputFile } from './emit/index.js';
import type { Model } from './model/index.js';
import { readPage } from './parse/index.js';
import { MANIFEST_FILE } from './write-journal.js';

/** The file extensions of pages found in folders (text pages, and HTML as a browser saves it). */
export const PAGE_EXTENSIONS = ['.txt', '.md', '.html', '.htm'] as const;

export type { EmitOptions, EmitResult, OutputFile } from './emit/index.js';

/** The emit stage (`emitPackage` from src/emit), injectable for tests. */
export type Emitter = (options: EmitOptions) => Promise<EmitResult>;

/** Progress of a run, for a progress line. */
export interface Progress {
  phase: 'read' | 'parse' | 'model' | 'emit' | 'done';
  /** In the emit phase: the step that started (`compile`, `format` …). */
  step?: string | undefined;
  pages: number;
  pagesDone: number;
  types: number;
  elapsedMs: number;
}

export interface PipelineOptions {
  /** Called as pages are parsed and types emitted. */
  onProgress?: ((progress: Progress) => void) | undefined;
  /** Keep a text account of each page's best readings (`inspect --explain`). */
  explain?: boolean | undefined;
}

export interface ModelRun {
  model: Model;
  /** With `explain`: a text account of each page's best readings. */
  explanations?: string[];
  /** Every page's vfile (unreadable ones too), in input order. */
  files: VFile[];
}

/**
 * Resolve input entries (files, folders, globs) to page files: a file as given, a folder's
 * .txt/.md/.html/.htm files (recursive, sorted, skipping node_modules and dot folders), a glob's matches
 * (sorted). Duplicates are dropped, the first place wins.
 *
 * @param inputs
 *   Entries as written (config `input` or command-line arguments).
 * @param options
 *   `base`: the folder entries are relative to; `cwd`: for short paths in messages;
 *   `config`: the loaded config, when the entries come from it (messages point at it).
 * @throws {ConfigError}
 *   When an entry matches nothing.
 */
export async function findPages(
  inputs: readonly string[],
  options: {
    base: string;
    cwd: string;
    config?: LoadedConfig | undefined;
    /** Folders whose files are never pages found through a folder or glob (the output). */
    exclude?: readonly string[] | undefined;
  },
): Promise<string[]> {
  const found: string[] = [];
  const problems: VFile[] = [];
  const configFile = options.config?.file;
  for (const [index, entry] of inputs.entries()) {
    const matches = await findEntry(entry, options.base, options.exclude ?? []);
    if (matches.length > 0) {
      found.push(...matches);
      continue;
    }
    const absolute = path.resolve(options.base, entry);
    const shown = path.relative(options.cwd, absolute) || '.';
    const what = isDynamicPattern(entry)
      ? `glob "${entry}" matching no page`
      : (await isFolder(absolute))
        ? `folder "${shown}" holding no .txt, .md or .html page`
        : `missing input "${shown}"`;
    const reason = `Unexpected ${what}, expected a page file, a folder of pages or a glob`;
    if (configFile) {
      report(
        configFile,
        'missing-input',
        reason,
        options.config?.document?.place(['input', index]),
      );
    } else {
      const file = new VFile({ path: shown, cwd: options.cwd });
      report(file, 'missing-input', reason);
      problems.push(file);
    }
  }
  if (configFile && configFile.messages.length > 0) problems.unshift(configFile);
  if (problems.length > 0) throw new ConfigError(problems);
  return [...new Set(found)];
}

/** Find the pages of one input entry (absolute paths). */
async function findEntry(
  entry: string,
  base: string,
  exclude: readonly string[],
): Promise<string[]> {
  const packages = new Map<string, boolean>();
  /** Not in an excluded folder nor in a generated package (a folder holding our manifest). */
  const kept = (found: string): boolean => {
    if (exclude.some((folder) => found === folder || found.startsWith(folder + path.sep))) {
      return false;
    }
    for (let folder = path.dirname(found); ; folder = path.dirname(folder)) {
      let generated = packages.get(folder);
      if (generated === undefined) {
        generated = existsSync(path.join(folder, MANIFEST_FILE));
        packages.set(folder, generated);
      }
      if (generated) return false;
      if (folder === base || path.dirname(folder) === folder || !folder.startsWith(base)) {
        return true;
      }
    }
  };
  if (isDynamicPattern(entry)) {
    const matches = await glob(entry, {
      cwd: base,
      absolute: true,
      onlyFiles: true,
      ignore: ['**/node_modules/**'],
      expandDirectories: false,
    });
    return matches
      .map((match) => path.resolve(match))
      .filter(kept)
      .sort(compareText);
  }
  const absolute = path.resolve(base, entry);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [absolute];
  const matches = await glob(
    PAGE_EXTENSIONS.map((extension) => `**/*${extension}`),
    { cwd: absolute, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'], dot: false },
  );
  // Note: the glob drops links to missing files; they are pages too (reported unreadable).
  const dangling = await danglingPageLinks(absolute);
  return [...matches.map((match) => path.resolve(match)), ...dangling]
    .filter(kept)
    .sort(compareText);
}

/** Symbolic links with a page's extension that point at nothing, in a folder (recursively). */
async function danglingPageLinks(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    if (!PAGE_EXTENSIONS.some((extension) => entry.name.endsWith(extension))) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(folder, full).split(path.sep);
    if (relative.some((part) => part === 'node_modules' || part.startsWith('.'))) continue;
    if (!(await stat(full).catch(() => undefined))) found.push(full);
  }
  return found;
}

async function isFolder(absolute: string): Promise<boolean> {
  const info = await stat(absolute).catch(() => undefined);
  return info?.isDirectory() ?? false;
}

/** Code-point order, so the page order never depends on the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Read pages into vfiles (path relative to `cwd`, for short messages). A page that cannot be
 * read gets an `unreadable-file` message and an empty value; one that is not text (NUL bytes) a
 * `bad-encoding` error at the first NUL. UTF-16 with a byte-order mark is decoded (a
 * `page-encoding` warning), as are bytes that are not UTF-8 (shown as U+FFFD, a warning); a
 * UTF-8 byte-order mark is dropped, and a lone CR (old Mac line endings) ends a line as LF
 * would (same offsets).
 *
 * @param paths
 *   Absolute page paths.
 * @param cwd
 *   The working folder.
 */
export async function readPageFiles(
  paths: readonly string[],
  cwd: string,
  maxPageBytes = DEFAULT_CONFIG.maxPageBytes,
): Promise<VFile[]> {
  return Promise.all(
    paths.map(async (absolute) => {
      const file = new VFile({ path: path.relative(cwd, absolute) || absolute, cwd });
      let bytes: Buffer;
      try {
        // A page over the limit is not read at all: memory stays bounded whatever the input.
        const size = (await stat(absolute)).size;
        if (size > maxPageBytes) {
          file.value = '';
          report(
            file,
            'page-too-large',
            `Unexpected page of ${megabytes(size)}, expected at most ${megabytes(maxPageBytes)} (a metadata page is rarely over 100 KB); raise \`maxPageBytes\` in the config to read it`,
          );
          return file;
        }
        bytes = await readFile(absolute);
      } catch (error) {
        file.value = '';
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        const target = code === 'ENOENT' ? await danglingTarget(absolute) : undefined;
        const reason =
          target === undefined
            ? `Unexpected ${code} reading the page, expected a file`
            : `Unexpected symbolic link to the missing file ${target}, expected a page file`;
        report(file, 'unreadable-file', reason);
        return file;
      }
      decodePage(bytes, file);
      return file;
    }),
  );
}

/** Rules that leave a page unread (the parse stage skips it). */
const UNREAD_RULES = new Set(['unreadable-file', 'bad-encoding', 'page-too-large']);

/** A size as a person reads it: `20.0 MB`, `98 KB`. */
function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Decode a page's bytes into `file.value` (see {@link readPageFiles}).
 *
 * @param bytes
 *   The file's content.
 * @param file
 *   The page's vfile (gets the text and any encoding message).
 */
export function decodePage(bytes: Uint8Array, file: VFile): void {
  const bom =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'LE'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'BE'
        : '';
  let text: string;
  if (bom) {
    text = new TextDecoder(bom === 'LE' ? 'utf-16le' : 'utf-16be').decode(bytes);
    file.value = lineEndings(text);
    report(
      file,
      'page-encoding',
      `Unexpected UTF-16 ${bom} text (byte-order mark), expected UTF-8; read as UTF-16 ${bom} (save the page as UTF-8 to silence this)`,
    );
    return;
  }
  text = lineEndings(new TextDecoder('utf-8').decode(bytes));
  file.value = text;
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const place = pointAt(file, nul);
    file.value = '';
    report(
      file,
      'bad-encoding',
      'Unexpected NUL byte (a binary file, or UTF-16 without a byte-order mark), expected UTF-8 text; the page was not read',
      place,
    );
    return;
  }
  const replaced = text.indexOf('\uFFFD');
  if (replaced !== -1 && !isUtf8(bytes)) {
    report(
      file,
      'page-encoding',
      'Unexpected bytes that are not UTF-8 (Latin-1 or Windows-1252?), expected UTF-8; read them as U+FFFD (�)',
      pointAt(file, replaced),
    );
  }
}

/** The line and column of an offset in a vfile's text. */
function pointAt(file: VFile, offset: number): { line: number; column: number } | undefined {
  const point = location(file).toPoint(offset);
  return point ? { line: point.line, column: point.column } : undefined;
}

/** Lone CRs (old Mac line endings) as LFs: same length, so every offset stays. */
function lineEndings(text: string): string {
  return /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Where a symbolic link to nothing points (`undefined`: not such a link). */
async function danglingTarget(absolute: string): Promise<string | undefined> {
  const info = await lstat(absolute).catch(() => undefined);
  return info?.isSymbolicLink() ? readlink(absolute).catch(() => '?') : undefined;
}

/**
 * Parse the pages and build the model, one page at a time. Unreadable pages are skipped (their
 * message stays).
 *
 * @param files
 *   The pages' vfiles.
 * @param config
 *   The resolved config.
 * @param options
 *   Progress callback (optional).
 */
export function modelPages(
  files: readonly VFile[],
  config: DtoforgeConfig,
  options: PipelineOptions = {},
): ModelRun {
  const started = performance.now();
  const tick = (phase: Progress['phase'], pagesDone: number, types = 0): void =>
    options.onProgress?.({
      phase,
      pages: files.length,
      pagesDone,
      types,
      elapsedMs: performance.now() - started,
    });
  const explanations: string[] = [];
  const builder = createModelBuilder(config, {
    explain: options.explain === true,
    explanations,
  });
  // Each page is inferred as soon as it is read: its blocks (every cell of the page, with
  // positions) are garbage before the next page is read, so memory follows one page, not all.
  for (const [index, file] of files.entries()) {
    tick('parse', index);
    if (file.messages.some((message) => UNREAD_RULES.has(message.ruleId ?? ''))) continue;
    builder.add({ page: readPage(file), file });
  }
  tick('model', files.length);
  const model = builder.finish();
  tick('model', files.length, model.types.length);
  return { model, files: [...files], ...(options.explain ? { explanations } : {}) };
}

/**
 * Load the emit stage (src/emit/index.ts, `emitPackage`).
 *
 * Note: loaded lazily so that `inspect` and `validate` never load ts-morph.
 */
export async function loadEmitter(): Promise<Emitter> {
  const { emitPackage } = await import('./emit/index.js');
  return emitPackage;
}

/**
 * Run the emit stage unless the pages already have errors.
 *
 * @param run
 *   The model and the pages.
 * @param config
 *   The resolved config.
 * @param emit
 *   The emitter (default: {@link loadEmitter}).
 */
export async function emitModel(
  run: ModelRun,
  config: DtoforgeConfig,
  emit?: Emitter,
  verify = false,
  onStep?: (step: EmitStep) => void,
): Promise<EmitResult & { skipped: boolean }> {
  if (hasErrors(run.files)) return { files: [], skipped: true };
  const emitter = emit ?? (await loadEmitter());
  const pages = new Map(run.files.map((file) => [file.path, file]));
  const output = await emitter({
    model: run.model,
    config,
    pages,
    ...(verify ? { verify } : {}),
    ...(onStep ? { onStep } : {}),
  });
  checkOutputPaths(output.files);
  return { ...output, skipped: false };
}

/** Emitted paths must stay inside the output folder. */
function checkOutputPaths(files: readonly OutputFile[]): void {
  for (const file of files) {
    const normal = path.posix.normalize(file.path);
    if (path.posix.isAbsolute(normal) || normal.startsWith('../') || normal !== file.path) {
      throw new Error(`Emitter returned an unsafe output path: ${JSON.stringify(file.path)}`);
    }
  }
}

/** Counts for a summary line. */
export interface RunStats {
  pages: number;
  operations: number;
  types: number;
  errors: number;
  warnings: number;
  ms: number;
}

/**
 * Count what a run produced.
 *
 * @param model
 *   The model.
 * @param files
 *   The pages (and any other file with messages).
 * @param started
 *   `performance.now()` at the start.
 */
export function countRun(
  model: Model,
  files: readonly VFile[],
  started: number,
  others: readonly VFile[] = [],
): RunStats {
  const { errors, warnings } = countMessages([
    ...files,
    ...others.filter((f) => !files.includes(f)),
  ]);
  return {
    pages: files.length,
    operations: model.operations.length,
    types: model.types.length,
    errors,
    warnings,
    ms: Math.round(performance.now() - started),
  };
}
