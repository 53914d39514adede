/**
 * The `dtoforge` command (bin/dtoforge.js runs the compiled copy of this file).
 *
 * Exit codes: 0 ok; 1 diagnostics with errors, an out-of-date package (`--check`) or an invalid
 * document (`validate`); 2 usage or config error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { VFile } from 'vfile';
import { ConfigError, loadConfig } from '../config/load.js';
import { FsError, describeFsError, displayPath, isErrnoError } from '../fs-error.js';
import type { GenerateResult } from '../index.js';
import { OutputError } from '../write.js';
import type { Recovery, WriteOptions } from '../write.js';
import type { WatchRun } from '../watch.js';
import { processIo } from './io.js';
import type { CliIo } from './io.js';
import {
  createProgressLine,
  describeRun,
  escapeControl,
  plural,
  printDiagnostics,
} from './report.js';
import { PackageNotFoundError } from './validate.js';

// Note: the stages (remark, ts-morph, chokidar) are imported by the commands that use them, so
// that `--help` and `--version` start fast.

/** Exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A usage problem found by a command itself (exit 2). */
class UsageError extends Error {
  override name = 'UsageError';
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

interface CommonOptions {
  config?: string;
  quiet?: boolean;
}

interface GenerateCliOptions extends CommonOptions {
  check?: boolean;
  watch?: boolean;
  verify?: boolean;
  out?: string;
  force?: boolean;
  allowOutsideProject?: boolean;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  diagnostics with errors, an out-of-date package (--check) or an invalid document
  2  usage or config error, or a problem with the output folder or a file (named)`;

/**
 * Run the CLI.
 *
 * @param argv
 *   Arguments after `node dtoforge` (`['generate', '--check']`).
 * @param overrides
 *   Streams, working folder, emitter, stop signal (tests); default: the process's.
 * @returns
 *   The exit code.
 */
export async function main(argv: string[], overrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = { ...processIo(), ...overrides };
  let code: number = EXIT.ok;
  const program = createProgram(io, (result) => {
    code = result;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    code = exitCodeOf(error, io);
  }
  return code;
}

/** Map a thrown error to an exit code, printing it. */
function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Note: `--help` and `--version` "fail" with exit code 0; parse errors are usage errors.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof ConfigError) {
    printDiagnostics(io, error.files, false);
    return EXIT.usage;
  }
  const message = userMessage(error, io);
  if (message !== undefined) {
    io.stderr.write(`dtoforge: ${escapeControl(message)}\n`);
    return EXIT.usage;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`dtoforge: internal error (please report it): ${detail}\n`);
  return EXIT.failed;
}

/**
 * The message of an error that is the user's to resolve (usage, output folder, file system);
 * `undefined` for a bug of dtoforge's.
 */
function userMessage(error: unknown, io: CliIo): string | undefined {
  if (
    error instanceof UsageError ||
    error instanceof PackageNotFoundError ||
    error instanceof OutputError ||
    error instanceof FsError
  ) {
    return error.message;
  }
  if (isErrnoError(error)) {
    return describeFsError('go on', error, (target) => displayPath(io.cwd, target));
  }
  return undefined;
}

/** The commander program, writing to `io` and reporting exit codes through `setCode`. */
function createProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('dtoforge');
  program
    .description(
      'Generate a typed npm package (interfaces, enums, runtime guards, JSON Schema) from saved ServiceStack metadata pages.',
    )
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showSuggestionAfterError()
    .showHelpAfterError('(run `dtoforge --help` for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ dtoforge generate                      # pages in input/ → package in generated/
  $ dtoforge generate --check              # CI: exit 1 when generated/ is out of date
  $ dtoforge generate --watch              # regenerate on every change
  $ dtoforge inspect input/BuyPhoneNumber.txt
  $ dtoforge validate EndpointInfo response.json
  $ dtoforge openapi --out openapi.json
${EXIT_CODES_HELP}`,
    );

  const configOption = (): Option =>
    new Option(
      '-c, --config <file>',
      'config file (default: dtoforge.config.json in the current folder or above)',
    );
  const quietOption = (): Option => new Option('-q, --quiet', 'print only errors, no summary');

  program
    .command('generate')
    .description('Read the pages, infer the model and write the package to the output folder.')
    .addOption(configOption())
    .addOption(new Option('-o, --out <dir>', 'output folder (default: the config\'s "output")'))
    .addOption(
      new Option('--check', 'write nothing; exit 1 listing every file that would change').conflicts(
        'watch',
      ),
    )
    .addOption(new Option('-w, --watch', 'regenerate when a page or the config changes'))
    .addOption(new Option('--verify', 'type-check the emitted package (strict) before writing it'))
    .addOption(
      new Option(
        '--force',
        'write into an output folder dtoforge did not write, replacing files of yours in the way',
      ),
    )
    .addOption(
      new Option(
        '--allow-outside-project',
        'allow an output folder outside the project (package.json/.git folder)',
      ),
    )
    .addOption(quietOption())
    .addHelpText(
      'after',
      `
The package is built in a temporary folder and swapped in at once; files in the
output folder that dtoforge did not write (see .dtoforge-manifest.json) are kept.
A folder dtoforge did not write (no manifest) is refused unless --force; so is a
file of yours where the package writes. A run that was killed is finished or
rolled back by the next one. Nothing is written when a page has errors.

Examples:
  $ dtoforge generate
  $ dtoforge generate --check
  $ dtoforge generate --verify              # also type-check the output
  $ dtoforge generate --watch
  $ dtoforge generate --config api/dtoforge.config.json --out packages/dtos
${EXIT_CODES_HELP}`,
    )
    .action(async (options: GenerateCliOptions) => {
      setCode(options.watch ? await runWatch(io, options) : await runGenerate(io, options));
    });

  program
    .command('inspect')
    .description('Print the model the pages describe, as JSON (stdout); diagnostics on stderr.')
    .argument('[paths...]', 'page files, folders or globs (default: the config\'s "input")')
    .addOption(configOption())
    .addOption(quietOption())
    .option(
      '--explain',
      'print how each page was read instead of the model: its best readings, the decision made at each point and the evidence terms with their weights',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ dtoforge inspect                              # the config's input pages
  $ dtoforge inspect input/BuyPhoneNumber.txt
  $ dtoforge inspect pages/ 'more/**/*.md' > model.json
  $ dtoforge inspect --explain pages/GetThing.txt # why each table got its name
${EXIT_CODES_HELP}`,
    )
    .action(async (paths: string[], options: CommonOptions & { explain?: boolean }) => {
      setCode(await runInspect(io, paths, options));
    });

  program
    .command('validate')
    .description(
      "Validate a JSON document against a generated type, with the generated package's own validateX.",
    )
    .argument('<type>', 'a type of the generated package (EndpointInfo)')
    .argument('<document>', 'a JSON file, or - for standard input')
    .addOption(configOption())
    .addOption(
      new Option('-o, --out <dir>', 'the generated package (default: the config\'s "output")'),
    )
    .addOption(quietOption())
    .addHelpText(
      'after',
      `
Every issue is printed with its path (e.g. at thirdPartyPhoneSystemSettings.sipSettings
.accounts[0].audioCodecs[0]) and its line:column in the document. Run \`dtoforge generate\` first.

Examples:
  $ dtoforge validate EndpointInfo response.json
  $ curl -s https://api.example.com/endpoints/1 | dtoforge validate EndpointInfo -
${EXIT_CODES_HELP}`,
    )
    .action(async (type: string, source: string, options: CommonOptions & { out?: string }) => {
      setCode(await runValidate(io, type, source, options));
    });

  program
    .command('openapi')
    .description(
      "Write the OpenAPI 3.1 document of the API the pages describe (the package's openapi.json).",
    )
    .argument('[paths...]', 'page files, folders or globs (default: the config\'s "input")')
    .addOption(configOption())
    .addOption(new Option('-o, --out <file>', 'write the document to this file (default: stdout)'))
    .addOption(quietOption())
    .addHelpText(
      'after',
      `
Paths come from the routes, parameters from the Parameter column, schemas from the
types (enums as their wire values); roles are in x-servicestack-roles. Nothing is
written when a page has errors.

Examples:
  $ dtoforge openapi > openapi.json
  $ dtoforge openapi --out api/openapi.json
  $ dtoforge openapi pages/ --config api/dtoforge.config.json
${EXIT_CODES_HELP}`,
    )
    .action(async (paths: string[], options: CommonOptions & { out?: string }) => {
      const { runOpenApi } = await import('./openapi.js');
      setCode(await runOpenApi(io, paths, options));
    });

  return program;
}

/** Options shared by the API calls the commands make. */
function apiOptions(io: CliIo, options: CommonOptions): { cwd: string; config?: string } {
  return { cwd: io.cwd, ...(options.config === undefined ? {} : { config: options.config }) };
}

/** `dtoforge generate [--check]`. */
async function runGenerate(io: CliIo, options: GenerateCliOptions): Promise<number> {
  const quiet = options.quiet === true;
  const progress = createProgressLine(io.stderr, !quiet);
  const { generate } = await import('../index.js');
  let result: GenerateResult;
  try {
    result = await generate({
      ...apiOptions(io, options),
      ...(options.out === undefined ? {} : { out: options.out }),
      write: options.check !== true,
      check: options.check === true,
      verify: options.verify === true,
      ...writeFlags(options),
      writeOptions: writeOptions(io, () => progress.clear()),
      emit: io.emit,
      onProgress: (update) => progress.update(update),
    });
  } finally {
    progress.clear();
  }
  printDiagnostics(io, result.diagnostics, quiet);
  printProblems(io, result.problems);
  const out = displayPath(io.cwd, result.outDir);
  printRecovery(io, out, result.recovered);
  for (const warning of result.warnings) io.stderr.write(`dtoforge: warning: ${warning}\n`);
  if (result.failed) {
    io.stderr.write(
      `Not generated: ${describeRun(result.stats)}${firstError(result.diagnostics)}; ${out} left as it was\n`,
    );
    return EXIT.failed;
  }
  const changes = result.changes ?? [];
  if (options.check) {
    if (changes.length > 0) {
      for (const change of changes)
        io.stderr.write(`  ${change.kind.padEnd(8)} ${out}/${change.path}\n`);
      io.stderr.write(
        `Out of date: ${plural(changes.length, 'file')} in ${out} would change; run \`dtoforge generate\`\n`,
      );
      return EXIT.failed;
    }
    if (!quiet) io.stderr.write(`Up to date: ${out} matches ${describeRun(result.stats)}\n`);
    return EXIT.ok;
  }
  if (!quiet) {
    const what =
      changes.length === 0
        ? `${out} already up to date`
        : `wrote ${out} (${plural(changes.length, 'file')} changed)`;
    const kept = result.preserved?.length
      ? `, kept ${plural(result.preserved.length, 'file')} of yours`
      : '';
    const replaced = result.replaced?.length
      ? `, replaced ${plural(result.replaced.length, 'file')} of yours (--force): ${result.replaced.join(', ')}`
      : '';
    io.stderr.write(`Generated ${describeRun(result.stats)}; ${what}${kept}${replaced}\n`);
  }
  return EXIT.ok;
}

/** `dtoforge generate --watch`: runs until SIGINT/SIGTERM (or `io.signal`). */
async function runWatch(io: CliIo, options: GenerateCliOptions): Promise<number> {
  const quiet = options.quiet === true;
  const onRun = (run: WatchRun): void => {
    const time = new Date().toTimeString().slice(0, 8);
    const cause = run.changed.length > 0 ? `${run.changed.join(', ')} changed; ` : '';
    if (run.error !== undefined) {
      const message = userMessage(run.error, io);
      if (run.error instanceof ConfigError) printDiagnostics(io, run.error.files, false);
      else if (message !== undefined) io.stderr.write(`dtoforge: ${escapeControl(message)}\n`);
      else io.stderr.write(`dtoforge: ${String((run.error as Error).stack ?? run.error)}\n`);
      io.stderr.write(`[${time}] ${cause}not generated (kept the last good package)\n`);
      return;
    }
    const result = run.result;
    if (!result) return;
    printDiagnostics(io, result.diagnostics, quiet);
    printProblems(io, result.problems);
    const out = displayPath(io.cwd, result.outDir);
    printRecovery(io, out, result.recovered);
    for (const warning of result.warnings) io.stderr.write(`dtoforge: warning: ${warning}\n`);
    if (result.failed) {
      io.stderr.write(
        `[${time}] ${cause}not generated: ${describeRun(result.stats)}${firstError(result.diagnostics)}; kept the last good ${out}\n`,
      );
    } else if (!quiet) {
      const wrote = result.written ? `wrote ${out}` : `${out} unchanged`;
      io.stderr.write(
        `[${time}] ${cause}generated in ${run.ms} ms (${wrote}): ${describeRun(result.stats)}\n`,
      );
    }
  };
  // Note: listen for Ctrl-C before anything is printed or generated, so that a signal sent as
  // soon as the first line appears (or during the first run) stops cleanly.
  let stopped = false;
  const stoppedPromise = new Promise<void>((resolve) => {
    const stop = (): void => {
      stopped = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (io.signal) {
      if (io.signal.aborted) stop();
      else io.signal.addEventListener('abort', stop);
    } else {
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }
  });
  const { watchGenerate } = await import('../watch.js');
  const watcher = await watchGenerate({
    cwd: io.cwd,
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.out === undefined ? {} : { out: options.out }),
    ...writeFlags(options),
    writeOptions: writeOptions(io),
    emit: io.emit,
    onRun,
  });
  if (!quiet && !stopped) {
    io.stderr.write('Watching the pages and the config; press Ctrl-C to stop.\n');
  }
  await stoppedPromise;
  await watcher.close();
  if (!quiet) io.stderr.write('Stopped watching.\n');
  return EXIT.ok;
}

/** `dtoforge inspect [paths…]`. */
async function runInspect(
  io: CliIo,
  paths: string[],
  options: CommonOptions & { explain?: boolean },
): Promise<number> {
  const quiet = options.quiet === true;
  const { inspect } = await import('../index.js');
  const result = await inspect({
    ...apiOptions(io, options),
    ...(paths.length > 0 ? { input: paths } : {}),
    ...(options.explain ? { explain: true } : {}),
  });
  if (result.explanations) io.stdout.write(`${result.explanations.join('\n\n')}\n`);
  else io.stdout.write(`${JSON.stringify(result.model, null, 2)}\n`);
  printDiagnostics(io, result.diagnostics, quiet);
  if (!quiet || result.failed) {
    io.stderr.write(`Inspected ${describeRun(result.stats)}${firstError(result.diagnostics)}\n`);
  }
  return result.failed ? EXIT.failed : EXIT.ok;
}

/** `dtoforge validate <type> <document>`. */
async function runValidate(
  io: CliIo,
  type: string,
  source: string,
  options: CommonOptions & { out?: string },
): Promise<number> {
  const quiet = options.quiet === true;
  const { loadValidators, readDocument, suggestTypes, validateDocument } =
    await import('./validate.js');
  let outDir: string;
  if (options.out === undefined) {
    const loaded = await loadConfig(apiOptions(io, options));
    outDir = path.resolve(loaded.root, loaded.config.output);
  } else {
    outDir = path.resolve(io.cwd, options.out);
  }
  const validators = await loadValidators(outDir);
  const validate = validators.get(type);
  if (!validate) {
    const near = suggestTypes(type, validators);
    const hint =
      near.length > 0
        ? `did you mean ${near.join(', ')}?`
        : `known types: ${[...validators.keys()].sort().join(', ') || 'none'}`;
    throw new UsageError(
      `Unexpected type "${type}", expected a type of the generated package; ${hint}`,
    );
  }
  let file;
  try {
    file = await readDocument(source, io.cwd, io.stdin);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`Cannot read ${source} (${code})`);
  }
  const issues = validateDocument(file, validate);
  printDiagnostics(io, [file], quiet);
  if (issues.length > 0) {
    io.stderr.write(
      `Invalid ${type}: ${plural(issues.length, 'issue')} in ${escapeControl(file.path)}\n`,
    );
    return EXIT.failed;
  }
  if (!quiet) io.stderr.write(`Valid ${type}: ${escapeControl(file.path)}\n`);
  return EXIT.ok;
}

/** dtoforge's own failures while emitting (bugs, not the pages' fault). */
function printProblems(io: CliIo, problems: readonly string[]): void {
  for (const problem of problems)
    io.stderr.write(`dtoforge: internal error (please report it): ${problem}\n`);
}

/** ` (first error at page.txt:4:22)`, or nothing: a clickable place in the summary line. */
function firstError(files: readonly VFile[]): string {
  for (const file of files) {
    const message = file.messages.find((candidate) => candidate.fatal === true);
    if (message) {
      const where = message.line === undefined ? '' : `:${message.line}:${message.column ?? 1}`;
      return ` (first error at ${escapeControl(file.path)}${where})`;
    }
  }
  return '';
}

/** `--force` and `--allow-outside-project` as API options. */
function writeFlags(options: GenerateCliOptions): {
  force?: boolean;
  allowOutsideProject?: boolean;
} {
  return {
    ...(options.force ? { force: true } : {}),
    ...(options.allowOutsideProject ? { allowOutsideProject: true } : {}),
  };
}

/** Paths in messages relative to the working folder; a line when another run holds the lock. */
function writeOptions(io: CliIo, beforeWait?: () => void): WriteOptions {
  return {
    show: (target) => displayPath(io.cwd, target),
    onLockWait: () => {
      beforeWait?.();
      io.stderr.write('Waiting for another dtoforge run to finish writing the output folder…\n');
    },
  };
}

/** Say that an interrupted earlier write was finished or rolled back. */
function printRecovery(io: CliIo, out: string, recovered: Recovery | undefined): void {
  if (!recovered) return;
  const swap =
    recovered.swap === 'finished'
      ? `finished the interrupted write of ${out} (the new package was already in place)`
      : recovered.swap === 'rolled-back'
        ? `rolled back the interrupted write of ${out} (your files and node_modules are back)`
        : '';
  const removed =
    recovered.removed.length > 0
      ? `removed ${plural(recovered.removed.length, 'temporary folder')} of interrupted runs`
      : '';
  io.stderr.write(`Recovered: ${[swap, removed].filter(Boolean).join('; ')}\n`);
}
