/**
 * Run dtoforge's stages in-process on a folder of pages, with a timer around each: read (parse
 * each page), infer (build the model), emit (`emitPackage`, which formats as its last step),
 * format (prettier alone, measured again on the emitted sources and docs), write (the package to a temp
 * folder with `writeOutput`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { emitPackage, type EmitResult } from '../src/emit/index.js';
import { formatFile } from '../src/emit/format.js';
import { buildModel, type ReadPage } from '../src/model/index.js';
import type { Model } from '../src/model/model.js';
import { readPage } from '../src/parse/index.js';
import { writeOutput } from '../src/write.js';

export interface StageTimes {
  read: number;
  infer: number;
  /** `emitPackage` as a whole (formatting included). */
  emit: number;
  /** prettier over the emitted sources and docs, one thread (measured again after emit). */
  format: number;
  write: number;
}

export interface StageRun {
  times: StageTimes;
  pages: number;
  blocks: number;
  types: number;
  errors: string[];
  problems: string[];
  model: Model;
  emitted: EmitResult;
  config: DtoforgeConfig;
  /** Bytes of page text read. */
  inputBytes: number;
  /** `process.memoryUsage().rss` after the run, bytes. */
  rssAfter: number;
}

/**
 * Run the stages on a dtoforge project folder (its `dtoforge.config.json` and input pages).
 *
 * @param dir
 *   The project folder.
 * @param options
 *   `format`: measure prettier alone too (default true).
 */
export async function runStages(
  dir: string,
  options: { format?: boolean; configFile?: string } = {},
): Promise<StageRun> {
  const configPath = options.configFile ?? path.join(dir, 'dtoforge.config.json');
  const config = resolveConfig(
    JSON.parse(await readFile(configPath, 'utf8')) as Partial<DtoforgeConfig>,
  );
  const inputDir = path.resolve(path.dirname(configPath), config.input[0] ?? 'input');
  const { readdir } = await import('node:fs/promises');
  const names = (await readdir(inputDir)).filter((name) => /\.(txt|md)$/.test(name)).sort();
  const texts = await Promise.all(
    names.map(async (name) => ({
      path: path.join(path.relative(dir, inputDir), name),
      value: await readFile(path.join(inputDir, name), 'utf8'),
    })),
  );
  const inputBytes = texts.reduce((sum, text) => sum + text.value.length, 0);

  let started = performance.now();
  const pages: ReadPage[] = texts.map((text) => {
    const file = new VFile({ path: text.path, value: text.value });
    return { file, page: readPage(file) };
  });
  const read = performance.now() - started;

  started = performance.now();
  const model = buildModel(pages, config);
  const infer = performance.now() - started;

  started = performance.now();
  const emitted = await emitPackage({
    model,
    config,
    pages: new Map(pages.map(({ file }) => [file.path, file])),
  });
  const emit = performance.now() - started;

  let format = Number.NaN;
  if (options.format !== false) {
    started = performance.now();
    // Note: prettier is deterministic; formatting its own output again costs what the first
    // pass cost (the same parse and print), which is what this measures.
    // emitPackage formats the sources and docs (not the compiled dist/), on worker threads
    // while it compiles: this is prettier's CPU cost for the same files on one thread.
    const seen = new Set<string>();
    for (const file of emitted.files) {
      if (file.path.startsWith('dist/')) continue;
      const key = `${path.extname(file.path)}\0${file.content}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await formatFile(file.path, file.content);
    }
    format = performance.now() - started;
  }

  const out = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-bench-out-'));
  started = performance.now();
  await writeOutput(path.join(out, 'generated'), emitted.files);
  const write = performance.now() - started;
  await rm(out, { recursive: true, force: true });

  const errors = pages.flatMap(({ file }) =>
    file.messages.filter((message) => message.fatal === true).map(String),
  );
  return {
    times: { read, infer, emit, format, write },
    pages: pages.length,
    blocks: pages.reduce((sum, { page }) => sum + page.blocks.length, 0),
    types: model.types.length,
    errors,
    problems: emitted.problems,
    model,
    emitted,
    config,
    inputBytes,
    rssAfter: process.memoryUsage().rss,
  };
}
