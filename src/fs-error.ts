/**
 * File-system problems as messages a user can act on: what dtoforge was doing, the path, what
 * went wrong in words and the error code (`Cannot write generated: permission denied (EACCES)
 * creating a temporary folder in /work`). The CLI prints them and exits 2; "internal error" is
 * kept for dtoforge's own bugs.
 */
import path from 'node:path';

/** A Node.js file-system error (`fs` sets `code`, `syscall`, `path` and, for two paths, `dest`). */
export interface ErrnoError extends Error {
  code: string;
  syscall?: string | undefined;
  path?: string | undefined;
  dest?: string | undefined;
}

/** What the codes mean, in words. */
const CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'already exists',
  ENOTEMPTY: 'the folder is not empty',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'the file or folder is busy',
  EXDEV: 'the paths are on different devices',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  ETXTBSY: 'the file is busy',
  EINVAL: 'invalid argument',
};

/** What a system call was doing, as a verb phrase about its path. */
const ACTIONS: Record<string, string> = {
  mkdir: 'creating the folder',
  mkdtemp: 'creating a temporary folder',
  open: 'opening',
  read: 'reading',
  write: 'writing',
  rename: 'moving',
  copyfile: 'copying',
  unlink: 'removing',
  rmdir: 'removing the folder',
  rm: 'removing',
  scandir: 'listing the folder',
  opendir: 'listing the folder',
  lstat: 'reading',
  stat: 'reading',
  chmod: 'setting the mode of',
  symlink: 'creating the symbolic link',
  readlink: 'reading the symbolic link',
  realpath: 'resolving',
  access: 'checking',
  fsync: 'flushing',
};

/**
 * True for an error thrown by `node:fs` (it has a string `code` such as `EACCES` and a
 * `syscall`).
 *
 * @param error
 *   Anything thrown.
 */
export function isErrnoError(error: unknown): error is ErrnoError {
  return (
    error instanceof Error &&
    typeof (error as Partial<ErrnoError>).code === 'string' &&
    typeof (error as Partial<ErrnoError>).syscall === 'string'
  );
}

/** How to show a path in a message (the CLI shows paths inside the working folder relative). */
export type ShowPath = (absolute: string) => string;

/**
 * A path for messages: relative to `cwd` when inside it, else absolute (never `../../..`).
 *
 * @param cwd
 *   The working folder.
 * @param target
 *   The path.
 */
export function displayPath(cwd: string, target: string): string {
  const absolute = path.resolve(cwd, target);
  const relative = path.relative(cwd, absolute);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/** A file-system problem while reading or writing the output folder: exit 2, not a bug. */
export class FsError extends Error {
  override name = 'FsError';
  /** The error code (`EACCES`). */
  readonly code: string;
  /** The `node:fs` error. */
  readonly error: ErrnoError;

  /**
   * @param task
   *   What dtoforge was doing, as `Cannot <task>` reads (`write the package to generated`).
   * @param error
   *   The `node:fs` error.
   * @param show
   *   Formats the error's paths (default: as they are).
   */
  constructor(task: string, error: ErrnoError, show?: ShowPath) {
    super(describeFsError(task, error, show));
    this.code = error.code;
    this.error = error;
  }
}

/**
 * Any thrown value as an `ErrnoError` (a non-fs error becomes `EIO`, keeping its message).
 *
 * @param error
 *   Anything thrown.
 */
export function asErrnoError(error: unknown): ErrnoError {
  if (isErrnoError(error)) return error;
  const wrapped = new Error(String(error)) as ErrnoError;
  wrapped.code = (error as { code?: unknown } | null)?.code?.toString() ?? 'EIO';
  return wrapped;
}

/**
 * `Cannot <task>: permission denied (EACCES) moving /a to /b`.
 *
 * @param task
 *   What dtoforge was doing.
 * @param error
 *   The `node:fs` error.
 * @param show
 *   Formats a path (default: as it is).
 */
export function describeFsError(
  task: string,
  error: ErrnoError,
  show: ShowPath = (absolute) => absolute,
): string {
  const what = CODES[error.code] ?? error.message.replace(/^[A-Z]+: /, '').split(',')[0];
  const action = ACTIONS[error.syscall ?? ''] ?? error.syscall ?? 'accessing';
  const target = error.path === undefined ? '' : ` ${show(error.path)}`;
  const dest = error.dest === undefined ? '' : ` to ${show(error.dest)}`;
  return `Cannot ${task}: ${what} (${error.code}) ${action}${target}${dest}`;
}
