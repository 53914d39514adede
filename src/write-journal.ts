/**
 * The journal of a swap and the recovery of an interrupted one.
 *
 * Before dtoforge touches the output folder it writes a journal next to it
 * (`.dtoforge-journal-<name>.json`, written to a temporary name and renamed, so it is either
 * complete or absent): the output folder, the new package's temporary folder, the name the old
 * package is moved to, and the `node_modules` folders it carries over. Every run that writes (and
 * `--check`) first reads it: a swap that got as far as moving the new package in is finished (the
 * old copy is removed); any other is rolled back (the old package moved back, `node_modules`
 * moved back into it, the temporary folder removed). Then the temporary folders of earlier runs
 * that died before writing a journal are removed. All of it runs under the output folder's lock.
 */
import { lstat, mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** The manifest's file name, at the root of the output folder (what dtoforge wrote there). */
export const MANIFEST_FILE = '.dtoforge-manifest.json';

/** The prefix of temporary folders (ignored by git through `.dtoforge-tmp-*`). */
export const TEMP_PREFIX = '.dtoforge-tmp-';

/** A swap in progress. */
export interface Journal {
  version: 1;
  /** The process that wrote it. */
  pid: number;
  /** The output folder (absolute). */
  out: string;
  /** The new package's temporary folder (absolute). */
  temp: string;
  /** Where the old package is moved during the swap (absolute). */
  backup: string;
  /** Whether the output folder existed (else there is no old package). */
  existed: boolean;
  /** `node_modules` folders moved from the old package to the new one (relative, `/`). */
  carried: string[];
}

/** What a recovery did. */
export interface Recovery {
  /** `finished`: the new package was in place; `rolled-back`: the old package is back. */
  swap?: 'finished' | 'rolled-back' | undefined;
  /** Temporary folders of interrupted runs that were removed. */
  removed: string[];
}

/** A step of a recovery, for tests that interrupt it too. */
export type RecoveryHook = (step: string) => void | Promise<void>;

/**
 * The journal's path for an output folder.
 *
 * @param outDir
 *   The output folder (absolute).
 */
export function journalPath(outDir: string): string {
  return path.join(path.dirname(outDir), `.dtoforge-journal-${path.basename(outDir)}.json`);
}

/**
 * The prefix of the output folder's temporary folders (`mkdtemp` adds six characters).
 *
 * @param outDir
 *   The output folder (absolute).
 */
export function tempPrefix(outDir: string): string {
  return path.join(path.dirname(outDir), `${TEMP_PREFIX}${path.basename(outDir)}.`);
}

/**
 * Write the journal: to a temporary name, flushed, then renamed (complete or absent).
 *
 * @param journal
 *   The swap about to start.
 */
export async function writeJournal(journal: Journal): Promise<void> {
  const target = journalPath(journal.out);
  const partial = `${target}.partial`;
  const handle = await open(partial, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(journal, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, target);
}

/**
 * Remove the journal (the swap is over).
 *
 * @param outDir
 *   The output folder (absolute).
 */
export async function removeJournal(outDir: string): Promise<void> {
  await rm(journalPath(outDir), { force: true });
}

/** Read the journal; `undefined` when there is none (or it is not one of ours). */
async function readJournal(outDir: string): Promise<Journal | undefined> {
  let text: string;
  try {
    text = await readFile(journalPath(outDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<Journal>;
    if (
      value.version === 1 &&
      typeof value.temp === 'string' &&
      typeof value.backup === 'string' &&
      Array.isArray(value.carried)
    ) {
      return { ...(value as Journal), out: outDir };
    }
  } catch {
    // Note: a journal is renamed into place complete; anything else is not ours to act on.
  }
  return undefined;
}

async function exists(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Undo a swap that did not reach its end: the old package back in place, the carried
 * `node_modules` back into it, the temporary folder removed. Also used when a swap fails in
 * the running process.
 *
 * @param journal
 *   The swap.
 * @param hook
 *   Called after each step (tests).
 */
export async function rollBack(journal: Journal, hook?: RecoveryHook): Promise<void> {
  const { out, temp, backup } = journal;
  if ((await exists(backup)) && !(await exists(out))) {
    await rename(backup, out);
    await hook?.('rollback-old-moved-back');
  }
  for (const folder of journal.carried) {
    const from = path.join(temp, ...folder.split('/'));
    const to = path.join(out, ...folder.split('/'));
    if ((await exists(from)) && !(await exists(to))) {
      await mkdir(path.dirname(to), { recursive: true });
      await rename(from, to);
      await hook?.('rollback-node-modules-moved-back');
    }
  }
  await rm(temp, { recursive: true, force: true });
  await hook?.('rollback-temp-removed');
}

/**
 * Finish or roll back an interrupted swap of `outDir` (from its journal), then remove the
 * temporary folders of runs that died before writing one. Call it holding the output's lock.
 *
 * @param outDir
 *   The output folder (absolute).
 * @param hook
 *   Called after each step (tests).
 * @returns
 *   What was done (nothing: `swap` undefined and `removed` empty).
 */
export async function recoverOutput(outDir: string, hook?: RecoveryHook): Promise<Recovery> {
  const recovery: Recovery = { removed: [] };
  const journal = await readJournal(outDir);
  if (journal) {
    const swapped = (await exists(journal.out)) && !(await exists(journal.temp));
    if (swapped) {
      // The new package is in place: only the old copy is left to remove.
      await rm(journal.backup, { recursive: true, force: true });
      recovery.swap = 'finished';
    } else {
      await rollBack(journal, hook);
      recovery.swap = 'rolled-back';
    }
    await removeJournal(outDir);
    await hook?.('journal-removed');
  }
  const prefix = tempPrefix(outDir);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(prefix))}[A-Za-z0-9]{6}(?:-old)?$`);
  const names = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => pattern.test(candidate)).sort()) {
    await rm(path.join(path.dirname(outDir), name), { recursive: true, force: true });
    recovery.removed.push(name);
    await hook?.('stale-temp-removed');
  }
  await rm(`${journalPath(outDir)}.partial`, { force: true });
  return recovery;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
