/**
 * `dtoforge openapi [paths…] [--out file]`: the OpenAPI 3.1 document of the API the pages
 * describe, the same text as the generated package's `openapi.json`, on stdout or in a file.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './io.js';
import { describeRun, printDiagnostics } from './report.js';

export interface OpenApiCliOptions {
  config?: string;
  out?: string;
  quiet?: boolean;
}

/**
 * Write a file in one step: a temporary file next to it, renamed over it.
 *
 * @param file
 *   The file.
 * @param text
 *   Its content.
 */
async function writeWhole(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.dtoforge-${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Run `dtoforge openapi`.
 *
 * @param io
 *   Streams and working folder.
 * @param paths
 *   Pages (default: the config's `input`).
 * @param options
 *   `--config`, `--out`, `--quiet`.
 * @returns
 *   The exit code: 0, or 1 when a page has errors (nothing is written then).
 */
export async function runOpenApi(
  io: CliIo,
  paths: string[],
  options: OpenApiCliOptions,
): Promise<number> {
  const quiet = options.quiet === true;
  const { inspect } = await import('../index.js');
  const { renderOpenApi } = await import('../emit/index.js');
  const result = await inspect({
    cwd: io.cwd,
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(paths.length > 0 ? { input: paths } : {}),
  });
  printDiagnostics(io, result.diagnostics, quiet);
  if (result.failed) {
    io.stderr.write(`Not written: ${describeRun(result.stats)} (the pages have errors)\n`);
    return 1;
  }
  const text = await renderOpenApi(result.model, result.config);
  if (options.out === undefined) {
    io.stdout.write(text);
  } else {
    await writeWhole(path.resolve(io.cwd, options.out), text);
  }
  if (!quiet) {
    const where = options.out === undefined ? 'stdout' : options.out;
    io.stderr.write(`OpenAPI 3.1 document of ${describeRun(result.stats)}; wrote ${where}\n`);
  }
  return 0;
}
