/**
 * Safe writes of the generated package.
 *
 * - **Ownership.** dtoforge writes only into a folder that is absent, empty, or holds its
 *   manifest (`.dtoforge-manifest.json`: each file it wrote and its sha256). Anything else, and
 *   any file of the user's where the package would write, is refused ({@link OutputError})
 *   unless `force`.
 * - **One writer.** An exclusive lock per output folder (proper-lockfile, a folder next to it:
 *   `.dtoforge-lock-<name>`); a second run waits for it, then gives up with a clear message.
 * - **Crash safety.** The whole package is built in a temporary sibling folder
 *   (`.dtoforge-tmp-<name>.XXXXXX`), with the user's files copied in; a journal is written; the
 *   `node_modules` folders are moved over; then two renames swap the folders (old → backup,
 *   new → out) and the backup is removed. A run that dies at any point leaves a state the next
 *   run finishes or rolls back (src/write-journal.ts); one that fails rolls back at once.
 * - **Nothing half-done.** Before the swap, every folder the old package's removal touches is
 *   checked to be writable; the output folder's mode (and its subfolders') is kept.
 * - File-system problems become {@link FsError}s naming the path (exit 2 in the CLI).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import {
  access,
  chmod,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { lock } from 'proper-lockfile';
import { FsError, asErrnoError, isErrnoError } from './fs-error.js';
import type { ShowPath } from './fs-error.js';
import type { OutputFile } from './pipeline.js';
import {
  MANIFEST_FILE,
  journalPath,
  recoverOutput,
  removeJournal,
  rollBack,
  tempPrefix,
  writeJournal,
} from './write-journal.js';
import type { Journal, Recovery } from './write-journal.js';

export { TEMP_PREFIX } from './write-journal.js';
export type { Recovery } from './write-journal.js';

export { MANIFEST_FILE } from './write-journal.js';

/** How long a run waits for another run's lock on the same output folder (ms). */
export const LOCK_WAIT_MS = 30_000;

/** A lock whose holder stopped refreshing it this long ago (ms) belongs to a dead run. */
const LOCK_STALE_MS = 10_000;

/** How many paths a refusal message lists. */
const LISTED = 12;

export interface Manifest {
  generator: 'dtoforge';
  /** Written files (`/`-separated, relative to the output folder) → sha256 (hex). */
  files: Record<string, string>;
}

export type ChangeKind = 'added' | 'changed' | 'removed';

/** A difference between the package on disk and the one a run would write. */
export interface Change {
  path: string;
  kind: ChangeKind;
}

/**
 * The steps of a write, in order; `onStep` runs after each one (the fault-injection tests kill
 * the process there). `file-written` and `node-modules-moved` come once per file or folder.
 */
export const WRITE_STEPS = [
  'locked',
  'recovered',
  'temp-created',
  'file-written',
  'user-files-copied',
  'journal-written',
  'node-modules-moved',
  'old-moved-aside',
  'new-moved-in',
  'old-removed',
  'journal-removed',
] as const;

export type WriteStep = (typeof WRITE_STEPS)[number];

export interface WriteOptions {
  /**
   * Write into a folder dtoforge does not own (no manifest), replacing files of the user's
   * where the package writes; the user's other files are kept.
   */
  force?: boolean | undefined;
  /** How long to wait for another run's lock (default {@link LOCK_WAIT_MS}). */
  lockWaitMs?: number | undefined;
  /** After how long without a refresh a lock is a dead run's (default 10 s, at least 2 s). */
  lockStaleMs?: number | undefined;
  /** Called once when another run holds the lock and this one starts waiting. */
  onLockWait?: (() => void) | undefined;
  /** Called after each step of the write (tests inject failures and kills here). */
  onStep?: ((step: WriteStep, detail?: string) => void | Promise<void>) | undefined;
  /** How messages show paths (the CLI: relative to the working folder); default: absolute. */
  show?: ShowPath | undefined;
}

export interface WriteResult {
  /** What changed (empty: nothing was written). */
  changes: Change[];
  /** Files not written by dtoforge that were kept. */
  preserved: string[];
  /** User files (and links, folders) that the package replaced (only with `force`). */
  replaced: string[];
  /** An interrupted earlier write that this run finished or rolled back first. */
  recovered?: Recovery | undefined;
  /** Problems after a successful swap (the old copy could not be removed …). */
  warnings: string[];
}

/** A problem with the output folder a user must resolve (not dtoforge's bug): exit 2. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/**
 * sha256 of a file's content (hex).
 *
 * @param content
 *   Text (UTF-8) or bytes.
 */
export function hashContent(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The manifest for a set of files (deterministic: sorted paths, no dates).
 *
 * @param files
 *   The package's files.
 */
export function createManifest(files: readonly OutputFile[]): Manifest {
  const entries = files
    .map((file) => [file.path, hashContent(file.content)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { generator: 'dtoforge', files: Object.fromEntries(entries) };
}

/** The package's files plus its manifest. */
function withManifest(files: readonly OutputFile[]): OutputFile[] {
  const manifest = createManifest(files);
  return [...files, { path: MANIFEST_FILE, content: `${JSON.stringify(manifest, null, 2)}\n` }];
}

/**
 * Read the manifest of an output folder (`undefined` when there is none or it is not one).
 *
 * @param outDir
 *   The output folder.
 */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if (isErrnoError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
      return undefined;
    }
    throw new FsError(`read the manifest of ${outDir}`, asErrnoError(error));
  }
  try {
    const value = JSON.parse(text) as Partial<Manifest> | null;
    const files = value?.files;
    if (value?.generator !== 'dtoforge' || !files || typeof files !== 'object') return undefined;
    return { generator: 'dtoforge', files };
  } catch {
    return undefined;
  }
}

/**
 * Compare the package a run would write with the output folder: files to add, to change, and
 * files dtoforge wrote before (in the manifest) that it would remove. Files it did not write are
 * not changes.
 *
 * @param outDir
 *   The output folder.
 * @param files
 *   The new package's files (without the manifest).
 */
export async function diffOutput(outDir: string, files: readonly OutputFile[]): Promise<Change[]> {
  const next = withManifest(files);
  const changes: Change[] = [];
  for (const file of next) {
    const current = await readIfFile(path.join(outDir, ...file.path.split('/')));
    if (current === undefined) changes.push({ path: file.path, kind: 'added' });
    else if (hashContent(current) !== hashContent(file.content)) {
      changes.push({ path: file.path, kind: 'changed' });
    }
  }
  const kept = new Set(next.map((file) => file.path));
  const previous = await readManifest(outDir);
  for (const old of Object.keys(previous?.files ?? {})) {
    if (kept.has(old)) continue;
    if (await lstatOrUndefined(path.join(outDir, ...old.split('/')))) {
      changes.push({ path: old, kind: 'removed' });
    }
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file's bytes; `undefined` when it is missing or not a file. */
async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isErrnoError(error) && ['ENOENT', 'ENOTDIR', 'EISDIR'].includes(error.code)) {
      return undefined;
    }
    throw new FsError(`read ${file}`, asErrnoError(error));
  }
}

async function lstatOrUndefined(target: string): Promise<Stats | undefined> {
  try {
    return await lstat(target);
  } catch (error) {
    if (isErrnoError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
      return undefined;
    }
    throw error;
  }
}

/**
 * The folder the package goes to: `outDir`, or the folder a symbolic link there points at.
 *
 * @param outDir
 *   The output folder as configured (absolute).
 * @throws {OutputError}
 *   When it is a file, or a link to nothing or to a file.
 */
export async function resolveOutputFolder(
  outDir: string,
  show: ShowPath = (absolute) => absolute,
): Promise<string> {
  const shown = show(outDir);
  const info = await lstatOrUndefined(outDir).catch((error: unknown) => {
    throw new FsError(`use ${shown} as the output folder`, asErrnoError(error), show);
  });
  if (!info) return outDir;
  if (info.isSymbolicLink()) {
    const target = await readlink(outDir).catch(() => '?');
    const real = await realpath(outDir).catch(() => undefined);
    const realInfo = real === undefined ? undefined : await stat(real).catch(() => undefined);
    if (real === undefined || !realInfo) {
      // Note: a run killed between its renames leaves the link's folder missing: recover it.
      const pointed = path.resolve(path.dirname(outDir), target);
      if (await lstatOrUndefined(journalPath(pointed)).catch(() => undefined)) return pointed;
      throw new OutputError(
        `Unexpected symbolic link ${shown} → ${target} pointing at nothing, expected the output folder (or a link to it)`,
      );
    }
    if (!realInfo.isDirectory()) {
      throw new OutputError(
        `Unexpected symbolic link ${shown} → ${target} pointing at a file, expected the output folder (or a link to a folder)`,
      );
    }
    return real;
  }
  if (!info.isDirectory()) {
    throw new OutputError(
      `Unexpected file ${shown}, expected the output folder (dtoforge writes the package into a folder); move the file or choose another output folder`,
    );
  }
  return outDir;
}

/**
 * Write the package to `outDir` in one step, keeping files dtoforge did not write. Does nothing
 * when the folder already holds exactly this package. Finishes or rolls back an interrupted
 * earlier write first.
 *
 * @param outDir
 *   The output folder (absolute).
 * @param files
 *   The package's files (without the manifest).
 * @param options
 *   `force`, the lock wait, hooks for tests.
 * @throws {OutputError}
 *   When the folder is not dtoforge's (without `force`), is a file, or another run holds it.
 * @throws {FsError}
 *   On a file-system problem (nothing is changed then).
 */
export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const show = options.show ?? ((absolute: string) => absolute);
  const target = await resolveOutputFolder(outDir, show);
  return withOutputLock(target, options, async () => {
    await options.onStep?.('locked');
    const recovered = await recover(target, show);
    await options.onStep?.('recovered');
    const changes = await diffOutput(target, files);
    const result: WriteResult = {
      changes,
      preserved: [],
      replaced: [],
      warnings: [],
      ...(recovered ? { recovered } : {}),
    };
    if (changes.length === 0) return result;
    const next = withManifest(files);
    const plan = await planWrite(target, next, options.force === true, show);
    await swapIn(target, next, plan, options, result);
    result.preserved = plan.copy.filter((entry) => !entry.endsWith('/')).sort();
    result.replaced = plan.replaced.sort();
    return result;
  });
}

/**
 * Finish or roll back an interrupted write of `outDir` (under its lock); what `--check` runs
 * before comparing.
 *
 * @param outDir
 *   The output folder (absolute).
 * @param options
 *   The lock wait.
 */
export async function recoverOutputFolder(
  outDir: string,
  options: Pick<WriteOptions, 'lockWaitMs' | 'lockStaleMs' | 'onLockWait' | 'show'> = {},
): Promise<Recovery | undefined> {
  const show = options.show ?? ((absolute: string) => absolute);
  const target = await resolveOutputFolder(outDir, show);
  if (!(await needsRecovery(target))) return undefined;
  return withOutputLock(target, options, () => recover(target, show));
}

/** Recovery, with its file-system errors named; `undefined` when there was nothing to do. */
async function recover(outDir: string, show: ShowPath): Promise<Recovery | undefined> {
  try {
    const recovery = await recoverOutput(outDir);
    return recovery.swap || recovery.removed.length > 0 ? recovery : undefined;
  } catch (error) {
    throw wrap(error, `recover the interrupted write of ${show(outDir)}`, show);
  }
}

/** True when a journal or a temporary folder of `outDir` is left from an interrupted run. */
async function needsRecovery(outDir: string): Promise<boolean> {
  const names = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
  const temp = path.basename(tempPrefix(outDir));
  const journal = path.basename(journalPath(outDir));
  return names.some((name) => name.startsWith(temp) || name.startsWith(journal));
}

/** What a write does besides writing the package's files. */
interface Plan {
  existed: boolean;
  /** The output folder's mode (kept), or the default for a new folder. */
  mode: number;
  /** Folders' modes in the old package (relative path → mode), kept in the new one. */
  folderModes: Map<string, number>;
  /** User files and links to copy over (relative); empty folders end with `/`. */
  copy: string[];
  /** `node_modules` folders to move over. */
  carried: string[];
  /** User entries the package replaces (with `force`). */
  replaced: string[];
}

/**
 * Decide what happens to the output folder's entries, refusing a folder dtoforge does not own or
 * one where a file of the user's is in the way (unless `force`), and one whose old package could
 * not be removed.
 */
async function planWrite(
  outDir: string,
  next: readonly OutputFile[],
  force: boolean,
  show: ShowPath,
): Promise<Plan> {
  const info = await lstatOrUndefined(outDir);
  if (!info) {
    return {
      existed: false,
      mode: 0o777 & ~process.umask(),
      folderModes: new Map(),
      copy: [],
      carried: [],
      replaced: [],
    };
  }
  const previous = await readManifest(outDir);
  const managed = new Set([MANIFEST_FILE, ...Object.keys(previous?.files ?? {})]);
  const found = await listUserEntries(outDir, managed).catch((error: unknown) => {
    throw wrap(error, `read the output folder ${show(outDir)}`, show);
  });
  const written = new Set(next.map((file) => file.path));
  const writtenFolders = new Set(next.flatMap((file) => ancestors(file.path)));
  const underWritten = (entry: string): boolean =>
    ancestors(entry).some((folder) => written.has(folder));
  const clashes = (entry: string): boolean =>
    written.has(entry) || writtenFolders.has(entry) || underWritten(entry);
  const emptyClashes = (entry: string): boolean => written.has(entry) || underWritten(entry);
  const replaced = [
    ...found.files.filter(clashes),
    ...found.folders.filter(clashes).map((folder) => `${folder}/`),
    ...found.emptyFolders.filter(emptyClashes).map((folder) => `${folder}/`),
  ].sort();
  const userEntries = [
    ...found.files,
    ...found.folders.map((folder) => `${folder}/`),
    ...found.emptyFolders.map((folder) => `${folder}/`),
  ].sort();
  if (!force && !previous && userEntries.length > 0) {
    const replacing = replaced.length > 0 ? ` The package would replace ${listed(replaced)}.` : '';
    throw new OutputError(
      `Unexpected files in ${show(outDir)}, which dtoforge did not write (it holds no ${MANIFEST_FILE}): ${listed(userEntries)}.${replacing}\n` +
        `Expected an empty folder or one dtoforge wrote: move these files, choose another output folder (--out or "output"), or run with --force to write the package into this folder (files it writes are replaced, the others kept).`,
    );
  }
  if (!force && replaced.length > 0) {
    throw new OutputError(
      `Unexpected files of yours in ${show(outDir)} where the package writes: ${listed(replaced)}.\n` +
        `Move or rename them, or run with --force to replace them.`,
    );
  }
  await checkRemovable(outDir, show);
  return {
    existed: true,
    mode: info.mode & 0o7777,
    folderModes: found.folderModes,
    copy: [
      ...found.files.filter((entry) => !clashes(entry)),
      ...found.emptyFolders.filter((entry) => !emptyClashes(entry)).map((entry) => `${entry}/`),
    ],
    carried: found.folders.filter((entry) => !clashes(entry)),
    replaced,
  };
}

/** `a, b, c and 4 more`. */
function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED).join(', ');
  return paths.length > LISTED ? `${shown} and ${paths.length - LISTED} more` : shown;
}

/** The folders above a relative path (`a/b/c` → `a`, `a/b`). */
function ancestors(relative: string): string[] {
  const parts = relative.split('/');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

/**
 * Every folder the old package's removal empties (and every `node_modules` folder moved out of
 * it) must be writable, and so must the output's parent: checked before anything moves, so the
 * swap never stops half-way on a read-only folder.
 */
async function checkRemovable(outDir: string, show: ShowPath): Promise<void> {
  const folders = [path.dirname(outDir)];
  const walk = async (folder: string): Promise<void> => {
    folders.push(folder);
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const child = path.join(folder, entry.name);
      if (entry.name === 'node_modules') folders.push(child);
      else await walk(child);
    }
  };
  try {
    await walk(outDir);
  } catch (error) {
    throw wrap(error, `read the output folder ${show(outDir)}`, show);
  }
  for (const folder of folders) {
    try {
      await access(folder, constants.W_OK | constants.X_OK);
    } catch (error) {
      const code = isErrnoError(error) ? error.code : 'EACCES';
      throw new OutputError(
        `Cannot replace ${show(outDir)}: the folder ${show(folder)} is not writable (${code}), and replacing the package removes files from it or moves it. Make it writable (chmod u+w) or choose another output folder; nothing was changed.`,
      );
    }
  }
}

/** Build the new package next to `outDir` and swap it in (see the file header). */
async function swapIn(
  outDir: string,
  next: readonly OutputFile[],
  plan: Plan,
  options: WriteOptions,
  result: WriteResult,
): Promise<void> {
  const step = async (name: WriteStep, detail?: string): Promise<void> => {
    await options.onStep?.(name, detail);
  };
  const show = options.show ?? ((absolute: string) => absolute);
  const task = `write the package to ${show(outDir)}`;
  let temp: string;
  try {
    temp = await mkdtemp(tempPrefix(outDir));
    await chmod(temp, plan.mode);
  } catch (error) {
    throw wrap(error, task, show);
  }
  await step('temp-created', temp);
  const journal: Journal = {
    version: 1,
    pid: process.pid,
    out: outDir,
    temp,
    backup: `${temp}-old`,
    existed: plan.existed,
    carried: plan.carried,
  };
  let journaled = false;
  try {
    for (const file of next) {
      const target = path.join(temp, ...file.path.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
      await step('file-written', file.path);
    }
    for (const entry of plan.copy) {
      if (entry.endsWith('/')) await mkdir(path.join(temp, entry), { recursive: true });
      else await copyEntry(path.join(outDir, entry), path.join(temp, entry));
    }
    for (const [folder, mode] of plan.folderModes) {
      const copy = path.join(temp, ...folder.split('/'));
      if (await lstatOrUndefined(copy)) await chmod(copy, mode);
    }
    await step('user-files-copied');
    await writeJournal(journal);
    journaled = true;
    await step('journal-written');
    // Note: node_modules are moved (copying them would be slow); the journal brings them back.
    for (const folder of plan.carried) {
      const to = path.join(temp, ...folder.split('/'));
      await mkdir(path.dirname(to), { recursive: true });
      await rename(path.join(outDir, ...folder.split('/')), to);
      await step('node-modules-moved', folder);
    }
    if (plan.existed) {
      await rename(outDir, journal.backup);
      await step('old-moved-aside');
    }
    await rename(temp, outDir);
    await step('new-moved-in');
  } catch (error) {
    try {
      if (journaled) {
        await rollBack(journal);
        await removeJournal(outDir);
      } else {
        await rm(temp, { recursive: true, force: true });
      }
    } catch (undo) {
      const cause = wrap(error, task, show).message;
      throw wrap(undo, `undo the failed write (${cause}); the next run finishes it`, show);
    }
    throw wrap(error, task, show);
  }
  // The new package is in place: the run has succeeded, whatever the clean-up says.
  try {
    await rm(journal.backup, { recursive: true, force: true });
    await step('old-removed');
    await removeJournal(outDir);
    await step('journal-removed');
  } catch (error) {
    result.warnings.push(
      `${wrap(error, `remove the previous package's copy ${show(journal.backup)}`, show).message}; the next run removes it`,
    );
  }
}

/**
 * Hold the output folder's lock while `work` runs. Another run's lock is waited for (up to
 * `lockWaitMs`), then refused with an {@link OutputError}. A lock left by a run that died is
 * taken over once stale (10 s without refresh).
 */
async function withOutputLock<T>(
  outDir: string,
  options: Pick<WriteOptions, 'lockWaitMs' | 'lockStaleMs' | 'onLockWait' | 'show'>,
  work: () => Promise<T>,
): Promise<T> {
  const show = options.show ?? ((absolute: string) => absolute);
  const parent = path.dirname(outDir);
  const lockPath = path.join(parent, `.dtoforge-lock-${path.basename(outDir)}`);
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw wrap(error, `create the output folder ${show(outDir)}`, show);
  }
  const stale = options.lockStaleMs ?? LOCK_STALE_MS;
  let compromised: Error | undefined;
  const lockOptions = {
    realpath: false,
    lockfilePath: lockPath,
    stale,
    onCompromised: (error: Error) => {
      compromised = error;
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lock(outDir, { ...lockOptions, retries: 0 });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ELOCKED') {
      throw wrap(error, `lock the output folder ${show(outDir)}`, show);
    }
    options.onLockWait?.();
    const waitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
    const started = Date.now();
    try {
      release = await lock(outDir, {
        ...lockOptions,
        retries: { retries: Math.ceil(waitMs / 100), factor: 1, minTimeout: 100, maxTimeout: 100 },
      });
    } catch (again) {
      if ((again as { code?: unknown }).code !== 'ELOCKED') {
        throw wrap(again, `lock the output folder ${show(outDir)}`, show);
      }
      const seconds = Math.round((Date.now() - started) / 1000);
      throw new OutputError(
        `Another dtoforge run is writing ${show(outDir)} (it holds the lock ${show(lockPath)}); waited ${seconds} s. Run again when it has finished; if no dtoforge run is active, the lock is taken over ${Math.round(stale / 1000)} s after its run died.`,
      );
    }
  }
  try {
    const value = await work();
    if (compromised) {
      throw new OutputError(
        `Lost the lock on ${show(outDir)} while writing (${compromised.message}); another run may have written it too: run again`,
      );
    }
    return value;
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * The output folder's entries that dtoforge did not write: files and symlinks, empty folders,
 * and node_modules folders (listed, not walked); and every folder's mode.
 */
async function listUserEntries(
  outDir: string,
  managed: ReadonlySet<string>,
): Promise<{
  files: string[];
  folders: string[];
  emptyFolders: string[];
  folderModes: Map<string, number>;
}> {
  const files: string[] = [];
  const folders: string[] = [];
  const emptyFolders: string[] = [];
  const folderModes = new Map<string, number>();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(outDir, relative), { withFileTypes: true });
    if (entries.length === 0 && relative !== '') emptyFolders.push(relative);
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules') {
          folders.push(child);
          continue;
        }
        folderModes.set(child, (await lstat(path.join(outDir, child))).mode & 0o7777);
        await walk(child);
      } else if (!managed.has(child)) {
        files.push(child);
      }
    }
  };
  await walk('');
  return { files, folders, emptyFolders, folderModes };
}

/** Copy a file (with its mode) or a symlink (as a symlink). */
async function copyEntry(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  const info = await lstat(from);
  if (info.isSymbolicLink()) await symlink(await readlink(from), to);
  else await copyFile(from, to);
}

/** A `node:fs` error as an {@link FsError} (other errors unchanged). */
function wrap(error: unknown, task: string, show: ShowPath): Error {
  if (error instanceof FsError || error instanceof OutputError) return error;
  if (isErrnoError(error)) return new FsError(task, error, show);
  return error instanceof Error ? error : new Error(String(error));
}
