/**
 * Safe writes of the generated package.
 *
 * The whole package is built in a temporary sibling folder (`<out>/../.dtoforge-tmp-XXXX`), then
 * swapped in with renames (old → backup, new → out, backup removed; restored on failure), so an
 * interrupted or failing run leaves the previous package as it was. A manifest
 * (`.dtoforge-manifest.json`: each written file and its sha256) tells dtoforge's files from the
 * user's: files it did not write are copied into the new package, `node_modules` folders are
 * moved over as they are.
 */
import { createHash } from 'node:crypto';
import {
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from './pipeline.js';

/** The manifest's file name, at the root of the output folder. */
export const MANIFEST_FILE = '.dtoforge-manifest.json';

/** The prefix of temporary folders (ignored by git through `.dtoforge-tmp-*`). */
export const TEMP_PREFIX = '.dtoforge-tmp-';

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

export interface WriteOptions {
  /**
   * Called before each file is written into the temporary folder (tests inject failures here).
   */
  onFile?: ((file: string) => void | Promise<void>) | undefined;
  /** Called after the new package is complete, right before the swap (tests inject failures). */
  beforeSwap?: (() => void | Promise<void>) | undefined;
}

export interface WriteResult {
  /** What changed (empty: nothing was written). */
  changes: Change[];
  /** Files not written by dtoforge that were kept. */
  preserved: string[];
  /** User files that a generated file replaced (same path). */
  replaced: string[];
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
 * Read the manifest of an output folder (`undefined` when there is none or it is unreadable).
 *
 * @param outDir
 *   The output folder.
 */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as unknown;
    const files = (value as Partial<Manifest> | null)?.files;
    if (!files || typeof files !== 'object') return undefined;
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
    const current = await readFile(path.join(outDir, ...file.path.split('/'))).catch(
      () => undefined,
    );
    if (current === undefined) changes.push({ path: file.path, kind: 'added' });
    else if (hashContent(current) !== hashContent(file.content)) {
      changes.push({ path: file.path, kind: 'changed' });
    }
  }
  const kept = new Set(next.map((file) => file.path));
  const previous = await readManifest(outDir);
  for (const old of Object.keys(previous?.files ?? {})) {
    if (kept.has(old)) continue;
    const exists = await lstat(path.join(outDir, ...old.split('/'))).catch(() => undefined);
    if (exists) changes.push({ path: old, kind: 'removed' });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Write the package to `outDir` in one step, keeping files dtoforge did not write. Does nothing
 * when the folder already holds exactly this package.
 *
 * @param outDir
 *   The output folder (absolute).
 * @param files
 *   The package's files (without the manifest).
 * @param options
 *   Hooks for tests (optional).
 */
export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const changes = await diffOutput(outDir, files);
  if (changes.length === 0) return { changes, preserved: [], replaced: [] };

  const parent = path.dirname(outDir);
  await mkdir(parent, { recursive: true });
  const outInfo = await lstat(outDir).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory()) {
    throw new Error(`Output path ${outDir} exists and is not a folder`);
  }
  const temp = await mkdtemp(path.join(parent, TEMP_PREFIX));
  const moved: { from: string; to: string }[] = [];
  let preserved: string[] = [];
  const replaced: string[] = [];
  try {
    const next = withManifest(files);
    const written = new Set(next.map((file) => file.path));
    for (const file of next) {
      await options.onFile?.(file.path);
      const target = path.join(temp, ...file.path.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    let carried: string[] = [];
    if (outInfo) {
      const previous = await readManifest(outDir);
      const managed = new Set([MANIFEST_FILE, ...Object.keys(previous?.files ?? {})]);
      const found = await listUserEntries(outDir, managed);
      carried = found.folders;
      for (const entry of found.files) {
        if (written.has(entry)) {
          replaced.push(entry);
          continue;
        }
        await copyEntry(path.join(outDir, entry), path.join(temp, entry));
        preserved.push(entry);
      }
      for (const folder of found.emptyFolders) {
        await mkdir(path.join(temp, folder), { recursive: true });
      }
    }
    await options.beforeSwap?.();
    // Move node_modules over as they are (copying them would be slow); undone on failure.
    for (const folder of carried) {
      const from = path.join(outDir, folder);
      const to = path.join(temp, folder);
      await mkdir(path.dirname(to), { recursive: true });
      await rename(from, to);
      moved.push({ from, to });
    }
    await swapFolders(temp, outDir, outInfo !== undefined);
    preserved = preserved.sort();
    return { changes, preserved, replaced: replaced.sort() };
  } catch (error) {
    for (const { from, to } of moved.reverse()) {
      await rename(to, from).catch(() => undefined);
    }
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Replace `outDir` by `temp`: old → backup, temp → out, drop backup; restore on failure. */
async function swapFolders(temp: string, outDir: string, outExists: boolean): Promise<void> {
  if (!outExists) {
    await rename(temp, outDir);
    return;
  }
  const backup = `${temp}-old`;
  await rename(outDir, backup);
  try {
    await rename(temp, outDir);
  } catch (error) {
    await rename(backup, outDir);
    throw error;
  }
  await rm(backup, { recursive: true, force: true });
}

/**
 * The output folder's entries that dtoforge did not write: files and symlinks, empty folders,
 * and node_modules folders (listed, not walked).
 */
async function listUserEntries(
  outDir: string,
  managed: ReadonlySet<string>,
): Promise<{ files: string[]; folders: string[]; emptyFolders: string[] }> {
  const files: string[] = [];
  const folders: string[] = [];
  const emptyFolders: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(outDir, relative), { withFileTypes: true });
    if (entries.length === 0 && relative !== '') emptyFolders.push(relative);
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules') folders.push(child);
        else await walk(child);
      } else if (!managed.has(child)) {
        files.push(child);
      }
    }
  };
  await walk('');
  return { files, folders, emptyFolders };
}

/** Copy a file or a symlink (as a symlink). */
async function copyEntry(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  const info = await lstat(from);
  if (info.isSymbolicLink()) await symlink(await readlink(from), to);
  else await copyFile(from, to);
}
