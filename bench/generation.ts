/**
 * Generation benchmarks: the whole CLI as a process on input/ (cold start, median of several
 * runs, in turn with openapi-typescript's command line on the package's openapi.json) and on
 * seeded corpora of N pages (wall time, peak memory, per page / per type, growth exponent), the
 * stages in-process, and openapi-typescript over the same type universe.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus, writeCorpus } from './corpus.js';
import { median, runProcess, type ProcessRun } from './harness.js';
import { corpusToOpenApi, runOpenApiTypescript, type OpenApiRun } from './openapi.js';
import { runStages, type StageRun, type StageTimes } from './stages.js';

export interface CliRuns {
  runs: ProcessRun[];
  medianMs: number;
  maxRssBytes: number;
  /** Why a run failed (exit code, time limit), when one did; its time is a lower bound. */
  failure?: string;
}

/** A corpus run's stages in a process of their own (bench/stages-child.ts). */
interface ChildStages {
  times: StageTimes;
  pages: number;
  blocks: number;
  types: number;
  errors: string[];
  errorCount: number;
  problems: string[];
  inputBytes: number;
  maxRssBytes: number;
}

export interface CorpusResult {
  pages: number;
  /** Types in the model (universe + built-ins); from the universe when the stages failed. */
  types: number;
  blocks: number;
  inputBytes: number;
  cli: CliRuns;
  /** The in-process stages (in a child process); undefined when that run failed. */
  stages?: StageTimes;
  /** Wall time of the stages (read → write). */
  stagesMs: number;
  stagesFailure?: string;
  /** Peak RSS of the stages' process. */
  stagesRssBytes: number;
  errors: number;
  openapi: OpenApiRun;
  /**
   * openapi-typescript's command line as a process on the same document written as a file (the
   * same number of runs as dtoforge's), for a whole-process comparison with `cli`.
   */
  openapiCli: CliRuns;
}

export interface GenerationResults {
  input: {
    cli: CliRuns;
    stages: StageTimes;
    types: number;
    /**
     * openapi-typescript's command line on the package's own OpenAPI document (openapi.json, as
     * generate writes it for input/), run in turn with `cli`: the same type universe.
     */
    openapiCli: CliRuns;
    /** The schemas of that document (components.schemas). */
    openapiSchemas: number;
  };
  corpora: CorpusResult[];
  /** log(t(N₂)/t(N₁)) / log(N₂/N₁) over the last two corpora (CLI wall time). */
  growth?: { from: number; to: number; exponent: number; stagesExponent: number };
  /** The in-process run on input/ (for the guard benchmark). */
  inputRun: StageRun;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'dtoforge.js');
const openapiBin = path.join(root, 'bench', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

/**
 * Run Node command lines as processes, `count` rounds of one run each in turn (so that a host
 * that speeds up or slows down during the runs weighs on each alike), each into an empty output
 * path in a temp folder; a command stops at its first failure, the others go on.
 *
 * @param commands
 *   Each command: the script and its arguments given the output path, and its working folder
 *   (default: the temp folder).
 * @param count
 *   Runs of each.
 * @param timeoutMs
 *   The time limit of each process.
 */
async function runCommands(
  commands: readonly { args: (output: string) => string[]; cwd?: string | undefined }[],
  count: number,
  timeoutMs: number,
): Promise<CliRuns[]> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-bench-cli-'));
  const output = path.join(out, 'output');
  const results = commands.map(() => ({
    runs: [] as ProcessRun[],
    failure: undefined as string | undefined,
  }));
  try {
    for (let i = 0; i < count; i++) {
      for (const [index, command] of commands.entries()) {
        const result = results[index]!;
        if (result.failure !== undefined) continue;
        await rm(output, { recursive: true, force: true });
        const run = await runProcess(
          process.execPath,
          command.args(output),
          command.cwd ?? out,
          timeoutMs,
        );
        result.runs.push(run);
        if (run.code !== 0) {
          result.failure = run.timedOut
            ? `killed after ${Math.round(timeoutMs / 1000)} s`
            : `exit ${run.code}: ${lastLines(run.stderr)}`;
        }
      }
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return results.map(({ runs, failure }) => ({
    runs,
    medianMs: median(runs.map((run) => run.wallMs)),
    maxRssBytes: Math.max(...runs.map((run) => run.maxRssBytes)),
    ...(failure === undefined ? {} : { failure }),
  }));
}

/** dtoforge's command line on a config file: `generate` into the output path. */
function dtoforgeCommand(configFile: string) {
  return {
    args: (output: string) => [
      bin,
      'generate',
      '--quiet',
      '--allow-outside-project',
      '--config',
      configFile,
      '--out',
      output,
    ],
    cwd: path.dirname(configFile),
  };
}

/** openapi-typescript's command line on a document: the declarations into the output path. */
function openApiCommand(document: string) {
  return { args: (output: string) => [openapiBin, document, '--output', output] };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ').slice(0, 400);
}

/** The stages on a project folder, in a process of their own. */
async function runStagesChild(
  dir: string,
  timeoutMs: number,
): Promise<ChildStages | { failure: string; wallMs: number; maxRssBytes: number }> {
  const run = await runProcess(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench', 'stages-child.ts'), dir],
    root,
    timeoutMs,
  );
  if (run.code !== 0) {
    return {
      failure: run.timedOut
        ? `killed after ${Math.round(timeoutMs / 1000)} s`
        : `exit ${run.code}: ${lastLines(run.stderr)}`,
      wallMs: run.wallMs,
      maxRssBytes: run.maxRssBytes,
    };
  }
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as ChildStages;
}

function totalOf(times: StageTimes): number {
  return times.read + times.infer + times.emit + times.write;
}

/**
 * Run the generation benchmarks.
 *
 * @param options
 *   `sizes`: corpus page counts; `inputRuns`: CLI runs on input/; `corpusRuns`: CLI runs per
 *   corpus size (fewer for big ones); `log`: progress lines.
 */
export async function benchGeneration(options: {
  sizes: number[];
  inputRuns: number;
  corpusRuns: (pages: number) => number;
  /** The time limit of each process. */
  timeoutMs: number;
  log: (line: string) => void;
}): Promise<GenerationResults> {
  const { log } = options;
  // Note: the stages first: their package's openapi.json is openapi-typescript's input below.
  log('stages on input/ (in-process)');
  const inputRun = await runStages(root);
  const inputDocument = inputRun.emitted.files.find((file) => file.path === 'openapi.json');
  if (!inputDocument) throw new Error('the package of input/ has no openapi.json');
  const openapiSchemas = Object.keys(
    (JSON.parse(inputDocument.content) as { components?: { schemas?: object } }).components
      ?.schemas ?? {},
  ).length;
  // input/: the CLI with the project's own config, written to a temp folder, in turn with
  // openapi-typescript's command line on the same universe.
  log(
    `CLI on input/ and openapi-typescript's command line on its openapi.json, in turn × ${options.inputRuns}`,
  );
  const documentDir = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-bench-input-'));
  let inputCli: CliRuns;
  let inputOpenapiCli: CliRuns;
  try {
    const documentFile = path.join(documentDir, 'openapi.json');
    await writeFile(documentFile, inputDocument.content);
    [inputCli, inputOpenapiCli] = (await runCommands(
      [dtoforgeCommand(path.join(root, 'dtoforge.config.json')), openApiCommand(documentFile)],
      options.inputRuns,
      options.timeoutMs,
    )) as [CliRuns, CliRuns];
  } finally {
    await rm(documentDir, { recursive: true, force: true });
  }
  log(
    `  dtoforge: median ${Math.round(inputCli.medianMs)} ms; openapi-typescript: median ${Math.round(inputOpenapiCli.medianMs)} ms${inputOpenapiCli.failure ? ` (${inputOpenapiCli.failure})` : ''}`,
  );

  const corpora: CorpusResult[] = [];
  for (const pages of options.sizes) {
    const corpus = generateCorpus({ pages, seed: 1 });
    const dir = await mkdtemp(path.join(os.tmpdir(), `dtoforge-bench-corpus-${pages}-`));
    try {
      await writeCorpus(dir, corpus);
      const runs = options.corpusRuns(pages);
      const document = corpusToOpenApi(corpus);
      const documentFile = path.join(dir, 'openapi.json');
      await writeFile(documentFile, JSON.stringify(document));
      log(`corpus of ${pages} pages: CLI and openapi-typescript's command line, in turn × ${runs}`);
      const [cli, openapiCli] = (await runCommands(
        [dtoforgeCommand(path.join(dir, 'dtoforge.config.json')), openApiCommand(documentFile)],
        runs,
        options.timeoutMs,
      )) as [CliRuns, CliRuns];
      log(
        `  dtoforge: median ${Math.round(cli.medianMs)} ms, peak ${Math.round(cli.maxRssBytes / 2 ** 20)} MB${cli.failure ? ` (${cli.failure})` : ''}; openapi-typescript: median ${Math.round(openapiCli.medianMs)} ms${openapiCli.failure ? ` (${openapiCli.failure})` : ''}`,
      );
      log(`corpus of ${pages} pages: stages (own process)`);
      const stages = await runStagesChild(dir, options.timeoutMs);
      log(`corpus of ${pages} pages: openapi-typescript`);
      const openapi = await runOpenApiTypescript(
        JSON.parse(await readFile(documentFile, 'utf8')) as Record<string, unknown>,
      );
      const universeTypes = openapi.schemas;
      if ('failure' in stages) {
        log(`  stages failed: ${stages.failure}`);
        corpora.push({
          pages,
          types: universeTypes,
          blocks: 0,
          inputBytes: corpus.pages.reduce((sum, page) => sum + page.text.length, 0),
          cli,
          stagesMs: stages.wallMs,
          stagesFailure: stages.failure,
          stagesRssBytes: stages.maxRssBytes,
          errors: 0,
          openapi,
          openapiCli,
        });
      } else {
        corpora.push({
          pages,
          types: stages.types,
          blocks: stages.blocks,
          inputBytes: stages.inputBytes,
          cli,
          stages: stages.times,
          stagesMs: totalOf(stages.times),
          stagesRssBytes: stages.maxRssBytes,
          errors: stages.errorCount,
          openapi,
          openapiCli,
        });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const [first, last] = corpora.slice(-2);
  const growth =
    first && last && first.pages !== last.pages
      ? {
          from: first.pages,
          to: last.pages,
          exponent:
            Math.log(last.cli.medianMs / first.cli.medianMs) / Math.log(last.pages / first.pages),
          stagesExponent:
            Math.log(last.stagesMs / first.stagesMs) / Math.log(last.pages / first.pages),
        }
      : undefined;
  return {
    input: {
      cli: inputCli,
      stages: inputRun.times,
      types: inputRun.types,
      openapiCli: inputOpenapiCli,
      openapiSchemas,
    },
    corpora,
    ...(growth ? { growth } : {}),
    inputRun,
  };
}
