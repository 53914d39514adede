/**
 * What the CLI reads and writes, injectable so that tests run `main()` in-process.
 */
import type { Emitter } from '../pipeline.js';

/** A stream the CLI writes to (`process.stdout`, `process.stderr`, or a test buffer). */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export interface CliIo {
  /** The working folder. */
  cwd: string;
  stdout: CliOutput;
  stderr: CliOutput;
  /** Read by `dtoforge validate <Type> -`. */
  stdin: AsyncIterable<string | Uint8Array>;
  /** Environment (`NO_COLOR`, `FORCE_COLOR`). */
  env: Record<string, string | undefined>;
  /** The emit stage (tests inject fakes; default: dtoforge's `emitPackage`). */
  emit?: Emitter | undefined;
  /** Stops `generate --watch` (default: SIGINT or SIGTERM). */
  signal?: AbortSignal | undefined;
}

let pipeHandled = false;

/** The real process's streams. */
export function processIo(): CliIo {
  if (!pipeHandled) {
    pipeHandled = true;
    // Note: `dtoforge inspect | head` closes stdout early; that is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  };
}

/**
 * Whether to colour output on a stream: only on a TTY, unless `NO_COLOR` or `FORCE_COLOR` says
 * otherwise.
 *
 * @param output
 *   The stream.
 * @param env
 *   The environment.
 */
export function useColor(output: CliOutput, env: CliIo['env']): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0';
  return output.isTTY === true;
}
