/**
 * Printing: diagnostics through vfile-reporter, summary lines, and the progress line.
 */
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { countMessages } from '../diagnostics.js';
import type { Progress, RunStats } from '../pipeline.js';
import { useColor } from './io.js';
import type { CliIo, CliOutput } from './io.js';

/** At most this many messages are printed per file (errors first); the rest are counted. */
export const MAX_MESSAGES_PER_FILE = 50;

/**
 * Print the messages of `files` on stderr (nothing when there are none and `quiet`): at most
 * {@link MAX_MESSAGES_PER_FILE} per file (the others counted in a line after them), every
 * control character of the page text shown as an escape (`\x1B`), so that a page can never
 * drive the terminal.
 *
 * @param io
 *   The CLI streams.
 * @param files
 *   Files with messages.
 * @param quiet
 *   Only files with messages, only errors.
 */
export function printDiagnostics(io: CliIo, files: readonly VFile[], quiet: boolean): void {
  const color = useColor(io.stderr, io.env);
  const notes: string[] = [];
  const shown = files.map((file) => {
    const messages = file.messages.filter((message) => !quiet || message.fatal === true);
    const kept = [
      ...messages.filter((message) => message.fatal === true),
      ...messages.filter((message) => message.fatal !== true),
    ].slice(0, MAX_MESSAGES_PER_FILE);
    const copy = new VFile({ path: escapeControl(file.path) });
    for (const message of kept) {
      const clone = copy.message(escapeControl(message.reason), {
        ...(message.place ? { place: message.place } : {}),
        ...(message.ruleId ? { ruleId: message.ruleId } : {}),
        ...(message.source ? { source: message.source } : {}),
      });
      clone.fatal = message.fatal;
    }
    const hidden = messages.length - kept.length;
    if (hidden > 0) {
      const rest = messages.filter((message) => !kept.includes(message));
      const errors = rest.filter((message) => message.fatal === true).length;
      const left = { errors, warnings: rest.length - errors };
      notes.push(
        `… ${hidden.toLocaleString('en-US')} more ${hidden === 1 ? 'message' : 'messages'} in ${copy.path} not shown (${plural(left.errors, 'error')}, ${plural(left.warnings, 'warning')}; at most ${MAX_MESSAGES_PER_FILE} are printed per file)`,
      );
    }
    return copy;
  });
  let text = reporter(shown, { quiet: true, silent: quiet, color });
  if (notes.length > 0) {
    // Note: vfile-reporter's last line counts the messages it printed; say the true totals.
    const lines = text.split('\n');
    const total = countMessages(files);
    const byline = byLine(quiet ? { ...total, warnings: 0 } : total, color);
    if (lines.length > 2 && lines.at(-2) === '') lines.splice(-2, 2);
    text = [...lines, ...notes.map((note) => `  ${note}`), '', byline].join('\n');
  }
  if (text !== '') io.stderr.write(`${text}\n`);
}

/** vfile-reporter's summary line (`✖ 2 errors, ⚠ 1 warning`) for given totals. */
function byLine(counts: { errors: number; warnings: number }, color: boolean): string {
  const paint = (code: string, text: string): string =>
    color ? `\u001B[${code}m${text}\u001B[39m` : text;
  return [
    counts.errors > 0 ? `${paint('31', '✖')} ${plural(counts.errors, 'error')}` : '',
    counts.warnings > 0 ? `${paint('33', '⚠')} ${plural(counts.warnings, 'warning')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Text from a page (or a path, an argument) with its control characters visible: C0 and C1
 * controls, DEL, and the bidirectional overrides as `\x1B` / `\u202E`; line feeds and tabs are
 * kept.
 *
 * @param text
 *   Any text.
 */
export function escapeControl(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
    (char) => {
      const code = char.charCodeAt(0);
      return code < 0x100
        ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
        : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    },
  );
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

/** What the progress line says for each emit step. */
const EMIT_STEPS: Record<string, string> = {
  sources: 'writing the sources',
  compile: 'compiling',
  format: 'formatting',
  check: 'checking the samples',
};

/**
 * A progress line on stderr: only on a TTY and not with `--quiet`. Redrawn when the phase or the
 * step changes (else at most every 50 ms), and every 250 ms while the run waits (so the time
 * moves during a long emit step).
 *
 * @param output
 *   stderr.
 * @param enabled
 *   False to draw nothing.
 */
export function createProgressLine(output: CliOutput, enabled: boolean): ProgressLine {
  let drawn = false;
  let last = 0;
  let stage = '';
  let latest: Progress | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const started = performance.now();
  const draw = (progress: Progress, now: number): void => {
    const seconds = ((now - started) / 1000).toFixed(1);
    const step =
      progress.step === undefined ? '' : `: ${EMIT_STEPS[progress.step] ?? progress.step}`;
    const text =
      progress.phase === 'parse' || progress.phase === 'read'
        ? `Parsing pages ${progress.pagesDone}/${progress.pages}`
        : progress.phase === 'model'
          ? `Naming types from ${plural(progress.pages, 'page')}`
          : `Emitting ${plural(progress.types, 'type')} from ${plural(progress.pages, 'page')}${step}`;
    const width = (output.columns ?? 80) - 1;
    output.write(`\r\u001B[K${`${text} · ${seconds} s`.slice(0, width)}`);
    drawn = true;
  };
  return {
    update(progress) {
      if (!enabled || output.isTTY !== true) return;
      latest = progress;
      const now = performance.now();
      const key = `${progress.phase}:${progress.step ?? ''}`;
      if (key === stage && now - last < 50) return;
      last = now;
      stage = key;
      draw(progress, now);
      ticker ??= setInterval(() => {
        if (latest && drawn) draw(latest, performance.now());
      }, 250).unref();
    },
    clear() {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      if (drawn) output.write('\r\u001B[K');
      drawn = false;
    },
  };
}
