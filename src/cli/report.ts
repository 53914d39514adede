/**
 * Printing: diagnostics through vfile-reporter, summary lines, and the progress line.
 */
import { reporter } from 'vfile-reporter';
import type { VFile } from 'vfile';
import type { Progress, RunStats } from '../pipeline.js';
import { useColor } from './io.js';
import type { CliIo, CliOutput } from './io.js';

/**
 * Print the messages of `files` on stderr (nothing when there are none and `quiet`).
 *
 * @param io
 *   The CLI streams.
 * @param files
 *   Files with messages.
 * @param quiet
 *   Only files with messages, only errors.
 */
export function printDiagnostics(io: CliIo, files: readonly VFile[], quiet: boolean): void {
  const text = reporter([...files], {
    quiet: true,
    silent: quiet,
    color: useColor(io.stderr, io.env),
  });
  if (text !== '') io.stderr.write(`${text}\n`);
}

/**
 * `1 page`, `2 pages`.
 *
 * @param count
 *   How many.
 * @param word
 *   The singular.
 */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * `1 operation, 47 types from 1 page in 812 ms (0 errors, 3 warnings)`.
 *
 * @param stats
 *   The run's counts.
 */
export function describeRun(stats: RunStats): string {
  return (
    `${plural(stats.operations, 'operation')}, ${plural(stats.types, 'type')} from ` +
    `${plural(stats.pages, 'page')} in ${stats.ms} ms ` +
    `(${plural(stats.errors, 'error')}, ${plural(stats.warnings, 'warning')})`
  );
}

/** A progress line on a TTY, redrawn in place and cleared at the end. */
export interface ProgressLine {
  update(progress: Progress): void;
  clear(): void;
}

/**
 * A progress line on stderr: only on a TTY and not with `--quiet`. Redrawn when the phase
 * changes, else at most every 50 ms.
 *
 * @param output
 *   stderr.
 * @param enabled
 *   False to draw nothing.
 */
export function createProgressLine(output: CliOutput, enabled: boolean): ProgressLine {
  let drawn = false;
  let last = 0;
  let phase = '';
  const started = performance.now();
  return {
    update(progress) {
      if (!enabled || output.isTTY !== true) return;
      const now = performance.now();
      if (progress.phase === phase && now - last < 50) return;
      last = now;
      phase = progress.phase;
      const seconds = ((now - started) / 1000).toFixed(1);
      const text =
        progress.phase === 'parse' || progress.phase === 'read'
          ? `Parsing pages ${progress.pagesDone}/${progress.pages}`
          : progress.phase === 'model'
            ? `Naming types from ${plural(progress.pages, 'page')}`
            : `Emitting ${plural(progress.types, 'type')} from ${plural(progress.pages, 'page')}`;
      const width = (output.columns ?? 80) - 1;
      output.write(`\r\u001B[K${`${text} · ${seconds} s`.slice(0, width)}`);
      drawn = true;
    },
    clear() {
      if (drawn) output.write('\r\u001B[K');
      drawn = false;
    },
  };
}
